import { describe, expect, it } from "vitest";
import { MIN_AGGREGATE_SIZE, quantile, summarize } from "./stats";

/**
 * `percentile_cont(array[0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) within group (order by v)` as
 * PostgreSQL 18 returned it for each set (float8), digit for digit: quantile must match exactly,
 * floating-point noise included, so that SQL and TypeScript aggregates are interchangeable.
 */
const QS = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1] as const;
const POSTGRES: Array<{ values: number[]; expected: number[] }> = [
  // n = 3, positions 0, 0.2, 0.5, 1, 1.5, 1.8, 2: e.g. p25 = 10 + 0.5 × (20 − 10) = 15.
  { values: [10, 20, 40], expected: [10, 12, 15, 20, 30, 36, 40] },
  // n = 4, p25 at 0.75: 0 + 0.75 × 25 = 18.75; p10 at 0.1 × 3, which is 0.30000000000000004 in floats.
  { values: [0, 25, 50, 100], expected: [0, 7.500000000000001, 18.75, 37.5, 62.5, 85, 100] },
  // n = 5: quartiles fall on values (positions 1, 2, 3).
  { values: [1, 2, 3, 4, 5], expected: [1, 1.4, 2, 3, 4, 4.6, 5] },
  // n = 6, p25 at 1.25: 37.5 + 0.25 × 12.5 = 40.625.
  { values: [12.5, 37.5, 50, 62.5, 75, 87.5], expected: [12.5, 25, 40.625, 56.25, 71.875, 81.25, 87.5] },
  // n = 7, p75 at 4.5: 50 + 0.5 × 16.7 = 58.35.
  {
    values: [0, 8.3, 16.7, 41.7, 50, 66.7, 100],
    expected: [0, 4.980000000000001, 12.5, 41.7, 58.35, 80.02000000000001, 100],
  },
  // Repeated values.
  { values: [5, 5, 5, 9], expected: [5, 5, 5, 5, 6, 7.800000000000001, 9] },
  {
    values: [0.1, 0.2, 0.3],
    expected: [0.1, 0.12000000000000001, 0.15000000000000002, 0.2, 0.25, 0.28, 0.3],
  },
];

describe("quantile", () => {
  it.each(POSTGRES)("matches PostgreSQL's percentile_cont for $values", ({ values, expected }) => {
    expect(QS.map((q) => quantile(values, q))).toEqual(expected);
  });

  it("returns the only value of a single-element set for any q", () => {
    expect(quantile([42], 0)).toBe(42);
    expect(quantile([42], 0.5)).toBe(42);
    expect(quantile([42], 1)).toBe(42);
  });

  it("interpolates between the two middle values for an even median", () => {
    expect(quantile([1, 2, 3, 10], 0.5)).toBe(2.5);
  });

  it("throws RangeError where PostgreSQL returns NULL or fails", () => {
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([1, 2], -0.1)).toThrow(RangeError);
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
    expect(() => quantile([1, 2], Number.NaN)).toThrow(RangeError);
  });

  it("refuses unsorted or non-finite input instead of answering wrongly", () => {
    expect(() => quantile([3, 1, 2], 0.5)).toThrow(/not sorted/);
    expect(() => quantile([1, Number.NaN, 3], 0.5)).toThrow(RangeError);
    expect(() => quantile([1, 2, Number.POSITIVE_INFINITY], 0.5)).toThrow(RangeError);
  });
});

describe("summarize", () => {
  it(`suppresses groups of fewer than ${MIN_AGGREGATE_SIZE}, telling only their size`, () => {
    expect(MIN_AGGREGATE_SIZE).toBe(3);
    expect(summarize([])).toEqual({ suppressed: true, n: 0 });
    expect(summarize([70])).toEqual({ suppressed: true, n: 1 });
    expect(summarize([70, 30])).toEqual({ suppressed: true, n: 2 });
  });

  it("gives quartiles and range from unsorted values, without reordering the caller's array", () => {
    const values = [40, 10, 20];
    expect(summarize(values)).toEqual({
      suppressed: false,
      n: 3,
      p25: 15,
      median: 20,
      p75: 30,
      min: 10,
      max: 40,
    });
    expect(values).toEqual([40, 10, 20]);
  });

  it("sorts numerically, not as text", () => {
    // As text, 100 would sort before 25.
    expect(summarize([100, 25, 50, 0])).toMatchObject({
      min: 0,
      p25: 18.75,
      median: 37.5,
      p75: 62.5,
      max: 100,
    });
  });

  it("narrows on `suppressed`", () => {
    const summary = summarize([1, 2, 3, 4, 5]);
    if (summary.suppressed) throw new Error("expected a summary");
    expect([summary.p25, summary.median, summary.p75]).toEqual([2, 3, 4]);
  });
});
