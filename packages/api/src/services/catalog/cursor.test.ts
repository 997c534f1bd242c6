import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";

describe("catalog cursors", () => {
  const id = "01936d3c-6f3a-7b8e-9c1d-2e3f4a5b6c7d";

  it("round-trip the sort key and id", () => {
    expect(decodeCursor(encodeCursor("2026-10-01 12:00:00+00", id))).toEqual(["2026-10-01 12:00:00+00", id]);
    expect(decodeCursor(encodeCursor(0.0607927, id))).toEqual([0.0607927, id]);
  });

  it("ignore anything that is not one of ours", () => {
    for (const bad of [
      "",
      "garbage",
      Buffer.from('["x", "not-a-uuid"]').toString("base64url"),
      Buffer.from("{}").toString("base64url"),
    ]) {
      expect(decodeCursor(bad)).toBeNull();
    }
    expect(decodeCursor(undefined)).toBeNull();
  });
});
