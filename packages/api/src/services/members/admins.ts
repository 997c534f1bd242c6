import type { Tx } from "@ciar/db/client";
import { memberships } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { and, eq, isNull, sql } from "drizzle-orm";

/**
 * A commune must keep at least one active (not suspended) admin. The admin rows are locked so that two admins demoting
 * each other at the same moment cannot both succeed. Whether a row is the leaving user's is
 * decided by PostgreSQL (uuid equality), not by comparing strings here: an id spelt differently
 * ("ABC…" for "abc…") names the same member and must not pass for someone else.
 */
export async function assertKeepsAnAdmin(tx: Tx, communeId: string, leavingUserId: string): Promise<void> {
  const admins = await tx
    .select({ leaving: sql<boolean>`${memberships.userId} = ${leavingUserId}` })
    .from(memberships)
    // Only active admins count: a suspended admin cannot administer the commune.
    .where(
      and(
        eq(memberships.communeId, communeId),
        eq(memberships.role, "admin"),
        isNull(memberships.suspendedAt),
      ),
    )
    .for("update");
  if (admins.every((a) => a.leaving)) throw new AppError("members.last_admin");
}
