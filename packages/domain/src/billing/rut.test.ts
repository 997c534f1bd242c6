import { describe, expect, it } from "vitest";
import { formatRut, isValidRut, normaliseRut, rutCheckDigit } from "./rut";

describe("RUT", () => {
  it("computes the modulo 11 check digit, with 0 and K", () => {
    expect(rutCheckDigit("11111111")).toBe("1");
    expect(rutCheckDigit("12345678")).toBe("5");
    expect(rutCheckDigit("10000013")).toBe("K");
    expect(rutCheckDigit("10000004")).toBe("0");
  });

  it("accepts a valid RUT with or without dots and dash, in either case", () => {
    for (const rut of ["12.345.678-5", "12345678-5", "123456785", " 10.000.013-k ", "10000013K"]) {
      expect(isValidRut(rut), rut).toBe(true);
    }
    expect(normaliseRut("12.345.678-5")).toBe("12345678-5");
    expect(normaliseRut("10000013k")).toBe("10000013-K");
    expect(formatRut("123456785")).toBe("12.345.678-5");
  });

  it("refuses a wrong check digit and anything not shaped like a RUT", () => {
    for (const rut of [
      "12.345.678-4",
      "12345678-K",
      "",
      "abc",
      "12.34.678-5",
      "1-9",
      "12345678--5",
      "1.2345.678-5",
    ]) {
      expect(isValidRut(rut), rut).toBe(false);
    }
    expect(() => normaliseRut("12.345.678-4")).toThrow(RangeError);
  });
});
