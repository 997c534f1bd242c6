/**
 * Chilean RUT (Rol Único Tributario): a number and a check digit (0–9 or K) computed modulo 11.
 * Municipalities invoice under their RUT (69.xxx.xxx-x). People write it with or without dots
 * and with or without the dash: "12.345.678-5", "12345678-5", "123456785".
 */
const RUT_PATTERN = /^(\d{1,2}(?:\.?\d{3}){2}|\d{1,9})-?([\dkK])$/;

/** The check digit of a RUT's number: "0"–"9" or "K". */
export function rutCheckDigit(body: string): string {
  let sum = 0;
  let factor = 2;
  for (let i = body.length - 1; i >= 0; i--) {
    sum += Number(body[i]) * factor;
    factor = factor === 7 ? 2 : factor + 1;
  }
  const digit = 11 - (sum % 11);
  return digit === 11 ? "0" : digit === 10 ? "K" : String(digit);
}

/** The number and check digit of a RUT as written, or null when it is not shaped like one. */
function parts(value: string): { body: string; dv: string } | null {
  const match = RUT_PATTERN.exec(value.trim());
  if (!match) return null;
  const body = match[1]!.replaceAll(".", "").replace(/^0+(?=\d)/, "");
  if (body.length < 6 || body.length > 9) return null;
  return { body, dv: match[2]!.toUpperCase() };
}

export function isValidRut(value: string): boolean {
  const rut = parts(value);
  return rut !== null && rutCheckDigit(rut.body) === rut.dv;
}

/** The stored form: no dots, a dash, upper-case K ("12345678-5"). Throws on an invalid RUT. */
export function normaliseRut(value: string): string {
  const rut = parts(value);
  if (!rut || rutCheckDigit(rut.body) !== rut.dv) throw new RangeError(`Not a valid RUT: ${value}`);
  return `${rut.body}-${rut.dv}`;
}

/** The displayed form: thousands with dots ("12.345.678-5"). */
export function formatRut(value: string): string {
  const [body, dv] = normaliseRut(value).split("-") as [string, string];
  return `${body.replace(/\B(?=(\d{3})+(?!\d))/g, ".")}-${dv}`;
}
