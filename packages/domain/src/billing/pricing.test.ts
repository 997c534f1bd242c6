import { describe, expect, it } from "vitest";
import { overageCharge, withIva } from "./pricing";

describe("withIva", () => {
  it("adds 19 % rounded half up to the peso", () => {
    expect(withIva(290_000)).toEqual({ net: 290_000, iva: 55_100, gross: 345_100 });
    expect(withIva(50)).toEqual({ net: 50, iva: 10, gross: 60 }); // 9.5 → 10
    expect(withIva(49)).toEqual({ net: 49, iva: 9, gross: 58 }); // 9.31 → 9
    expect(withIva(0)).toEqual({ net: 0, iva: 0, gross: 0 });
    expect(withIva(1_350)).toEqual({ net: 1_350, iva: 257, gross: 1_607 }); // 256.5 → 257
  });

  it("refuses fractions and negative amounts", () => {
    expect(() => withIva(10.5)).toThrow(RangeError);
    expect(() => withIva(-1)).toThrow(RangeError);
  });
});

describe("overageCharge", () => {
  it("charges only the units over the quota", () => {
    expect(overageCharge({ includedUnits: 500, usedUnits: 503, overageUnitPriceClp: 450 })).toEqual({
      overUnits: 3,
      amountClp: 1_350,
    });
    expect(overageCharge({ includedUnits: 500, usedUnits: 120, overageUnitPriceClp: 450 })).toEqual({
      overUnits: 0,
      amountClp: 0,
    });
  });
});
