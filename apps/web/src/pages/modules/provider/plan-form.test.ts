import { describe, expect, it } from "vitest";
import { changedPlanFields, emptyPlanForm, parseWhole, planValues, wholeOrNull } from "./plan-form";

const plan = {
  id: "00000000-0000-4000-8000-000000000001",
  name: "Básico",
  interval: "month" as const,
  priceClp: 290000,
  includedUnits: 500,
  overageUnitPriceClp: 450,
  quotaPolicy: "overage" as const,
  status: "active" as const,
  createdAt: "2026-01-01T00:00:00.000Z",
};

describe("parseWhole", () => {
  it("reads whole pesos with or without thousands dots and a peso sign", () => {
    expect(parseWhole("290000")).toBe(290000);
    expect(parseWhole("290.000")).toBe(290000);
    expect(parseWhole("$ 1.290.000")).toBe(1290000);
    expect(parseWhole("0")).toBe(0);
  });

  it("is undefined when empty and NaN when not a whole number (never multiplied or rounded)", () => {
    expect(parseWhole("  ")).toBeUndefined();
    expect(parseWhole("290,5")).toBeNaN();
    expect(parseWhole("29.00")).toBeNaN();
    expect(parseWhole("-3")).toBeNaN();
    expect(parseWhole("abc")).toBeNaN();
    expect(wholeOrNull("12a")).toBeNull();
    expect(wholeOrNull("12.000")).toBe(12000);
  });
});

describe("planValues", () => {
  it("lists empty and malformed amounts", () => {
    const { values, empty, malformed } = planValues({
      ...emptyPlanForm(),
      name: "Plan",
      includedUnits: "1,5",
    });
    expect(values.overageUnitPriceClp).toBe(0);
    expect(empty).toEqual(["priceClp"]);
    expect(malformed).toEqual(["includedUnits"]);
  });
});

describe("changedPlanFields", () => {
  it("sends only what changed, so renaming a plan with subscribers stays possible", () => {
    const { id: _id, status: _status, createdAt: _createdAt, ...terms } = plan;
    expect(changedPlanFields(plan, { ...terms, name: "Básico 2026" })).toEqual({ name: "Básico 2026" });
    expect(changedPlanFields(plan, terms)).toEqual({});
    expect(changedPlanFields(plan, { ...terms, priceClp: 300000, quotaPolicy: "block" })).toEqual({
      priceClp: 300000,
      quotaPolicy: "block",
    });
  });
});
