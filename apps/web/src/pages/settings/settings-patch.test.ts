import { describe, expect, it } from "vitest";
import { settingsPatch } from "./settings-patch";

const stored = { displayName: null, contactEmail: "ti@laserena.cl", websiteUrl: null, defaultLocale: "es" };
const values = {
  displayName: "",
  contactEmail: "ti@laserena.cl",
  websiteUrl: "",
  defaultLocale: "es" as const,
};

describe("settingsPatch (only what changed, in the API's terms)", () => {
  it("is empty when nothing changed, including an untouched empty display name", () => {
    expect(settingsPatch(stored, values)).toEqual({});
  });

  it("sends changed fields trimmed, and a cleared e-mail as null", () => {
    expect(
      settingsPatch(stored, { ...values, websiteUrl: " https://www.laserena.cl ", contactEmail: "" }),
    ).toEqual({
      websiteUrl: "https://www.laserena.cl",
      contactEmail: null,
    });
  });

  it("sends an emptied display name as '' so validation explains it cannot be cleared", () => {
    expect(settingsPatch({ ...stored, displayName: "La Serena" }, values)).toEqual({ displayName: "" });
  });
});
