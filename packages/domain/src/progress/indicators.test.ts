import { describe, expect, it } from "vitest";
import { INDICATOR_DIRECTIONS, isImprovement, zIndicatorValue } from "./indicators";

describe("isImprovement", () => {
  it("reads the direction of each indicator", () => {
    // Days to decide a building permit: fewer is better.
    expect(isImprovement("lower_is_better", 126, 61)).toBe(true);
    expect(isImprovement("lower_is_better", 61, 126)).toBe(false);
    // Procedures available online: more is better.
    expect(isImprovement("higher_is_better", 40, 55.5)).toBe(true);
    expect(isImprovement("higher_is_better", 55.5, 40)).toBe(false);
  });

  it("does not call an unchanged value an improvement", () => {
    for (const direction of INDICATOR_DIRECTIONS) expect(isImprovement(direction, 30, 30)).toBe(false);
  });
});

describe("zIndicatorValue", () => {
  it("keeps percentages between 0 and 100", () => {
    const percent = zIndicatorValue("%");
    expect(percent.parse(0)).toBe(0);
    expect(percent.parse(85.9)).toBe(85.9);
    expect(percent.parse(100)).toBe(100);
    expect(percent.safeParse(100.1).success).toBe(false);
    expect(percent.safeParse(-1).success).toBe(false);
  });

  it("reports the bound with a standard issue the API and dashboard already translate", () => {
    const issue = zIndicatorValue("%").safeParse(120).error?.issues[0];
    expect(issue).toMatchObject({ code: "too_big", maximum: 100 });
  });

  it("accepts any finite number for other units", () => {
    const days = zIndicatorValue("días corridos");
    expect(days.parse(126)).toBe(126);
    expect(days.parse(1000)).toBe(1000);
    expect(zIndicatorValue("número").parse(-3)).toBe(-3);
  });

  it("refuses non-numbers and non-finite values for every unit", () => {
    for (const unit of ["%", "número"]) {
      const schema = zIndicatorValue(unit);
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, "12", null]) {
        expect(schema.safeParse(bad).success, `${unit} ${String(bad)}`).toBe(false);
      }
    }
  });
});
