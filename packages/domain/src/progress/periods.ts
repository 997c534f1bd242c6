import { z } from "zod";
import type { Locale } from "../roles";
import { CALENDAR_TIME_ZONE, calendarDateIn, isoDate } from "./calendar";

/**
 * Assessments and indicator values are quarterly. A period is stored and sent as text
 * "YYYY-Qn" ("2026-Q3"): it sorts as text, reads the same in both languages and needs no
 * time zone. Quarters are calendar quarters in Chile (see calendar.ts).
 */
export type Period = string;
export type Quarter = 1 | 2 | 3 | 4;

export const MIN_PERIOD_YEAR = 2000;
export const MAX_PERIOD_YEAR = 2100;
/** 20 years of quarters: more is a mistake in a query, not a chart anyone reads. */
export const MAX_PERIOD_SPAN = 80;

/** Years 2000–2100 and quarters 1–4 are part of the pattern, so one check says everything. */
export const PERIOD_PATTERN = /^(20\d{2}|2100)-Q[1-4]$/;

/**
 * What is wrong with a bad period, in both languages. Domain schemas carry no per-language text:
 * the API translates zod issues with zod's own es/en locales and the dashboard maps issue codes
 * to its translations. zPeriod therefore raises a standard `invalid_format` issue (translated
 * like every other field) with the English text as its message, and this pair is there for the
 * API or the dashboard to show the more specific wording next to a period field.
 */
export const PERIOD_FORMAT_MESSAGE = {
  es: "El periodo debe tener la forma AAAA-Qn, con un año entre 2000 y 2100 y un trimestre del 1 al 4 (por ejemplo, 2026-Q3).",
  en: "The period must look like YYYY-Qn, with a year from 2000 to 2100 and a quarter from 1 to 4 (for example, 2026-Q3).",
} as const satisfies Record<Locale, string>;

export const zPeriod = z.string().regex(PERIOD_PATTERN, { message: PERIOD_FORMAT_MESSAGE.en });

export function isPeriod(value: unknown): value is Period {
  return typeof value === "string" && PERIOD_PATTERN.test(value);
}

export function parsePeriod(period: Period): { year: number; quarter: Quarter } {
  if (!isPeriod(period)) throw new RangeError(`Not a period (YYYY-Qn, 2000–2100): ${period}`);
  return { year: Number(period.slice(0, 4)), quarter: Number(period.slice(6)) as Quarter };
}

export function formatPeriod(year: number, quarter: number): Period {
  const period = `${year}-Q${quarter}`;
  if (!isPeriod(period)) throw new RangeError(`No such period: year ${year}, quarter ${quarter}`);
  return period;
}

// Quarters since year 0: makes stepping and counting plain integer arithmetic.
const ordinal = (period: Period) => {
  const { year, quarter } = parsePeriod(period);
  return year * 4 + (quarter - 1);
};
const fromOrdinal = (n: number): Period => formatPeriod(Math.floor(n / 4), (n % 4) + 1);

/** The quarter a moment falls in, as the calendar reads in `timeZone` (Chile by default). */
export function periodOf(date: Date, timeZone: string = CALENDAR_TIME_ZONE): Period {
  const { year, month } = calendarDateIn(date, timeZone);
  return formatPeriod(year, Math.ceil(month / 3));
}

export function previousPeriod(period: Period): Period {
  return fromOrdinal(ordinal(period) - 1);
}

export function nextPeriod(period: Period): Period {
  return fromOrdinal(ordinal(period) + 1);
}

/** Negative, zero or positive, for Array.prototype.sort. */
export function comparePeriods(a: Period, b: Period): -1 | 0 | 1 {
  return Math.sign(ordinal(a) - ordinal(b)) as -1 | 0 | 1;
}

/** Every quarter from `from` to `to`, both included, oldest first. */
export function periodsBetween(from: Period, to: Period): Period[] {
  const start = ordinal(from);
  const end = ordinal(to);
  if (start > end) throw new RangeError(`${from} is after ${to}`);
  if (end - start + 1 > MAX_PERIOD_SPAN) {
    throw new RangeError(`At most ${MAX_PERIOD_SPAN} periods, got ${end - start + 1} (${from} to ${to})`);
  }
  return Array.from({ length: end - start + 1 }, (_, i) => fromOrdinal(start + i));
}

/** The last `count` quarters, oldest first, ending with the one `now` falls in. */
export function lastPeriods(
  count: number,
  now: Date = new Date(),
  timeZone: string = CALENDAR_TIME_ZONE,
): Period[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_PERIOD_SPAN) {
    throw new RangeError(`Count must be an integer from 1 to ${MAX_PERIOD_SPAN}, got ${count}`);
  }
  const end = ordinal(periodOf(now, timeZone));
  return periodsBetween(fromOrdinal(end - count + 1), fromOrdinal(end));
}

/** First and last day of the quarter (YYYY-MM-DD), e.g. to file a dated value under its quarter. */
export function periodDates(period: Period): { start: string; end: string } {
  const { year, quarter } = parsePeriod(period);
  const lastMonth = quarter * 3;
  // Day 0 of the next month is the last day of this one; UTC avoids any local-time shift.
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return {
    start: isoDate({ year, month: lastMonth - 2, day: 1 }),
    end: isoDate({ year, month: lastMonth, day: lastDay }),
  };
}

const SPANISH_ORDINALS = { 1: "1.er", 2: "2.º", 3: "3.er", 4: "4.º" } as const satisfies Record<
  Quarter,
  string
>;

/** "3.er trimestre 2026" / "Q3 2026": the ordinal abbreviations follow the RAE. */
export function periodLabel(period: Period, locale: Locale): string {
  const { year, quarter } = parsePeriod(period);
  return locale === "es" ? `${SPANISH_ORDINALS[quarter]} trimestre ${year}` : `Q${quarter} ${year}`;
}
