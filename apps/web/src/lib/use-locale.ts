import type { Locale } from "@ciar/domain/roles";
import { useTranslation } from "react-i18next";

/** The UI language as the domain's Locale ("es" | "en"), for formatting dates and numbers. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.language === "en" ? "en" : "es";
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "es" ? "es-CL" : "en-GB").format(value);
}
