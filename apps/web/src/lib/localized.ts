import type { Locale } from "@ciar/domain/roles";

export type LocalizedText = { es: string; en: string };

/** Reference data (the maturity framework) carries both languages: pick the UI's. */
export function localized(text: LocalizedText, locale: Locale): string {
  return text[locale];
}

/** Indicators store their name in two columns rather than a LocalizedText. */
export function indicatorName(indicator: { nameEs: string; nameEn: string }, locale: Locale): string {
  return locale === "es" ? indicator.nameEs : indicator.nameEn;
}
