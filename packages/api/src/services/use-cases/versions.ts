import type { Tx } from "@ciar/db/client";
import { useCaseVersions, users } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Actor } from "../actor";
import { snapshotDiff, type Snapshot } from "@ciar/domain/use-case-versions";

/** Appends version `version` with its full snapshot and what changed since `before`. */
export async function recordVersion(
  tx: Tx,
  actor: Actor,
  useCaseId: string,
  version: number,
  before: Snapshot | null,
  after: Snapshot,
) {
  const changes = snapshotDiff(before, after);
  await tx.insert(useCaseVersions).values({
    communeId: actor.communeId,
    useCaseId,
    version,
    snapshot: after,
    changes,
    actorUserId: actor.userId,
  });
  return changes;
}

export async function listVersions(tx: Tx, communeId: string, useCaseId: string) {
  return tx
    .select({
      version: useCaseVersions.version,
      changes: useCaseVersions.changes,
      createdAt: useCaseVersions.createdAt,
      actorUserId: useCaseVersions.actorUserId,
      actorName: users.name,
    })
    .from(useCaseVersions)
    .leftJoin(users, eq(users.id, useCaseVersions.actorUserId))
    .where(and(eq(useCaseVersions.communeId, communeId), eq(useCaseVersions.useCaseId, useCaseId)))
    .orderBy(desc(useCaseVersions.version))
    .limit(500);
}

/** Two versions side by side, with the fields that differ between them. */
export async function compareVersions(
  tx: Tx,
  communeId: string,
  useCaseId: string,
  from: number,
  to: number,
) {
  const rows = await tx
    .select({ version: useCaseVersions.version, snapshot: useCaseVersions.snapshot })
    .from(useCaseVersions)
    .where(
      and(
        eq(useCaseVersions.communeId, communeId),
        eq(useCaseVersions.useCaseId, useCaseId),
        inArray(useCaseVersions.version, [from, to]),
      ),
    );
  const older = rows.find((r) => r.version === from);
  const newer = rows.find((r) => r.version === to);
  if (!older || !newer) throw new AppError("versions.not_found");
  return {
    from: older,
    to: newer,
    changes: snapshotDiff(older.snapshot as Snapshot, newer.snapshot as Snapshot),
  };
}
