import { verifyPassword } from "@ciar/db/password";
import { userTotp, users } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { DisableTotpInput } from "@ciar/domain/schemas/two-step";
import { and, eq, isNotNull } from "drizzle-orm";
import { recordPlatformAudit } from "../audit/record-platform-audit";
import type { SignedInUser, TwoStepCall } from "../ports";
import { queueTwoStepNotice } from "./notices";
import { replaceRecoveryCodes } from "./recovery-codes";
import { acceptTotpCode, enrolmentPicture, newTotpSecret, totpContext } from "./totp";

const auditFacts = (ctx: TwoStepCall, user: SignedInUser) => ({
  actorUserId: user.id,
  subjectUserId: user.id,
  requestId: ctx.requestId,
  ip: ctx.ip,
  userAgent: ctx.userAgent ?? null,
});

/**
 * Enrolment, step one: a new seed, sealed at once (it is stored only sealed), shown as a QR code
 * and as a key to type. Starting again replaces an unconfirmed seed; a confirmed one stays.
 */
export async function startTotpEnrolment(ctx: TwoStepCall, user: SignedInUser) {
  return ctx.runAs({ userId: user.id }, async (tx) => {
    const [current] = await tx
      .select({ confirmedAt: userTotp.confirmedAt })
      .from(userTotp)
      .where(eq(userTotp.userId, user.id));
    if (current?.confirmedAt) throw new AppError("two_step.already_enabled");
    const [account] = await tx.select({ email: users.email }).from(users).where(eq(users.id, user.id));
    const secret = newTotpSecret();
    const secretSealed = ctx.deps.secretBox.seal(secret, totpContext(user.id));
    await tx
      .insert(userTotp)
      .values({ userId: user.id, secretSealed })
      .onConflictDoUpdate({
        target: userTotp.userId,
        set: { secretSealed, lastUsedStep: null, createdAt: new Date() },
      });
    const picture = await enrolmentPicture(secret, account?.email ?? user.id);
    return { secret, ...picture };
  });
}

/**
 * Enrolment, step two: the first code proves the app holds the seed. Turns TOTP on and returns ten
 * recovery codes, shown this once (only their hashes are kept).
 */
export async function confirmTotpEnrolment(ctx: TwoStepCall, user: SignedInUser, code: string) {
  const outcome = await ctx.runAs({ userId: user.id }, async (tx) => {
    const [pending] = await tx
      .select({ confirmedAt: userTotp.confirmedAt })
      .from(userTotp)
      .where(eq(userTotp.userId, user.id));
    if (!pending) throw new AppError("two_step.enrolment_missing");
    if (pending.confirmedAt) throw new AppError("two_step.already_enabled");
    if (!(await acceptTotpCode(tx, ctx.deps.secretBox, user.id, code, { pending: true }))) return null;
    await tx.update(userTotp).set({ confirmedAt: new Date() }).where(eq(userTotp.userId, user.id));
    const recoveryCodes = await replaceRecoveryCodes(tx, user.id);
    await recordPlatformAudit(tx, { action: "account.totp_enabled", ...auditFacts(ctx, user) });
    await queueTwoStepNotice(tx, ctx.deps, user.id, { template: "two_step_enabled", method: "totp" });
    return { recoveryCodes };
  });
  if (!outcome) throw new AppError("auth.two_step_invalid_code");
  return outcome;
}

/**
 * A current code or the password: what turning TOTP off and issuing new recovery codes require,
 * so that a borrowed session alone cannot weaken the account.
 */
async function assertStepUp(ctx: TwoStepCall, user: SignedInUser, input: DisableTotpInput): Promise<void> {
  if ("password" in input) {
    const [account] = await ctx.runAs({ userId: user.id }, (tx) =>
      tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id)),
    );
    if (!account || !(await verifyPassword(account.passwordHash, input.password)))
      throw new AppError("auth.wrong_password");
    return;
  }
  const ok = await ctx.runAs({ userId: user.id }, (tx) =>
    acceptTotpCode(tx, ctx.deps.secretBox, user.id, input.code),
  );
  if (!ok) throw new AppError("auth.two_step_invalid_code");
}

export async function disableTotp(ctx: TwoStepCall, user: SignedInUser, input: DisableTotpInput) {
  await assertEnabled(ctx, user);
  await assertStepUp(ctx, user, input);
  await ctx.runAs({ userId: user.id }, async (tx) => {
    await tx.delete(userTotp).where(eq(userTotp.userId, user.id));
    await recordPlatformAudit(tx, { action: "account.totp_disabled", ...auditFacts(ctx, user) });
  });
  return { ok: true as const };
}

export async function regenerateRecoveryCodes(ctx: TwoStepCall, user: SignedInUser, input: DisableTotpInput) {
  await assertEnabled(ctx, user);
  await assertStepUp(ctx, user, input);
  return ctx.runAs({ userId: user.id }, async (tx) => {
    const recoveryCodes = await replaceRecoveryCodes(tx, user.id);
    await recordPlatformAudit(tx, { action: "account.recovery_codes_regenerated", ...auditFacts(ctx, user) });
    return { recoveryCodes };
  });
}

async function assertEnabled(ctx: TwoStepCall, user: SignedInUser) {
  const [row] = await ctx.runAs({ userId: user.id }, (tx) =>
    tx
      .select({ userId: userTotp.userId })
      .from(userTotp)
      .where(and(eq(userTotp.userId, user.id), isNotNull(userTotp.confirmedAt))),
  );
  if (!row) throw new AppError("two_step.not_enabled");
}
