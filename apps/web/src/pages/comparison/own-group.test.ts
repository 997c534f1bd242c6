import { describe, expect, it } from "vitest";
import { groupToSend, isBuiltInGroup, WHOLE_COALITION } from "./own-group";

const A = "11111111-1111-4111-8111-111111111111";
const B = "22222222-2222-4222-8222-222222222222";
const PORTS = "33333333-3333-4333-8333-333333333333";

describe("groupToSend", () => {
  it("sends the built-in groups as they are, in any coalition", () => {
    expect(groupToSend(WHOLE_COALITION, A, undefined)).toBe("coalition");
    expect(groupToSend({ coalitionId: A, group: "region" }, B, [])).toBe("region");
    expect(groupToSend({ coalitionId: "", group: "band" }, A, undefined)).toBe("band");
  });

  it("sends a custom group in the coalition it was picked in, while its groups load or when listed", () => {
    const choice = { coalitionId: A, group: PORTS };
    expect(groupToSend(choice, A, undefined)).toBe(PORTS);
    expect(groupToSend(choice, A, [{ id: PORTS }])).toBe(PORTS);
  });

  it("falls back to the whole coalition for a custom group of another coalition or no longer listed", () => {
    const choice = { coalitionId: A, group: PORTS };
    expect(groupToSend(choice, B, undefined)).toBe("coalition");
    expect(groupToSend(choice, B, [{ id: PORTS }])).toBe("coalition");
    expect(groupToSend(choice, A, [])).toBe("coalition");
  });
});

describe("isBuiltInGroup", () => {
  it("tells the built-in groups from a custom group's id", () => {
    expect(isBuiltInGroup("coalition")).toBe(true);
    expect(isBuiltInGroup("region")).toBe(true);
    expect(isBuiltInGroup(PORTS)).toBe(false);
  });
});
