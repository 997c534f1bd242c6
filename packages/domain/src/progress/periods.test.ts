import { describe, expect, it } from "vitest";
import {
  MAX_PERIOD_SPAN,
  PERIOD_FORMAT_MESSAGE,
  comparePeriods,
  formatPeriod,
  isPeriod,
  lastPeriods,
  nextPeriod,
  parsePeriod,
  periodDates,
  periodLabel,
  periodOf,
  periodsBetween,
  previousPeriod,
  zPeriod,
} from "./periods";

describe("zPeriod", () => {
  it("accepts YYYY-Qn for years 2000 to 2100", () => {
    for (const period of ["2026-Q3", "2000-Q1", "2100-Q4", "2059-Q2"]) {
      expect(zPeriod.parse(period)).toBe(period);
    }
  });

  it("refuses other shapes, quarters and years", () => {
    for (const bad of [
      "1999-Q4",
      "2101-Q1",
      "2026-Q0",
      "2026-Q5",
      "2026-q3",
      "2026-T3",
      "2026Q3",
      " 2026-Q3",
      "2026-Q3 ",
      "26-Q3",
      "02026-Q3",
      "",
    ]) {
      expect(zPeriod.safeParse(bad).success, bad).toBe(false);
    }
    expect(zPeriod.safeParse(20263).success).toBe(false);
  });

  it("raises a standard invalid_format issue carrying the English explanation", () => {
    const result = zPeriod.safeParse("2026-Q5");
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue).toMatchObject({
      code: "invalid_format",
      format: "regex",
      message: PERIOD_FORMAT_MESSAGE.en,
    });
  });

  it("explains the format in both languages, with an example that is itself valid", () => {
    expect(PERIOD_FORMAT_MESSAGE.es).toMatch(/AAAA-Qn.*2000.*2100/);
    expect(PERIOD_FORMAT_MESSAGE.en).toMatch(/YYYY-Qn.*2000.*2100/);
    for (const message of Object.values(PERIOD_FORMAT_MESSAGE)) {
      const example = /\d{4}-Q\d/.exec(message)?.[0];
      expect(example && zPeriod.safeParse(example).success).toBe(true);
    }
  });
});

describe("parsing and formatting", () => {
  it("splits a period into year and quarter and back", () => {
    expect(parsePeriod("2026-Q3")).toEqual({ year: 2026, quarter: 3 });
    expect(formatPeriod(2026, 3)).toBe("2026-Q3");
    expect(isPeriod("2026-Q3")).toBe(true);
    expect(isPeriod(2026)).toBe(false);
  });

  it("throws RangeError for malformed periods and impossible quarters", () => {
    expect(() => parsePeriod("2026-Q9")).toThrow(RangeError);
    expect(() => formatPeriod(2026, 5)).toThrow(RangeError);
    expect(() => formatPeriod(1999, 4)).toThrow(RangeError);
    expect(() => nextPeriod("soon")).toThrow(RangeError);
  });
});

describe("periodOf", () => {
  it("puts months in their calendar quarter", () => {
    expect(periodOf(new Date("2026-02-15T15:00:00Z"))).toBe("2026-Q1");
    expect(periodOf(new Date("2026-05-15T15:00:00Z"))).toBe("2026-Q2");
    expect(periodOf(new Date("2026-08-15T15:00:00Z"))).toBe("2026-Q3");
    expect(periodOf(new Date("2026-11-15T15:00:00Z"))).toBe("2026-Q4");
  });

  it("reads the calendar in Santiago, not in UTC", () => {
    // 02:30 UTC on 1 April is 23:30 on 31 March in Santiago (UTC−3 until early April).
    const endOfMarch = new Date("2026-04-01T02:30:00Z");
    expect(periodOf(endOfMarch)).toBe("2026-Q1");
    expect(periodOf(endOfMarch, "UTC")).toBe("2026-Q2");
    // 02:00 UTC on 1 January is still New Year's Eve in Santiago: last quarter of the old year.
    const newYear = new Date("2026-01-01T02:00:00Z");
    expect(periodOf(newYear)).toBe("2025-Q4");
    expect(periodOf(newYear, "UTC")).toBe("2026-Q1");
    // 1 July 03:30 UTC is 23:30 on 30 June in Santiago (UTC−4 in winter).
    expect(periodOf(new Date("2026-07-01T03:30:00Z"))).toBe("2026-Q2");
    expect(periodOf(new Date("2026-07-01T04:30:00Z"))).toBe("2026-Q3");
  });

  it("throws RangeError for an invalid date or time zone, and for years out of range", () => {
    expect(() => periodOf(new Date("nope"))).toThrow(RangeError);
    expect(() => periodOf(new Date("2026-01-01T00:00:00Z"), "Mars/Olympus")).toThrow(RangeError);
    expect(() => periodOf(new Date("1999-06-01T00:00:00Z"))).toThrow(RangeError);
  });
});

