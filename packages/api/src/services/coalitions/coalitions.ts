import type { Tx } from "@ciar/db/client";
import { coalitionCoordinators, coalitionMembers, coalitions, communes, users } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { populationBand } from "@ciar/domain/format";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { SetAccess } from "../ports";

const coalitionColumns = {
  id: coalitions.id,
  slug: coalitions.slug,
  name: coalitions.name,
  country: coalitions.country,
  description: coalitions.description,
  sourceUrl: coalitions.sourceUrl,
  shareResults: coalitions.shareResults,
  isDemo: coalitions.isDemo,
};

/** Every coalition with its number of members (platform admins). */
export async function listCoalitions(tx: Tx) {
  return tx
    .select({ ...coalitionColumns, members: count(coalitionMembers.communeId) })
    .from(coalitions)
    .leftJoin(coalitionMembers, eq(coalitionMembers.coalitionId, coalitions.id))
    .groupBy(coalitions.id)
    .orderBy(asc(coalitions.name));
}

export async function getCoalition(tx: Tx, coalitionId: string) {
  const [coalition] = await tx
    .select(coalitionColumns)
    .from(coalitions)
    .where(eq(coalitions.id, coalitionId));
  if (!coalition) throw new AppError("coalitions.not_found");
  return coalition;
}

/** A member commune with what fair comparisons group it by (region, population band). */
export const memberColumns = {
  id: communes.id,
  code: communes.code,
  name: communes.name,
  regionCode: communes.regionCode,
  region: communes.region,
  population: communes.population,
  populationYear: communes.populationYear,
  status: communes.status,
  isDemo: communes.isDemo,
  joinedAt: coalitionMembers.joinedAt,
};

export const withBand = <T extends { population: number | null }>(row: T) => ({
  ...row,
  band: row.population === null ? null : populationBand(row.population),
});

/** The coalition's member communes, by name. */
export async function coalitionMembersOf(tx: Tx, coalitionId: string) {
  const rows = await tx
    .select(memberColumns)
    .from(coalitionMembers)
    .innerJoin(communes, eq(communes.id, coalitionMembers.communeId))
    .where(eq(coalitionMembers.coalitionId, coalitionId))
    .orderBy(asc(communes.name));
  return rows.map(withBand);
}

/** A coalition with its members and coordinators (platform admins see every coordinator). */
export async function coalitionDetail(tx: Tx, coalitionId: string) {
  const coalition = await getCoalition(tx, coalitionId);
  const coordinators = await tx
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(coalitionCoordinators)
    .innerJoin(users, eq(users.id, coalitionCoordinators.userId))
    .where(eq(coalitionCoordinators.coalitionId, coalitionId))
    .orderBy(asc(users.name));
  return { coalition, members: await coalitionMembersOf(tx, coalitionId), coordinators };
}

export async function createCoalition(
  tx: Tx,
  input: {
    slug: string;
    name: string;
    country: string | null;
    description: string;
    sourceUrl: string | null;
  },
) {
  const [taken] = await tx
    .select({ id: coalitions.id })
    .from(coalitions)
    .where(eq(coalitions.slug, input.slug));
  if (taken) throw new AppError("coalitions.slug_taken");
  const [row] = await tx.insert(coalitions).values(input).returning(coalitionColumns);
  return row!;
}

export async function updateCoalition(
  tx: Tx,
  input: {
    coalitionId: string;
    name?: string | undefined;
    description?: string | undefined;
    sourceUrl?: string | null | undefined;
  },
) {
  const { coalitionId, ...changes } = input;
  const [row] = await tx
    .update(coalitions)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(coalitions.id, coalitionId))
    .returning(coalitionColumns);
  if (!row) throw new AppError("coalitions.not_found");
  return row;
}

/**
 * Adds a commune (by its official code) to a coalition. Recorded in the commune's own audit log,
 * since it changes who may read its progress.
 */
