import type { Tx } from "@ciar/db/client";
import { refreshTokens, users } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { PlatformActor } from "../actor";
import { recordPlatformAudit } from "../audit/record-platform-audit";
import type { SecretBox } from "../crypto/secret-box";
import { queueMail } from "../mail/queue-mail";

async function findAccount(tx: Tx, actor: PlatformActor, userId: string) {
  const [account] = await tx
    .select({
      lockedAt: users.disabledAt,
      email: users.email,
      name: users.name,
      locale: users.locale,
      // uuid equality in SQL: an id spelt differently is still the admin's own.
      self: sql<boolean>`${users.id} = ${actor.userId}`,
    })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!account) throw new AppError("people.not_found");
  return account;
}

/**
 * Locks an account platform-wide: no sign-in, no refresh, and every access token already issued
 * stops working at the next request (app_session_live reads users.disabled_at). Its sessions are
 * also revoked, so that unlocking later does not bring them back. A platform admin cannot lock
 * their own account (nobody would be left to unlock it through the product). The person is told
 * by e-mail (queued in this transaction).
 */
export async function lockAccount(
  tx: Tx,
  box: SecretBox,
  actor: PlatformActor,
  input: { userId: string; reason?: string | undefined },
) {
  const account = await findAccount(tx, actor, input.userId);
  if (account.self) throw new AppError("people.cannot_lock_self");
  if (account.lockedAt) return { userId: input.userId, locked: true };
  const reason = input.reason ? input.reason : null;
  const now = new Date();
  await tx
    .update(users)
    .set({ disabledAt: now, disabledReason: reason, updatedAt: now })
    .where(eq(users.id, input.userId));
  const ended = await tx
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.userId, input.userId), isNull(refreshTokens.revokedAt)))
    .returning({ familyId: refreshTokens.familyId });
  await recordPlatformAudit(tx, {
    action: "account.locked",
    actorUserId: actor.userId,
    subjectUserId: input.userId,
    changes: { reason, sessionsEnded: new Set(ended.map((row) => row.familyId)).size },
    requestId: actor.requestId,
    ip: actor.ip,
    userAgent: actor.userAgent ?? null,
  });
  await queueMail(tx, box, {
    to: account.email,
    template: "account_locked",
    locale: account.locale,
    data: { name: account.name, reason, at: now.toISOString() },
  });
  return { userId: input.userId, locked: true };
}

/** Unlocks an account: the person signs in again (their old sessions stay ended). */
export async function unlockAccount(tx: Tx, actor: PlatformActor, input: { userId: string }) {
  const account = await findAccount(tx, actor, input.userId);
  if (!account.lockedAt) return { userId: input.userId, locked: false };
  await tx
    .update(users)
    .set({ disabledAt: null, disabledReason: null, updatedAt: new Date() })
    .where(eq(users.id, input.userId));
  await recordPlatformAudit(tx, {
    action: "account.unlocked",
    actorUserId: actor.userId,
    subjectUserId: input.userId,
    changes: { lockedSince: account.lockedAt.toISOString() },
    requestId: actor.requestId,
    ip: actor.ip,
    userAgent: actor.userAgent ?? null,
  });
  return { userId: input.userId, locked: false };
}
