import type { OwnGroup } from "@ciar/domain/schemas/comparisons";

/** The groups every commune can compare itself with: its whole coalition, its region, its band. */
export const BUILT_IN_GROUPS = ["coalition", "region", "band"] as const;
export type BuiltInGroup = (typeof BUILT_IN_GROUPS)[number];

export function isBuiltInGroup(group: string): group is BuiltInGroup {
  return (BUILT_IN_GROUPS as readonly string[]).includes(group);
}

/**
 * What the person picked, and in which coalition: a custom group (its id) only exists in the
 * coalition it was picked in.
 */
export interface OwnGroupChoice {
  coalitionId: string;
  group: OwnGroup;
}

export const WHOLE_COALITION: OwnGroupChoice = { coalitionId: "", group: "coalition" };

/**
 * The group to ask the API for in `coalitionId`. A custom group picked in another coalition, or
 * one the commune is no longer in (once its groups are known), is the whole coalition instead:
 * the API would refuse it.
 */
export function groupToSend(
  choice: OwnGroupChoice,
  coalitionId: string,
  customGroups: readonly { id: string }[] | undefined,
): OwnGroup {
  if (isBuiltInGroup(choice.group)) return choice.group;
  if (choice.coalitionId !== coalitionId) return "coalition";
  if (customGroups && !customGroups.some((g) => g.id === choice.group)) return "coalition";
  return choice.group;
}
