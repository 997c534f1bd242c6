import { describe, expect, it } from "vitest";
import { formatClp, formatCut, formatDateTime, populationBand } from "./format";

describe("formatCut", () => {
  it("restores the leading zero that spreadsheets drop", () => {
    expect(formatCut(4101)).toBe("04101");
    expect(formatCut("13101")).toBe("13101");
  });
  it("refuses anything that is not a CUT code", () => {
    expect(() => formatCut("4-101")).toThrow(RangeError);
    expect(() => formatCut("123")).toThrow(RangeError);
  });
});

describe("formatClp", () => {
  it("formats whole pesos the Chilean way", () => {
    expect(formatClp(1234567).replace(/\s/g, " ")).toMatch(/^\$\s?1\.234\.567$/);
  });
  it("refuses fractions: CLP has no minor unit", () => {
    expect(() => formatClp(10.5)).toThrow(RangeError);
  });
});

describe("formatDateTime", () => {
  it("shows UTC instants in Santiago time", () => {
    // 2026-01-15 12:00 UTC is 09:00 in Santiago (UTC-3 in summer).
    expect(formatDateTime("2026-01-15T12:00:00Z", "es")).toContain("09:00");
    // 2026-07-15 12:00 UTC is 08:00 in Santiago (UTC-4 in winter).
    expect(formatDateTime("2026-07-15T12:00:00Z", "en")).toContain("08:00");
  });
});

describe("populationBand", () => {
  it("puts communes in the coalition's size bands", () => {
    expect(populationBand(1_375)).toBe("lt10k");
    expect(populationBand(10_000)).toBe("10k-50k");
    expect(populationBand(249_999)).toBe("100k-250k");
    expect(populationBand(250_000)).toBe("gt250k");
  });
});
