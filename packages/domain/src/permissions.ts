import type { MembershipRole } from "./roles";

/**
 * Every action a member can take inside a commune. Publishing (approve or reject a submission,
 * change visibility, retire), accepting answers and submitting a self-assessment speak for the
 * commune: admins only; so does comparing the commune with its peers. The API enforces this table and the web
 * reads it to decide what to show, so the rule lives in one place.
 */
export const ACTIONS = [
  "commune.read",
  "commune.update",
  "members.read",
  "members.invite",
  "members.updateRole",
  "members.remove",
  "members.suspend",
  "audit.read",
  "useCases.read",
  "useCases.write",
  "useCases.submit",
  "useCases.publish",
  "useCases.adopt",
  "discussion.post",
  "discussion.accept",
  "endorsements.write",
  "notifications.read",
  "assessments.read",
  "assessments.write",
  "assessments.submit",
  "indicators.read",
  "indicators.write",
  "milestones.read",
  "milestones.write",
  "progress.compare",
  "modules.read",
  "modules.manage",
  "subscriptions.manage",
  "apiKeys.manage",
  "billing.read",
  "members.resetTwoStep",
  "directory.manage",
] as const;
export type Action = (typeof ACTIONS)[number];

const PERMISSIONS: Record<MembershipRole, ReadonlySet<Action>> = {
  admin: new Set(ACTIONS),
  editor: new Set<Action>([
    "commune.read",
    "members.read",
    "useCases.read",
    "useCases.write",
    "useCases.submit",
    "useCases.adopt",
    "discussion.post",
    "endorsements.write",
    "notifications.read",
    "assessments.read",
    "assessments.write",
    "indicators.read",
    "indicators.write",
    "milestones.read",
    "milestones.write",
    "modules.read",
  ]),
  viewer: new Set<Action>([
    "commune.read",
    "members.read",
    "useCases.read",
    "notifications.read",
    "assessments.read",
    "indicators.read",
    "milestones.read",
    "modules.read",
  ]),
};

export function can(role: MembershipRole, action: Action): boolean {
  return PERMISSIONS[role].has(action);
}

/** Retiring a use case speaks for the commune (admins); editors move it along the other stages. */
export function canSetStage(role: MembershipRole, stage: string): boolean {
  return stage === "retired" ? can(role, "useCases.publish") : can(role, "useCases.write");
}
