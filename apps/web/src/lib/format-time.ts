import { DISPLAY_TIME_ZONE } from "@ciar/domain/format";
import type { Locale } from "@ciar/domain/roles";

/** "14:05": the time of day in Chile, for "saved at" notes. */
export function formatTime(value: Date | string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "es" ? "es-CL" : "en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: DISPLAY_TIME_ZONE,
  }).format(typeof value === "string" ? new Date(value) : value);
}

/**
 * "30-06-2026" / "30 Jun 2026": a calendar date (YYYY-MM-DD, e.g. a milestone's due date) as
 * written. It names a day, not an instant, so it is formatted in UTC and never shifts a day.
 */
export function formatCalendarDate(value: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "es" ? "es-CL" : "en-GB", {
    dateStyle: "medium",
    timeZone: "UTC",
  }).format(new Date(`${value}T00:00:00Z`));
}
