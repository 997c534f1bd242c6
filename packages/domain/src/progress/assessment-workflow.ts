import { AppError } from "../errors";
import type { CoalitionRole, MembershipRole } from "../roles";

/**
 * A commune's self-assessment of one quarter. The commune fills it in (draft) and submits it;
 * a coalition coordinator either validates it or returns it with comments, and a returned
 * assessment is edited and submitted again. Validated is final: a later change is next
 * quarter's assessment, so that published comparisons do not move under readers.
 */
export const ASSESSMENT_STATUSES = ["draft", "submitted", "returned", "validated"] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const ASSESSMENT_ACTIONS = ["submit", "return", "validate"] as const;
export type AssessmentAction = (typeof ASSESSMENT_ACTIONS)[number];

/**
 * Who may take each action and from where. The role is documentation for the API's permission
 * check (a commune membership role, or a coalition role); this table only decides the status.
 */
export const ASSESSMENT_TRANSITIONS = {
  submit: { role: "admin", from: ["draft", "returned"], to: "submitted" },
  return: { role: "coordinator", from: ["submitted"], to: "returned" },
  validate: { role: "coordinator", from: ["submitted"], to: "validated" },
} as const satisfies Record<
  AssessmentAction,
  { role: MembershipRole | CoalitionRole; from: readonly AssessmentStatus[]; to: AssessmentStatus }
>;

export function nextStatus(current: AssessmentStatus, action: AssessmentAction): AssessmentStatus {
  const transition = ASSESSMENT_TRANSITIONS[action];
  if (!(transition.from as readonly AssessmentStatus[]).includes(current)) {
    throw new AppError("assessments.invalid_transition");
  }
  return transition.to;
}

/** The actions that make sense from a status, e.g. to decide which buttons to show. */
export function availableActions(status: AssessmentStatus): AssessmentAction[] {
  return ASSESSMENT_ACTIONS.filter((action) =>
    (ASSESSMENT_TRANSITIONS[action].from as readonly AssessmentStatus[]).includes(status),
  );
}

/** Answers change only while the commune holds the assessment (not under review, not final). */
export function isEditable(status: AssessmentStatus): boolean {
  return status === "draft" || status === "returned";
}

/**
 * Only submitted and validated assessments count in comparisons and aggregates: a draft is
 * work in progress, and a returned one was judged not ready by the coordination. Submitted
 * ones count before validation so that a slow review does not hide a commune's quarter.
 */
export const COUNTED_STATUSES = ["submitted", "validated"] as const satisfies readonly AssessmentStatus[];

export function isCounted(status: AssessmentStatus): boolean {
  return (COUNTED_STATUSES as readonly AssessmentStatus[]).includes(status);
}
