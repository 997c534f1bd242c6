import { hashPassword, verifyPassword } from "@ciar/db/password";
import { refreshTokens, users } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { ChangePasswordInput } from "@ciar/domain/schemas/auth";
import { and, eq, isNull } from "drizzle-orm";
import { accountUrl } from "../account/account-links";
import { recordPlatformAudit } from "../audit/record-platform-audit";
import { queueMail } from "../mail/queue-mail";
import type { AuthCall, SignedInUser } from "../ports";
import { assertStrongPassword } from "./password-policy";
import { issueSession, type IssuedSession } from "./sessions";

/**
 * Changes the caller's password after checking the current one, and ends every session of the
 * account (another device, or whoever learned the old password, is signed out at once); the
 * caller continues in a new session. argon2 runs outside the transactions.
 */
export async function changePassword(
  ctx: AuthCall,
  user: SignedInUser,
  input: ChangePasswordInput,
): Promise<IssuedSession> {
  const [account] = await ctx.runAs({ userId: user.id }, (tx) =>
    tx
      .select({
        email: users.email,
        name: users.name,
        locale: users.locale,
        passwordHash: users.passwordHash,
      })
      .from(users)
      .where(eq(users.id, user.id)),
  );
  if (!account) throw new AppError("auth.session_expired");
  if (!(await verifyPassword(account.passwordHash, input.currentPassword)))
    throw new AppError("auth.wrong_password");
  await assertStrongPassword(input.newPassword, [account.email, account.name], "newPassword");
  const passwordHash = await hashPassword(input.newPassword);

  return ctx.runAs({ userId: user.id }, async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, user.id));
    await tx
      .update(refreshTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(refreshTokens.userId, user.id), isNull(refreshTokens.revokedAt)));
    await recordPlatformAudit(tx, {
      action: "account.password_changed",
      actorUserId: user.id,
      subjectUserId: user.id,
      changes: { sessionsEnded: true },
      requestId: ctx.requestId,
      ip: ctx.ip,
      userAgent: ctx.userAgent ?? null,
    });
    // The account's owner is told, in case it was not them (a stolen session).
    await queueMail(tx, ctx.deps.secretBox, {
      to: account.email,
      template: "password_changed",
      locale: account.locale,
      data: {
        name: account.name,
        how: "changed",
        at: new Date().toISOString(),
        accountUrl: accountUrl(ctx.deps.publicUrl),
      },
    });
    return issueSession(tx, ctx.deps, user.id, { userAgent: ctx.userAgent });
  });
}
