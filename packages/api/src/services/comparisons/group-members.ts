import type { Tx } from "@ciar/db/client";
import { coalitionMembers, communes, peerGroupMembers, peerGroups } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { populationBand } from "@ciar/domain/format";
import type { GroupSelection } from "@ciar/domain/schemas/comparisons";
import { and, eq } from "drizzle-orm";
import { coalitionMembersOf, memberColumns, withBand } from "../coalitions/coalitions";

export type Member = Awaited<ReturnType<typeof coalitionMembersOf>>[number];

/**
 * The coalition's members that a coordinator's view covers (see COMPARISON_GROUPS): every
 * member, those of one region or population band (every member when no key is given: rows carry
 * regionCode and band to group by), or those of one of the coalition's custom peer groups.
 * Two queries at most, whatever the size of the coalition.
 */
export async function groupMembers(
  tx: Tx,
  coalitionId: string,
  selection: GroupSelection = {},
): Promise<Member[]> {
  const { group = "coalition", groupKey } = selection;
  if (group === "custom") {
    if (!groupKey) throw new AppError("peerGroups.not_found");
    const [members, rows] = await Promise.all([
      coalitionMembersOf(tx, coalitionId),
      tx
        .select({ communeId: peerGroupMembers.communeId })
        .from(peerGroups)
        .leftJoin(
          peerGroupMembers,
          and(eq(peerGroupMembers.groupId, peerGroups.id), eq(peerGroupMembers.coalitionId, coalitionId)),
        )
        .where(and(eq(peerGroups.id, groupKey), eq(peerGroups.coalitionId, coalitionId))),
    ]);
    if (rows.length === 0) throw new AppError("peerGroups.not_found");
    const inGroup = new Set(rows.map((r) => r.communeId));
    return members.filter((m) => inGroup.has(m.id));
  }
  const members = await coalitionMembersOf(tx, coalitionId);
  if (group === "region" && groupKey) return members.filter((m) => m.regionCode === groupKey);
  if (group === "band" && groupKey) return members.filter((m) => m.band === groupKey);
  return members;
}

/** A member of the coalition by id, or "communes.not_found" (also for a commune of another coalition). */
export async function memberOf(tx: Tx, coalitionId: string, communeId: string): Promise<Member> {
  const [row] = await tx
    .select(memberColumns)
    .from(coalitionMembers)
    .innerJoin(communes, eq(communes.id, coalitionMembers.communeId))
    .where(and(eq(coalitionMembers.coalitionId, coalitionId), eq(coalitionMembers.communeId, communeId)));
  if (!row) throw new AppError("communes.not_found");
  return withBand(row);
}

export function bandOf(population: number | null) {
  return population === null ? null : populationBand(population);
}
