import type { Tx } from "@ciar/db/client";
import { platformAuditLog, users } from "@ciar/db/schema";
import type { PlatformAuditAction } from "@ciar/domain/audit-actions";
import { alias } from "drizzle-orm/pg-core";
import { and, desc, eq, or, sql } from "drizzle-orm";
import { decodeCursor, encodeCursor } from "../pagination/keyset-cursor";

export interface ListPlatformAuditInput {
  cursor?: string | undefined;
  limit: number;
  action?: PlatformAuditAction | undefined;
  /** Events about this person or by them. */
  userId?: string | undefined;
}

const actor = alias(users, "actor");
const subject = alias(users, "subject");

/**
 * The platform log, newest first. Keyset over (created_at, id): rows written by operators' scripts
 * carry random (not time-ordered) ids, so the id alone would not order them.
 */
export async function listPlatformAudit(tx: Tx, input: ListPlatformAuditInput) {
  const after = decodeCursor(input.cursor, "timestamp");
  const sortKey = sql<string>`${platformAuditLog.createdAt}::text`;
  const rows = await tx
    .select({
      id: platformAuditLog.id,
      action: platformAuditLog.action,
      changes: platformAuditLog.changes,
      createdAt: platformAuditLog.createdAt,
      actorUserId: platformAuditLog.actorUserId,
      actorName: actor.name,
      actorEmail: actor.email,
      subjectUserId: platformAuditLog.subjectUserId,
      subjectName: subject.name,
      subjectEmail: subject.email,
      sortKey,
    })
    .from(platformAuditLog)
    .leftJoin(actor, eq(actor.id, platformAuditLog.actorUserId))
    .leftJoin(subject, eq(subject.id, platformAuditLog.subjectUserId))
    .where(
      and(
        input.action ? eq(platformAuditLog.action, input.action) : undefined,
        input.userId
          ? or(
              eq(platformAuditLog.subjectUserId, input.userId),
              eq(platformAuditLog.actorUserId, input.userId),
            )
          : undefined,
        after
          ? sql`(${platformAuditLog.createdAt}, ${platformAuditLog.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(platformAuditLog.createdAt), desc(platformAuditLog.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ sortKey: _sortKey, ...event }) => event),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.sortKey, last.id) : null,
  };
}
