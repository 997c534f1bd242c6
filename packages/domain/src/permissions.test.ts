import { describe, expect, it } from "vitest";
import { ACTIONS, can } from "./permissions";

describe("permissions", () => {
  it("gives admins every action", () => {
    expect(ACTIONS.filter((action) => can("admin", action))).toEqual([...ACTIONS]);
  });

  it("lets editors write and submit use cases but not publish them; viewers only read", () => {
    expect(can("editor", "useCases.write")).toBe(true);
    expect(can("editor", "useCases.submit")).toBe(true);
    expect(can("editor", "useCases.publish")).toBe(false);
    expect(can("viewer", "useCases.read")).toBe(true);
    expect(can("viewer", "useCases.write")).toBe(false);
    expect(can("viewer", "discussion.post")).toBe(false);
  });

  it("lets editors and viewers read but not manage the commune", () => {
    for (const role of ["editor", "viewer"] as const) {
      expect(can(role, "members.read")).toBe(true);
      expect(can(role, "commune.read")).toBe(true);
      for (const action of [
        "members.invite",
        "members.updateRole",
        "members.remove",
        "commune.update",
        "audit.read",
      ] as const) {
        expect(can(role, action)).toBe(false);
      }
    }
  });
});
