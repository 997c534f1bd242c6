import type { Tx } from "@ciar/db/client";
import { memberships } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { and, eq } from "drizzle-orm";

/**
 * A commune must keep at least one admin. The admin rows are locked so that two admins demoting
 * each other at the same moment cannot both succeed.
 */
export async function assertKeepsAnAdmin(tx: Tx, communeId: string, leavingUserId: string): Promise<void> {
  const admins = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.communeId, communeId), eq(memberships.role, "admin")))
    .for("update");
  if (admins.every((a) => a.userId === leavingUserId)) throw new AppError("members.last_admin");
}