describe("stepping and comparing", () => {
  it("crosses year boundaries", () => {
    expect(previousPeriod("2026-Q1")).toBe("2025-Q4");
    expect(previousPeriod("2026-Q3")).toBe("2026-Q2");
    expect(nextPeriod("2025-Q4")).toBe("2026-Q1");
    expect(nextPeriod("2026-Q2")).toBe("2026-Q3");
  });

  it("refuses to step outside 2000–2100", () => {
    expect(() => previousPeriod("2000-Q1")).toThrow(RangeError);
    expect(() => nextPeriod("2100-Q4")).toThrow(RangeError);
  });

  it("orders periods chronologically", () => {
    expect(comparePeriods("2025-Q4", "2026-Q1")).toBe(-1);
    expect(comparePeriods("2026-Q1", "2026-Q1")).toBe(0);
    expect(comparePeriods("2026-Q2", "2026-Q1")).toBe(1);
    expect(["2026-Q2", "2025-Q4", "2026-Q1", "2024-Q3"].sort(comparePeriods)).toEqual([
      "2024-Q3",
      "2025-Q4",
      "2026-Q1",
      "2026-Q2",
    ]);
  });
});

describe("periodsBetween", () => {
  it("lists every quarter, both ends included", () => {
    expect(periodsBetween("2025-Q3", "2026-Q2")).toEqual(["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]);
    expect(periodsBetween("2026-Q1", "2026-Q1")).toEqual(["2026-Q1"]);
  });

  it(`allows at most ${MAX_PERIOD_SPAN} quarters`, () => {
    const twentyYears = periodsBetween("2000-Q1", "2019-Q4");
    expect(twentyYears).toHaveLength(80);
    expect(twentyYears.at(-1)).toBe("2019-Q4");
    expect(() => periodsBetween("2000-Q1", "2020-Q1")).toThrow(RangeError);
  });

  it("refuses a reversed range", () => {
    expect(() => periodsBetween("2026-Q2", "2026-Q1")).toThrow(RangeError);
  });
});

describe("lastPeriods", () => {
  it("ends with the current quarter, oldest first", () => {
    expect(lastPeriods(4, new Date("2026-02-10T12:00:00Z"))).toEqual([
      "2025-Q2",
      "2025-Q3",
      "2025-Q4",
      "2026-Q1",
    ]);
    expect(lastPeriods(1, new Date("2026-08-10T12:00:00Z"))).toEqual(["2026-Q3"]);
  });

  it("takes the current quarter in Chile", () => {
    expect(lastPeriods(2, new Date("2026-04-01T02:30:00Z"))).toEqual(["2025-Q4", "2026-Q1"]);
  });

  it("throws RangeError for a count that is not 1 to 80", () => {
    const now = new Date("2026-02-10T12:00:00Z");
    for (const count of [0, -1, 1.5, 81]) expect(() => lastPeriods(count, now)).toThrow(RangeError);
    expect(lastPeriods(80, now)).toHaveLength(80);
  });
});

describe("periodDates", () => {
  it("gives the first and last day of each quarter", () => {
    expect(periodDates("2024-Q1")).toEqual({ start: "2024-01-01", end: "2024-03-31" });
    expect(periodDates("2026-Q2")).toEqual({ start: "2026-04-01", end: "2026-06-30" });
    expect(periodDates("2026-Q3")).toEqual({ start: "2026-07-01", end: "2026-09-30" });
    expect(periodDates("2026-Q4")).toEqual({ start: "2026-10-01", end: "2026-12-31" });
  });
});

describe("periodLabel", () => {
  it("names quarters in Spanish with RAE ordinals and in English as Qn", () => {
    expect(periodLabel("2026-Q1", "es")).toBe("1.er trimestre 2026");
    expect(periodLabel("2026-Q2", "es")).toBe("2.º trimestre 2026");
    expect(periodLabel("2026-Q3", "es")).toBe("3.er trimestre 2026");
    expect(periodLabel("2026-Q4", "es")).toBe("4.º trimestre 2026");
    expect(periodLabel("2026-Q3", "en")).toBe("Q3 2026");
  });
});
