import { describe, expect, it } from "vitest";
import { APP_ERRORS, AppError, type AppErrorCode } from "../errors";
import {
  ASSESSMENT_ACTIONS,
  ASSESSMENT_STATUSES,
  COUNTED_STATUSES,
  availableActions,
  isCounted,
  isEditable,
  nextStatus,
  type AssessmentAction,
  type AssessmentStatus,
} from "./assessment-workflow";

/** The whole table, so that any added or removed transition shows up here. */
const ALLOWED: Record<AssessmentStatus, Partial<Record<AssessmentAction, AssessmentStatus>>> = {
  draft: { submit: "submitted" },
  submitted: { return: "returned", validate: "validated" },
  returned: { submit: "submitted" },
  validated: {},
};

describe("nextStatus", () => {
  for (const status of ASSESSMENT_STATUSES) {
    for (const action of ASSESSMENT_ACTIONS) {
      const expected = ALLOWED[status][action];
      if (expected) {
        it(`${action} moves ${status} to ${expected}`, () => {
          expect(nextStatus(status, action)).toBe(expected);
        });
      } else {
        it(`${action} is refused from ${status}`, () => {
          let error: unknown;
          try {
            nextStatus(status, action);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe("assessments.invalid_transition");
        });
      }
    }
  }

  it("runs a full review cycle: submitted, returned, resubmitted, validated", () => {
    let status: AssessmentStatus = "draft";
    for (const action of ["submit", "return", "submit", "validate"] as const)
      status = nextStatus(status, action);
    expect(status).toBe("validated");
  });
});

describe("availableActions", () => {
  it("offers what nextStatus accepts", () => {
    expect(availableActions("draft")).toEqual(["submit"]);
    expect(availableActions("submitted")).toEqual(["return", "validate"]);
    expect(availableActions("returned")).toEqual(["submit"]);
    expect(availableActions("validated")).toEqual([]);
  });
});

describe("isEditable and counting", () => {
  it("lets the commune edit drafts and returned assessments only", () => {
    expect(ASSESSMENT_STATUSES.filter(isEditable)).toEqual(["draft", "returned"]);
  });

  it("counts submitted and validated assessments only", () => {
    expect(COUNTED_STATUSES).toEqual(["submitted", "validated"]);
    expect(ASSESSMENT_STATUSES.filter(isCounted)).toEqual(["submitted", "validated"]);
  });

  it("never counts an assessment that can still be edited", () => {
    for (const status of ASSESSMENT_STATUSES) expect(isEditable(status) && isCounted(status)).toBe(false);
  });
});

describe("error codes of coalition progress", () => {
  const expected: Array<[AppErrorCode, string]> = [
    ["assessments.invalid_transition", "CONFLICT"],
    ["assessments.not_found", "NOT_FOUND"],
    ["assessments.incomplete", "BAD_REQUEST"],
    ["assessments.not_editable", "CONFLICT"],
    ["assessments.version_conflict", "CONFLICT"],
    ["assessments.period_exists", "CONFLICT"],
    ["assessments.unknown_question", "BAD_REQUEST"],
    ["frameworks.not_found", "NOT_FOUND"],
    ["frameworks.frozen", "CONFLICT"],
    ["frameworks.version_exists", "CONFLICT"],
    ["coalitions.not_found", "NOT_FOUND"],
    ["coalitions.forbidden", "FORBIDDEN"],
    ["coalitions.slug_taken", "CONFLICT"],
    ["coalitions.not_member", "FORBIDDEN"],
    ["indicators.not_found", "NOT_FOUND"],
    ["milestones.not_found", "NOT_FOUND"],
    ["peerGroups.not_found", "NOT_FOUND"],
    ["peerGroups.name_taken", "CONFLICT"],
    ["communes.not_found", "NOT_FOUND"],
  ];

  it.each(expected)("%s answers %s", (code, status) => {
    expect(APP_ERRORS[code].status).toBe(status);
  });

  it("gives every code a distinct, full sentence in Spanish and in English", () => {
    for (const [code, entry] of Object.entries(APP_ERRORS)) {
      for (const message of [entry.es, entry.en]) {
        expect(message, code).toMatch(/^[A-ZÁÉÍÓÚÑ¿¡].*[.?!]$/);
      }
      expect(entry.es, code).not.toBe(entry.en);
    }
  });

  it("throws the English message with the code", () => {
    const error = new AppError("frameworks.frozen");
    expect(error.code).toBe("frameworks.frozen");
    expect(error.message).toBe(APP_ERRORS["frameworks.frozen"].en);
  });
});
