import type { Tx } from "@ciar/db/client";
import { hashPassword } from "@ciar/db/password";
import { passwordRecoveryTokens, refreshTokens, users } from "@ciar/db/schema";
import { AppError, type AppErrorCode } from "@ciar/domain/errors";
import type { RequestPasswordRecoveryInput, ResetPasswordInput } from "@ciar/domain/schemas/account";
import { and, eq, isNull, sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { recordPlatformAudit } from "../audit/record-platform-audit";
import { assertStrongPassword } from "../auth/password-policy";
import { hashSecretToken, newSecretToken } from "../auth/secret-tokens";
import { queueMail } from "../mail/queue-mail";
import type { AuthCall } from "../ports";
import { withinRateLimits } from "../rate-limits/shared-limiter";
import { accountUrl, recoveryUrl } from "./account-links";

const LINK_TTL_MINUTES = 30;
/** Links sent to one account per hour, whoever asks and from wherever. */
const LINKS_PER_ACCOUNT_PER_HOUR = 3;

/**
 * "¿Olvidaste tu contraseña?": e-mails a single-use link, valid 30 minutes, to the account with
 * this address. The answer is the same whether or not there is one (and whether or not the
 * account's hourly allowance is spent): the caller learns nothing about who has an account. Only
 * the link's SHA-256 is stored; the e-mail's copy is sealed in the outbox and erased once sent.
 */
export async function requestPasswordRecovery(
  ctx: AuthCall,
  input: RequestPasswordRecoveryInput,
): Promise<void> {
  await ctx.runAs({ authEmail: input.email }, async (tx, setAccess) => {
    const [account] = await tx
      .select({ id: users.id, name: users.name, locale: users.locale, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(sql`lower(${users.email})`, input.email));
    if (!account || account.disabledAt) return;
    await setAccess({ userId: account.id });
    const allowed = await withinRateLimits(tx, [
      { key: `recovery-account|${account.id}`, limit: LINKS_PER_ACCOUNT_PER_HOUR, windowSeconds: 3600 },
    ]);
    if (!allowed) {
      ctx.log.warn({ event: "recovery_throttled", userId: account.id }, "recovery link not sent: throttled");
      return;
    }
    const { token, hash } = newSecretToken();
    const expiresAt = new Date(Date.now() + LINK_TTL_MINUTES * 60_000);
    await tx
      .insert(passwordRecoveryTokens)
      .values({ id: uuidv7(), userId: account.id, tokenHash: hash, expiresAt });
    await queueMail(tx, ctx.deps.secretBox, {
      to: input.email,
      template: "password_recovery",
      locale: account.locale,
      data: {
        name: account.name,
        resetUrl: recoveryUrl(ctx.deps.publicUrl, token),
        expiresAt: expiresAt.toISOString(),
      },
    });
    await recordPlatformAudit(tx, {
      action: "account.recovery_requested",
      actorUserId: null,
      subjectUserId: account.id,
      requestId: ctx.requestId,
      ip: ctx.ip,
      userAgent: ctx.userAgent ?? null,
    });
  });
}

type LinkCheck =
  | { kind: "usable"; userId: string; email: string; name: string; locale: "es" | "en" }
  | { kind: "refused"; code: AppErrorCode };

/**
 * Sets a new password with a recovery link, and ends every session of the account (whoever had
 * the old password is out). The link then no longer works, nor does any other link sent to the
 * account before it. Nobody is signed in by it: the person signs in with the new password (and
 * whatever second step the account has). An expired, used or unknown link changes nothing and is
 * recorded in the platform's log; the error says which.
 */
export async function resetPassword(ctx: AuthCall, input: ResetPasswordInput): Promise<void> {
  const tokenHash = hashSecretToken(input.token);
  const check = await checkLink(ctx, tokenHash, false);
  if (check.kind === "refused") throw new AppError(check.code);
  // Strength and argon2 outside any transaction: they take tens of milliseconds.
  await assertStrongPassword(input.newPassword, [check.email, check.name], "newPassword");
  const passwordHash = await hashPassword(input.newPassword);

  // Checked again, locked, in the transaction that uses it: two tabs cannot both use one link.
  const outcome = await checkLink(ctx, tokenHash, true, async (tx, account) => {
    const now = new Date();
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, account.userId));
    await tx
      .update(passwordRecoveryTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordRecoveryTokens.userId, account.userId), isNull(passwordRecoveryTokens.usedAt)));
    await tx
      .update(refreshTokens)
      .set({ revokedAt: now })
      .where(and(eq(refreshTokens.userId, account.userId), isNull(refreshTokens.revokedAt)));
    await recordPlatformAudit(tx, {
      action: "account.password_recovered",
      actorUserId: null,
      subjectUserId: account.userId,
      changes: { sessionsEnded: true },
      requestId: ctx.requestId,
      ip: ctx.ip,
      userAgent: ctx.userAgent ?? null,
    });
    await queueMail(tx, ctx.deps.secretBox, {
      to: account.email,
      template: "password_changed",
      locale: account.locale,
      data: {
        name: account.name,
        how: "recovered",
        at: now.toISOString(),
        accountUrl: accountUrl(ctx.deps.publicUrl),
      },
    });
  });
  if (outcome.kind === "refused") throw new AppError(outcome.code);
}

/**
 * Finds the link by its hash (the recovery door) and says whether it can be used; a refusal is
 * recorded in the platform's log in the same transaction (committed: the caller throws after).
 * With `use`, the row is locked and `use` runs on a usable link in that transaction.
 */
async function checkLink(
  ctx: AuthCall,
  tokenHash: string,
  lock: boolean,
  use?: (tx: Tx, account: Extract<LinkCheck, { kind: "usable" }>) => Promise<void>,
): Promise<LinkCheck> {
  return ctx.runAs({ recoveryTokenHash: tokenHash }, async (tx, setAccess) => {
    const query = tx
      .select()
      .from(passwordRecoveryTokens)
      .where(eq(passwordRecoveryTokens.tokenHash, tokenHash));
    const [link] = lock ? await query.for("update") : await query;
    const refuse = async (code: AppErrorCode, userId: string | null): Promise<LinkCheck> => {
      await recordPlatformAudit(tx, {
        action: "account.recovery_refused",
        actorUserId: null,
        subjectUserId: userId,
        changes: { reason: code.replace("recovery.link_", "") },
        requestId: ctx.requestId,
        ip: ctx.ip,
        userAgent: ctx.userAgent ?? null,
      });
      return { kind: "refused", code };
    };
    if (!link) return refuse("recovery.link_invalid", null);
    await setAccess({ userId: link.userId });
    if (link.usedAt) return refuse("recovery.link_used", link.userId);
    if (link.expiresAt <= new Date()) return refuse("recovery.link_expired", link.userId);
    const [account] = await tx
      .select({ email: users.email, name: users.name, locale: users.locale, disabledAt: users.disabledAt })
      .from(users)
      .where(and(eq(users.id, link.userId), isNull(users.disabledAt)));
    if (!account) return refuse("recovery.link_invalid", link.userId);
    const usable = { kind: "usable" as const, userId: link.userId, ...account };
    if (use) await use(tx, usable);
    return usable;
  });
}
