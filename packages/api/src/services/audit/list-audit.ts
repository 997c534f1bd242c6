import type { Tx } from "@ciar/db/client";
import { auditLog, users } from "@ciar/db/schema";
import { and, desc, eq, lt } from "drizzle-orm";

export interface ListAuditInput {
  cursor?: string | undefined;
  limit: number;
  action?: string | undefined;
}

/**
 * Newest first. Ids are UUIDv7 (time-ordered), so the last id of a page is the cursor.
 * Actors who have since left the commune are not visible under RLS: their id is kept.
 */
export async function listAudit(tx: Tx, communeId: string, input: ListAuditInput) {
  const rows = await tx
    .select({
      id: auditLog.id,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      changes: auditLog.changes,
      createdAt: auditLog.createdAt,
      actorUserId: auditLog.actorUserId,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        eq(auditLog.communeId, communeId),
        input.cursor ? lt(auditLog.id, input.cursor) : undefined,
        input.action ? eq(auditLog.action, input.action) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
}
