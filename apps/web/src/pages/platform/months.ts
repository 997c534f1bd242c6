import { usageMonth } from "@ciar/domain/billing/entitlement";
import { DISPLAY_TIME_ZONE } from "@ciar/domain/format";
import type { Locale } from "@ciar/domain/roles";

/**
 * The `count` calendar months before the current one in Chile (YYYY-MM), newest first: the months
 * a platform admin may close. The first is the previous month, the form's default.
 */
export function closedMonths(now: Date, count = 12): string[] {
  const [year, month] = usageMonth(now).split("-").map(Number) as [number, number];
  const current = year * 12 + (month - 1);
  return Array.from({ length: count }, (_, i) => {
    const index = current - 1 - i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  });
}

/** "enero de 2026" / "January 2026". A month names no instant: formatted in UTC, never shifts. */
export function formatMonth(month: string, locale: Locale): string {
  const [year, number] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale === "es" ? "es-CL" : "en-GB", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(year, number - 1, 1)));
}

/** The day of an instant in Chile ("4 mar 2026"), for subscription periods. */
export function formatDay(value: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "es" ? "es-CL" : "en-GB", {
    dateStyle: "medium",
    timeZone: DISPLAY_TIME_ZONE,
  }).format(new Date(value));
}
