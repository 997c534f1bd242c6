/** Chilean CUT codes are five digits; sources sometimes drop the leading zero (1101 → "01101"). */
export function formatCut(code: string | number): string {
  const digits = String(code).trim();
  if (!/^\d{4,5}$/.test(digits)) throw new RangeError(`Not a CUT code: ${code}`);
  return digits.padStart(5, "0");
}

const clp = new Intl.NumberFormat("es-CL", { style: "currency", currency: "CLP", maximumFractionDigits: 0 });

/** Money is integer CLP everywhere; the peso has no minor unit. */
export function formatClp(amount: number): string {
  if (!Number.isInteger(amount)) throw new RangeError(`CLP amounts are integers: ${amount}`);
  return clp.format(amount);
}

export const DISPLAY_TIME_ZONE = "America/Santiago";

/** Dates are stored in UTC and shown in Chile's time zone. */
export function formatDateTime(value: Date | string, locale: "es" | "en" = "es"): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(locale === "es" ? "es-CL" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    hourCycle: "h23",
    timeZone: DISPLAY_TIME_ZONE,
  }).format(date);
}

/** Population bands for fair comparisons between communes of similar size (INE 2020 projection). */
export const POPULATION_BANDS = [
  { code: "lt10k", min: 0, max: 10_000 },
  { code: "10k-50k", min: 10_000, max: 50_000 },
  { code: "50k-100k", min: 50_000, max: 100_000 },
  { code: "100k-250k", min: 100_000, max: 250_000 },
  { code: "gt250k", min: 250_000, max: Number.POSITIVE_INFINITY },
] as const;

export function populationBand(population: number): (typeof POPULATION_BANDS)[number]["code"] {
  const band = POPULATION_BANDS.find((b) => population >= b.min && population < b.max);
  if (!band) throw new RangeError(`Invalid population: ${population}`);
  return band.code;
}
