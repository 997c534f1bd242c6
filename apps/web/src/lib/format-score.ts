import type { Locale } from "@ciar/domain/roles";

const formatters = {
  es: new Intl.NumberFormat("es-CL", { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

/**
 * Maturity scores (0–100) and indices are stored with one decimal; they are always shown with
 * exactly one ("62,5" in Spanish, "62.5" in English), so columns line up and 60 reads as 60,0.
 */
export function formatScore(value: number, locale: Locale): string {
  return formatters[locale].format(value);
}

/** Indicator values and statistics: up to two decimals, no padding (days, percentages, counts). */
export function formatValue(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "es" ? "es-CL" : "en-GB", { maximumFractionDigits: 2 }).format(
    value,
  );
}
