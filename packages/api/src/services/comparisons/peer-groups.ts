import type { AuditAction } from "@ciar/domain/audit-actions";
import type { Tx } from "@ciar/db/client";
import { auditLog, coalitionMembers, communes, peerGroupMembers, peerGroups } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { diff } from "../audit/record-audit";

/**
 * A coordinator's own comparison groups inside a coalition ("ciudades puerto"). Their members
 * compare themselves with the group through the peer statistics (never fewer than 3 communes);
 * the coordinator filters the coalition's views by them.
 */

export interface PeerGroup {
  id: string;
  name: string;
  description: string;
  members: Array<{ communeId: string; code: string; name: string }>;
}

export async function listPeerGroups(tx: Tx, coalitionId: string, groupId?: string): Promise<PeerGroup[]> {
  const rows = await tx
    .select({
      id: peerGroups.id,
      name: peerGroups.name,
      description: peerGroups.description,
      communeId: communes.id,
      code: communes.code,
      communeName: communes.name,
    })
    .from(peerGroups)
    .leftJoin(
      peerGroupMembers,
      and(
        eq(peerGroupMembers.groupId, peerGroups.id),
        eq(peerGroupMembers.coalitionId, peerGroups.coalitionId),
      ),
    )
    .leftJoin(communes, eq(communes.id, peerGroupMembers.communeId))
    .where(
      groupId === undefined
        ? eq(peerGroups.coalitionId, coalitionId)
        : and(eq(peerGroups.coalitionId, coalitionId), eq(peerGroups.id, groupId)),
    )
    .orderBy(asc(peerGroups.name), asc(peerGroups.id), asc(communes.name));
  const groups = new Map<string, PeerGroup>();
  for (const row of rows) {
    let group = groups.get(row.id);
    if (!group) {
      group = { id: row.id, name: row.name, description: row.description, members: [] };
      groups.set(row.id, group);
    }
    if (row.communeId !== null && row.code !== null && row.communeName !== null) {
      group.members.push({ communeId: row.communeId, code: row.code, name: row.communeName });
    }
  }
  return [...groups.values()];
}

async function getPeerGroup(tx: Tx, coalitionId: string, groupId: string) {
  const [group] = await listPeerGroups(tx, coalitionId, groupId);
  if (!group) throw new AppError("peerGroups.not_found");
  return group;
}

/** Every id must be a member of the coalition; duplicates are ignored. */
async function checkMembers(tx: Tx, coalitionId: string, communeIds: string[]): Promise<string[]> {
  const unique = [...new Set(communeIds)];
  const found = await tx
    .select({ communeId: coalitionMembers.communeId })
    .from(coalitionMembers)
    .where(and(eq(coalitionMembers.coalitionId, coalitionId), inArray(coalitionMembers.communeId, unique)));
  if (found.length !== unique.length) throw new AppError("communes.not_found");
  return unique;
}

/** Names are unique per coalition regardless of case (the database's peer_groups_name_key). */
async function checkName(tx: Tx, coalitionId: string, name: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: peerGroups.id })
    .from(peerGroups)
    .where(
      and(
        eq(peerGroups.coalitionId, coalitionId),
        sql`lower(${peerGroups.name}) = lower(${name})`,
        exceptId === undefined ? undefined : ne(peerGroups.id, exceptId),
      ),
    );
  if (taken) throw new AppError("peerGroups.name_taken");
}

/** A concurrent request took the name between the check and the write. */
function nameTakenRace(error: unknown): never {
  for (
    let e = error as
        { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown } | undefined,
      depth = 0;
    e && depth < 4;
    depth++
  ) {
    if (e.code === "23505" && (e.constraint_name ?? e.constraint) === "peer_groups_name_key") {
      throw new AppError("peerGroups.name_taken");
    }
    e = e.cause as typeof e;
  }
  throw error;
}

/** A coordinator acting on one coalition, in one request. */
export interface GroupActor {
  userId: string;
  coalitionId: string;
  requestId: string;
}

/**
 * The audit event of a group change, in the log of each commune it concerns (one insert): a
 * custom group decides which aggregates its members compare themselves with.
 */
async function auditGroup(
  tx: Tx,
  actor: GroupActor,
  communeIds: readonly string[],
  action: Extract<AuditAction, `peer_group.${string}`>,
  groupId: string,
  changes: Record<string, unknown>,
) {
  if (communeIds.length === 0) return;
  await tx.insert(auditLog).values(
    communeIds.map((communeId) => ({
      communeId,
      actorUserId: actor.userId,
      action,
      entityType: "peer_group",
      entityId: groupId,
      changes: { coalitionId: actor.coalitionId, ...changes },
      requestId: actor.requestId,
    })),
  );
}

