import type { Tx } from "@ciar/db/client";
import { communes, notifications } from "@ciar/db/schema";
import { and, count, desc, eq, inArray, isNull, lt } from "drizzle-orm";

/** The commune's inbox, newest first (ids are time-ordered). */
export async function listNotifications(
  tx: Tx,
  communeId: string,
  input: { cursor?: string | undefined; limit: number; unreadOnly?: boolean | undefined },
) {
  const rows = await tx
    .select({
      id: notifications.id,
      kind: notifications.kind,
      useCaseId: notifications.useCaseId,
      actorCommuneName: communes.name,
      payload: notifications.payload,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .innerJoin(communes, eq(communes.id, notifications.actorCommuneId))
    .where(
      and(
        eq(notifications.communeId, communeId),
        input.cursor ? lt(notifications.id, input.cursor) : undefined,
        input.unreadOnly ? isNull(notifications.readAt) : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(input.limit + 1);
  const [unread] = await tx
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.communeId, communeId), isNull(notifications.readAt)));
  const page = rows.slice(0, input.limit);
  return {
    items: page,
    unread: unread?.n ?? 0,
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Marks the given notifications (or all) as read. Reading is per commune, not per person. */
export async function markNotificationsRead(tx: Tx, communeId: string, ids: string[] | "all") {
  const updated = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.communeId, communeId),
        isNull(notifications.readAt),
        ids === "all" ? undefined : inArray(notifications.id, ids),
      ),
    )
    .returning({ id: notifications.id });
  return { marked: updated.length };
}
