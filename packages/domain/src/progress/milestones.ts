import { CALENDAR_TIME_ZONE, calendarDateIn, isoDate } from "./calendar";

/** A commune's planned steps (from its roadmap); "cancelled" keeps the history visible. */
export const MILESTONE_STATUSES = ["planned", "in_progress", "done", "cancelled"] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** Statuses of milestones still expected to happen, the only ones that can be late. */
export const OPEN_MILESTONE_STATUSES = [
  "planned",
  "in_progress",
] as const satisfies readonly MilestoneStatus[];

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function checkDate(value: string, what: string): void {
  if (!ISO_DATE.test(value)) throw new RangeError(`${what} must be a date as YYYY-MM-DD, got ${value}`);
}

/**
 * Overdue once the due date has passed (a milestone due today is not late yet) while it is
 * still planned or in progress. Dates are compared as calendar days in Chile, never as
 * instants, so that a milestone does not turn late at 21:00 because UTC moved to tomorrow.
 */
export function isOverdue(milestone: { dueDate: string; status: MilestoneStatus }, today: string): boolean {
  checkDate(milestone.dueDate, "dueDate");
  checkDate(today, "today");
  // Fixed-width YYYY-MM-DD strings sort like the dates they name.
  const open = (OPEN_MILESTONE_STATUSES as readonly MilestoneStatus[]).includes(milestone.status);
  return open && milestone.dueDate < today;
}

/** Today's date (YYYY-MM-DD) on the calendar of `timeZone`. */
export function todayIn(timeZone: string = CALENDAR_TIME_ZONE, now: Date = new Date()): string {
  return isoDate(calendarDateIn(now, timeZone));
}
