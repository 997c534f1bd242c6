import { DISPLAY_TIME_ZONE } from "../format";

/**
 * Calendar dates as people in a time zone see them. Quarters and due dates follow the Chilean
 * calendar: at 22:00 on 31 March in Santiago it is already April in UTC, but still Q1 for the
 * commune.
 */

export const CALENDAR_TIME_ZONE = DISPLAY_TIME_ZONE;

export type CalendarDate = { year: number; month: number; day: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown time zone, which is what callers should see.
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      calendar: "gregory",
      numberingSystem: "latn",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function calendarDateIn(date: Date, timeZone: string = CALENDAR_TIME_ZONE): CalendarDate {
  if (Number.isNaN(date.getTime())) throw new RangeError("Invalid date");
  const parts = formatterFor(timeZone).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part("year"), month: part("month"), day: part("day") };
}

/** YYYY-MM-DD, the form of SQL `date` values and of `<input type="date">`. */
export function isoDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
