import { describe, expect, it } from "vitest";
import { changeValueText, describeChanges } from "./audit-changes";

describe("describeChanges", () => {
  it("reads updates as from → to", () => {
    expect(describeChanges({ role: { from: "editor", to: "admin" } })).toEqual([
      { field: "role", from: "editor", to: "admin" },
    ]);
  });

  it("reads facts as plain values", () => {
    expect(describeChanges({ email: "a@b.cl", newAccount: true })).toEqual([
      { field: "email", value: "a@b.cl" },
      { field: "newAccount", value: true },
    ]);
  });

  it("shows nothing (rather than failing) for unexpected shapes", () => {
    for (const odd of [null, undefined, "text", 3, ["a"]]) expect(describeChanges(odd)).toEqual([]);
  });
});

describe("changeValueText", () => {
  it("keeps scalars, marks empty values, and serializes the rest", () => {
    expect(changeValueText("es")).toBe("es");
    expect(changeValueText(false)).toBe("false");
    expect(changeValueText(null)).toBeNull();
    expect(changeValueText("")).toBeNull();
    expect(changeValueText({ a: 1 })).toBe('{"a":1}');
  });
});
