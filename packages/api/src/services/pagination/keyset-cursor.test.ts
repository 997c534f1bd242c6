import { AppError } from "@ciar/domain/errors";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./keyset-cursor";

describe("keyset cursors", () => {
  const id = "01936d3c-6f3a-7b8e-9c1d-2e3f4a5b6c7d";
  const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

  it("round-trip the sort key and id", () => {
    expect(decodeCursor(encodeCursor("2026-10-01 12:00:00+00", id), "timestamp")).toEqual([
      "2026-10-01 12:00:00+00",
      id,
    ]);
    expect(decodeCursor(encodeCursor("2026-10-01T12:00:00.000Z", id), "timestamp")).toEqual([
      "2026-10-01T12:00:00.000Z",
      id,
    ]);
    expect(decodeCursor(encodeCursor(0.0607927, id), "real")).toEqual(["0.0607927", id]);
    expect(decodeCursor(encodeCursor("1e-05", id), "real")).toEqual(["1e-05", id]);
    expect(decodeCursor(encodeCursor("12", id), "int")).toEqual(["12", id]);
    expect(decodeCursor(encodeCursor("zoë", id), "text")).toEqual(["zoë", id]);
    expect(decodeCursor(undefined, "text")).toBeNull();
    expect(decodeCursor("", "text")).toBeNull();
  });

  it("refuse, with a 400 code, anything that is not one of ours", () => {
    const cases: Array<[string, Parameters<typeof decodeCursor>[1]]> = [
      ["garbage", "text"],
      [raw({}), "text"],
      [raw(["x", "not-a-uuid"]), "text"],
      [raw(["x", id.toUpperCase()]), "text"],
      [raw(["x", id, "extra"]), "text"],
      [raw([["x"], id]), "text"],
      [raw(["a\u0000b", id]), "text"],
      [raw(["\ud800", id]), "text"],
      [raw(["yesterday", id]), "timestamp"],
      [raw(["2026-02-31T00:00:00Z", id]), "timestamp"],
      [raw(["294277-01-01T00:00:00Z", id]), "timestamp"],
      [raw(["2026-10-01 12:00:00+00", id]), "real"],
      [raw(["1e400", id]), "real"],
      [raw(["NaN", id]), "real"],
      [raw(["2147483648", id]), "int"],
      [raw(["0.5", id]), "int"],
    ];
    for (const [cursor, kind] of cases) {
      expect(() => decodeCursor(cursor, kind), `${cursor} as ${kind}`).toThrow(AppError);
    }
  });
});