/** Makes the group's members exactly `communeIds`; returns who joined and who left. */
async function replaceMembers(tx: Tx, coalitionId: string, groupId: string, communeIds: string[]) {
  const before = await tx
    .delete(peerGroupMembers)
    .where(eq(peerGroupMembers.groupId, groupId))
    .returning({ communeId: peerGroupMembers.communeId });
  await tx
    .insert(peerGroupMembers)
    .values(communeIds.map((communeId) => ({ groupId, coalitionId, communeId })));
  const had = new Set(before.map((r) => r.communeId));
  const has = new Set(communeIds);
  return {
    joined: communeIds.filter((id) => !had.has(id)),
    left: [...had].filter((id) => !has.has(id)),
  };
}

export async function createPeerGroup(
  tx: Tx,
  actor: GroupActor,
  input: { name: string; description: string; communeIds: string[] },
): Promise<PeerGroup> {
  const communeIds = await checkMembers(tx, actor.coalitionId, input.communeIds);
  await checkName(tx, actor.coalitionId, input.name);
  const [row] = await tx
    .insert(peerGroups)
    .values({
      coalitionId: actor.coalitionId,
      name: input.name,
      description: input.description,
      createdBy: actor.userId,
    })
    .returning({ id: peerGroups.id })
    .catch(nameTakenRace);
  const groupId = row!.id;
  await replaceMembers(tx, actor.coalitionId, groupId, communeIds);
  await auditGroup(tx, actor, communeIds, "peer_group.joined", groupId, { name: input.name });
  return getPeerGroup(tx, actor.coalitionId, groupId);
}

export async function updatePeerGroup(
  tx: Tx,
  actor: GroupActor,
  input: {
    groupId: string;
    name?: string | undefined;
    description?: string | undefined;
    communeIds?: string[] | undefined;
  },
): Promise<PeerGroup> {
  const { coalitionId } = actor;
  const [existing] = await tx
    .select({ name: peerGroups.name, description: peerGroups.description })
    .from(peerGroups)
    .where(and(eq(peerGroups.id, input.groupId), eq(peerGroups.coalitionId, coalitionId)))
    .for("update");
  if (!existing) throw new AppError("peerGroups.not_found");
  const communeIds = input.communeIds && (await checkMembers(tx, coalitionId, input.communeIds));
  if (input.name !== undefined) await checkName(tx, coalitionId, input.name, input.groupId);
  await tx
    .update(peerGroups)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(peerGroups.id, input.groupId), eq(peerGroups.coalitionId, coalitionId)))
    .catch(nameTakenRace);
  const name = input.name ?? existing.name;
  if (communeIds) {
    const { joined, left } = await replaceMembers(tx, coalitionId, input.groupId, communeIds);
    await auditGroup(tx, actor, joined, "peer_group.joined", input.groupId, { name });
    await auditGroup(tx, actor, left, "peer_group.left", input.groupId, { name });
  }
  const changes = diff(existing, { name: input.name, description: input.description });
  if (Object.keys(changes).length > 0) {
    const current = await tx
      .select({ communeId: peerGroupMembers.communeId })
      .from(peerGroupMembers)
      .where(eq(peerGroupMembers.groupId, input.groupId));
    await auditGroup(
      tx,
      actor,
      current.map((r) => r.communeId),
      "peer_group.updated",
      input.groupId,
      changes,
    );
  }
  return getPeerGroup(tx, coalitionId, input.groupId);
}

export async function removePeerGroup(tx: Tx, actor: GroupActor, groupId: string) {
  const group = await getPeerGroup(tx, actor.coalitionId, groupId);
  await tx
    .delete(peerGroups)
    .where(and(eq(peerGroups.id, groupId), eq(peerGroups.coalitionId, actor.coalitionId)));
  await auditGroup(
    tx,
    actor,
    group.members.map((m) => m.communeId),
    "peer_group.left",
    groupId,
    { name: group.name, removed: true },
  );
  return { removed: true };
}

/**
 * The custom groups of a coalition that the active commune is in, to compare itself with them
 * (names only: the database shows a commune its own membership rows, not the others').
 */
export async function groupsOfCommune(tx: Tx, communeId: string, coalitionId: string) {
  return tx
    .select({ id: peerGroups.id, name: peerGroups.name, description: peerGroups.description })
    .from(peerGroupMembers)
    .innerJoin(
      peerGroups,
      and(
        eq(peerGroups.id, peerGroupMembers.groupId),
        eq(peerGroups.coalitionId, peerGroupMembers.coalitionId),
      ),
    )
    .where(and(eq(peerGroupMembers.communeId, communeId), eq(peerGroupMembers.coalitionId, coalitionId)))
    .orderBy(asc(peerGroups.name));
}
