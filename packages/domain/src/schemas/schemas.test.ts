import { describe, expect, it } from "vitest";
import { zLoginInput } from "./auth";
import { zUpdateCommuneInput } from "./communes";
import { zAcceptInvitationInput, zInviteMemberInput } from "./members";

describe("input schemas", () => {
  it("normalises e-mail addresses", () => {
    expect(zInviteMemberInput.parse({ email: "  Ana.Perez@LaSerena.CL ", role: "editor" }).email).toBe(
      "ana.perez@laserena.cl",
    );
  });

  it("rejects unknown roles and malformed addresses", () => {
    expect(zInviteMemberInput.safeParse({ email: "ana@laserena.cl", role: "owner" }).success).toBe(false);
    expect(zLoginInput.safeParse({ email: "ana@", password: "x" }).success).toBe(false);
  });

  it("requires a strong enough password only when one is set", () => {
    const token = "a".repeat(43);
    expect(zAcceptInvitationInput.safeParse({ token, password: "short" }).success).toBe(false);
    expect(zAcceptInvitationInput.safeParse({ token }).success).toBe(true);
    expect(zAcceptInvitationInput.safeParse({ token: "short" }).success).toBe(false);
  });

  it("accepts only http(s) websites and refuses an empty update", () => {
    expect(zUpdateCommuneInput.safeParse({ websiteUrl: "javascript:alert(1)" }).success).toBe(false);
    expect(zUpdateCommuneInput.safeParse({ websiteUrl: "https://www.laserena.cl" }).success).toBe(true);
    expect(zUpdateCommuneInput.safeParse({}).success).toBe(false);
  });
});
