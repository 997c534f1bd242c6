import { describe, expect, it } from "vitest";
import { MILESTONE_STATUSES, isOverdue, todayIn } from "./milestones";

describe("isOverdue", () => {
  const today = "2026-05-10";

  it("is overdue when the due date has passed and the milestone is still open", () => {
    expect(isOverdue({ dueDate: "2026-05-09", status: "planned" }, today)).toBe(true);
    expect(isOverdue({ dueDate: "2025-12-31", status: "in_progress" }, today)).toBe(true);
  });

  it("is not overdue on the due date itself or before it", () => {
    expect(isOverdue({ dueDate: "2026-05-10", status: "planned" }, today)).toBe(false);
    expect(isOverdue({ dueDate: "2026-05-11", status: "in_progress" }, today)).toBe(false);
  });

  it("is never overdue once done or cancelled", () => {
    expect(isOverdue({ dueDate: "2020-01-01", status: "done" }, today)).toBe(false);
    expect(isOverdue({ dueDate: "2020-01-01", status: "cancelled" }, today)).toBe(false);
  });

  it("compares dates, across months and years", () => {
    expect(isOverdue({ dueDate: "2026-04-30", status: "planned" }, "2026-05-01")).toBe(true);
    expect(isOverdue({ dueDate: "2025-12-31", status: "planned" }, "2026-01-01")).toBe(true);
    expect(isOverdue({ dueDate: "2026-10-01", status: "planned" }, "2026-09-30")).toBe(false);
  });

  it("throws RangeError for dates not written as YYYY-MM-DD", () => {
    expect(() => isOverdue({ dueDate: "2026-5-9", status: "planned" }, today)).toThrow(RangeError);
    expect(() => isOverdue({ dueDate: "2026-05-09", status: "planned" }, "10/05/2026")).toThrow(RangeError);
    expect(() => isOverdue({ dueDate: "2026-13-01", status: "planned" }, today)).toThrow(RangeError);
    expect(() => isOverdue({ dueDate: "2026-05-09T00:00:00Z", status: "planned" }, today)).toThrow(
      RangeError,
    );
  });

  it("covers every status", () => {
    expect(MILESTONE_STATUSES).toEqual(["planned", "in_progress", "done", "cancelled"]);
  });
});

describe("todayIn", () => {
  it("gives the calendar date in Santiago by default", () => {
    // 02:30 UTC on 11 May is 22:30 on 10 May in Santiago (UTC−4 in winter).
    const now = new Date("2026-05-11T02:30:00Z");
    expect(todayIn(undefined, now)).toBe("2026-05-10");
    expect(todayIn("UTC", now)).toBe("2026-05-11");
    expect(todayIn("America/Santiago", new Date("2026-05-11T04:30:00Z"))).toBe("2026-05-11");
  });

  it("pads months and days", () => {
    expect(todayIn("UTC", new Date("2026-01-05T12:00:00Z"))).toBe("2026-01-05");
  });

  it("keeps a milestone due today from being late at night in Chile", () => {
    const lateEvening = new Date("2026-05-11T02:30:00Z");
    expect(isOverdue({ dueDate: "2026-05-10", status: "planned" }, todayIn(undefined, lateEvening))).toBe(
      false,
    );
    expect(isOverdue({ dueDate: "2026-05-10", status: "planned" }, todayIn("UTC", lateEvening))).toBe(true);
  });
});