export async function addCoalitionMember(
  tx: Tx,
  actor: { userId: string; requestId: string },
  input: { coalitionId: string; communeCode: string; country: string },
) {
  await getCoalition(tx, input.coalitionId);
  const [commune] = await tx
    .select({ id: communes.id, name: communes.name })
    .from(communes)
    .where(and(eq(communes.country, input.country), eq(communes.code, input.communeCode)));
  if (!commune) throw new AppError("communes.not_found");
  const inserted = await tx
    .insert(coalitionMembers)
    .values({ coalitionId: input.coalitionId, communeId: commune.id })
    .onConflictDoNothing()
    .returning({ communeId: coalitionMembers.communeId });
  if (inserted.length > 0) {
    await recordAudit(
      tx,
      { ...actor, communeId: commune.id },
      {
        action: "coalition.member_added",
        entityType: "coalition",
        entityId: input.coalitionId,
      },
    );
  }
  return { communeId: commune.id, name: commune.name, added: inserted.length > 0 };
}

export async function removeCoalitionMember(
  tx: Tx,
  actor: { userId: string; requestId: string },
  input: { coalitionId: string; communeId: string },
) {
  const removed = await tx
    .delete(coalitionMembers)
    .where(
      and(
        eq(coalitionMembers.coalitionId, input.coalitionId),
        eq(coalitionMembers.communeId, input.communeId),
      ),
    )
    .returning({ communeId: coalitionMembers.communeId });
  if (removed.length === 0) throw new AppError("communes.not_found");
  await recordAudit(
    tx,
    { ...actor, communeId: input.communeId },
    {
      action: "coalition.member_removed",
      entityType: "coalition",
      entityId: input.coalitionId,
    },
  );
  return { removed: true };
}

/** Makes an existing account (by e-mail) a coordinator of the coalition. */
export async function addCoordinator(
  tx: Tx,
  setAccess: SetAccess<"authEmail">,
  input: { coalitionId: string; email: string },
) {
  await getCoalition(tx, input.coalitionId);
  // Platform admins see every user; the exact-address door keeps the lookup narrow anyway.
  await setAccess({ authEmail: input.email });
  const [user] = await tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(sql`lower(${users.email}) = ${input.email}`);
  await setAccess({ authEmail: null });
  if (!user) throw new AppError("members.not_found");
  await tx
    .insert(coalitionCoordinators)
    .values({ coalitionId: input.coalitionId, userId: user.id })
    .onConflictDoNothing();
  return user;
}

export async function removeCoordinator(tx: Tx, input: { coalitionId: string; userId: string }) {
  const removed = await tx
    .delete(coalitionCoordinators)
    .where(
      and(
        eq(coalitionCoordinators.coalitionId, input.coalitionId),
        eq(coalitionCoordinators.userId, input.userId),
      ),
    )
    .returning({ userId: coalitionCoordinators.userId });
  if (removed.length === 0) throw new AppError("members.not_found");
  return { removed: true };
}

/**
 * Whether members see each other's individual results (off by default). Every member commune's
 * audit log records the change, since it decides who reads their results.
 */
export async function setSharing(
  tx: Tx,
  actor: { userId: string; requestId: string; coalitionId: string },
  shareResults: boolean,
) {
  const before = await getCoalition(tx, actor.coalitionId);
  const [row] = await tx
    .update(coalitions)
    .set({ shareResults, updatedAt: new Date() })
    .where(eq(coalitions.id, actor.coalitionId))
    .returning(coalitionColumns);
  if (before.shareResults !== shareResults) {
    for (const member of await coalitionMembersOf(tx, actor.coalitionId)) {
      await recordAudit(
        tx,
        { userId: actor.userId, communeId: member.id, requestId: actor.requestId },
        {
          action: "coalition.sharing_changed",
          entityType: "coalition",
          entityId: actor.coalitionId,
          changes: { shareResults: { from: before.shareResults, to: shareResults } },
        },
      );
    }
  }
  return row!;
}

/** The coalitions a commune belongs to (for its own comparisons and indicators). */
export async function coalitionsOfCommune(tx: Tx, communeId: string) {
  return tx
    .select(coalitionColumns)
    .from(coalitionMembers)
    .innerJoin(coalitions, eq(coalitions.id, coalitionMembers.coalitionId))
    .where(eq(coalitionMembers.communeId, communeId))
    .orderBy(asc(coalitions.name));
}
