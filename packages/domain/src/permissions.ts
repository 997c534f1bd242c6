import type { MembershipRole } from "./roles";

/**
 * Every action a member can take inside a commune. The API enforces this table and the web
 * reads it to decide what to show, so the rule lives in one place.
 */
export const ACTIONS = [
  "commune.read",
  "commune.update",
  "members.read",
  "members.invite",
  "members.updateRole",
  "members.remove",
  "audit.read",
] as const;
export type Action = (typeof ACTIONS)[number];

const PERMISSIONS: Record<MembershipRole, ReadonlySet<Action>> = {
  admin: new Set(ACTIONS),
  editor: new Set<Action>(["commune.read", "members.read"]),
  viewer: new Set<Action>(["commune.read", "members.read"]),
};

export function can(role: MembershipRole, action: Action): boolean {
  return PERMISSIONS[role].has(action);
}

export function allowedActions(role: MembershipRole): Action[] {
  return ACTIONS.filter((action) => can(role, action));
}
