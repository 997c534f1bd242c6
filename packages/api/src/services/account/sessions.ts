import type { Tx } from "@ciar/db/client";
import { refreshTokens } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { parseUserAgent } from "@ciar/domain/user-agent";
import { and, desc, eq, isNull, ne, sql } from "drizzle-orm";
import { recordPlatformAudit } from "../audit/record-platform-audit";
import type { SignedInUser } from "../ports";

/**
 * The caller's active sessions. A session is a refresh-token family (one per sign-in); it is
 * active while its newest refresh token is neither used, revoked nor expired. Every refresh
 * replaces that token, so the newest token's creation is the session's last use (no other
 * write per request). Device and browser come from the User-Agent the session was started or
 * last refreshed with; "place" is only that (no address is kept for it).
 */
export async function listSessions(tx: Tx, user: SignedInUser) {
  const rows = await tx
    .select({
      id: refreshTokens.familyId,
      startedAt: sql<Date>`min(${refreshTokens.createdAt})`.mapWith(refreshTokens.createdAt),
      lastUsedAt: sql<Date>`max(${refreshTokens.createdAt})`.mapWith(refreshTokens.createdAt),
      userAgent: sql<
        string | null
      >`(array_agg(${refreshTokens.userAgent} order by ${refreshTokens.createdAt} desc))[1]`,
    })
    .from(refreshTokens)
    .where(eq(refreshTokens.userId, user.id))
    .groupBy(refreshTokens.familyId)
    .having(
      sql`bool_or(${refreshTokens.revokedAt} is null and ${refreshTokens.usedAt} is null and ${refreshTokens.expiresAt} > now())
        and bool_and(${refreshTokens.revokedAt} is null)`,
    )
    .orderBy(desc(sql`max(${refreshTokens.createdAt})`))
    .limit(100);
  return rows.map((row) => ({
    id: row.id,
    current: row.id === user.session.id,
    startedAt: row.startedAt,
    lastUsedAt: row.lastUsedAt,
    ...parseUserAgent(row.userAgent),
  }));
}

/** Ends one of the caller's sessions (on another device, or this one: then it is a sign-out). */
export async function endSession(
  tx: Tx,
  user: SignedInUser,
  input: { sessionId: string },
  requestId: string,
): Promise<{ sessionId: string }> {
  const ended = await tx
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(refreshTokens.userId, user.id),
        eq(refreshTokens.familyId, input.sessionId),
        isNull(refreshTokens.revokedAt),
      ),
    )
    .returning({ id: refreshTokens.id });
  if (ended.length === 0) throw new AppError("account.session_not_found");
  await recordPlatformAudit(tx, {
    action: "account.session_ended",
    actorUserId: user.id,
    subjectUserId: user.id,
    changes: { sessionId: input.sessionId },
    requestId,
  });
  return { sessionId: input.sessionId };
}

/** "Cerrar todas las demás sesiones": every session of the account but the caller's. */
export async function endOtherSessions(
  tx: Tx,
  user: SignedInUser,
  requestId: string,
): Promise<{ ended: number }> {
  const ended = await tx
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(refreshTokens.userId, user.id),
        ne(refreshTokens.familyId, user.session.id),
        isNull(refreshTokens.revokedAt),
      ),
    )
    .returning({ familyId: refreshTokens.familyId });
  const sessions = new Set(ended.map((row) => row.familyId)).size;
  await recordPlatformAudit(tx, {
    action: "account.other_sessions_ended",
    actorUserId: user.id,
    subjectUserId: user.id,
    changes: { sessions },
    requestId,
  });
  return { ended: sessions };
}
