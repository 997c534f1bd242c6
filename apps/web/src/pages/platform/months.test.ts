import { describe, expect, it } from "vitest";
import { closedMonths, formatMonth } from "./months";

describe("closed months", () => {
  it("start with the previous month in Chile, newest first", () => {
    // 15 March 2026, noon in Santiago.
    expect(closedMonths(new Date("2026-03-15T15:00:00Z"), 4)).toEqual([
      "2026-02",
      "2026-01",
      "2025-12",
      "2025-11",
    ]);
  });

  it("follow Chile's calendar, not UTC's, at the turn of a month", () => {
    // 1 April 2026 02:00 UTC is still 31 March in Santiago: March is not closed yet.
    expect(closedMonths(new Date("2026-04-01T02:00:00Z"), 1)).toEqual(["2026-02"]);
    expect(closedMonths(new Date("2026-01-10T12:00:00Z"), 2)).toEqual(["2025-12", "2025-11"]);
  });

  it("are named in the UI's language without shifting", () => {
    expect(formatMonth("2026-01", "es")).toMatch(/enero.*2026/);
    expect(formatMonth("2026-12", "en")).toBe("December 2026");
  });
});
