import { userPasskeys, users } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { FinishPasskeyInput } from "@ciar/domain/schemas/two-step";
import { and, eq } from "drizzle-orm";
import { recordPlatformAudit } from "../audit/record-platform-audit";
import type { SignedInUser, TwoStepCall } from "../ports";
import { createChallenge, liveChallenge, spendChallenge } from "./challenges";
import { queueTwoStepNotice } from "./notices";
import { registrationOptions, verifyRegistration } from "./webauthn";

/** Registration, step one: options for the browser; the challenge stays on the server, single-use. */
export async function startPasskeyRegistration(ctx: TwoStepCall, user: SignedInUser) {
  return ctx.runAs({ userId: user.id }, async (tx) => {
    const [account] = await tx
      .select({ email: users.email, name: users.name })
      .from(users)
      .where(eq(users.id, user.id));
    if (!account) throw new AppError("auth.session_expired");
    const existing = await tx.select().from(userPasskeys).where(eq(userPasskeys.userId, user.id));
    const options = await registrationOptions(ctx.deps.publicUrl, { id: user.id, ...account }, existing);
    const { token } = await createChallenge(tx, "passkey_register", user.id, options.challenge);
    return { challengeToken: token, options };
  });
}

/** Registration, step two: the authenticator's answer is verified against the stored challenge. */
export async function finishPasskeyRegistration(
  ctx: TwoStepCall,
  user: SignedInUser,
  input: FinishPasskeyInput,
) {
  const outcome = await ctx.runAs({ userId: user.id }, async (tx) => {
    const challenge = await liveChallenge(tx, input.challengeToken, "passkey_register");
    if (!challenge?.webauthnChallenge || challenge.userId !== user.id) return null;
    await spendChallenge(tx, challenge.id);
    return challenge.webauthnChallenge;
  });
  if (!outcome) throw new AppError("two_step.passkey_invalid");
  const credential = await verifyRegistration(ctx.deps.publicUrl, outcome, input.passkey);
  return ctx.runAs({ userId: user.id }, async (tx) => {
    const [row] = await tx
      .insert(userPasskeys)
      .values({
        userId: user.id,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString("base64url"),
        counter: credential.counter,
        transports: credential.transports ?? [],
        name: input.name,
      })
      .onConflictDoNothing()
      .returning({ id: userPasskeys.id, name: userPasskeys.name, createdAt: userPasskeys.createdAt });
    if (!row) throw new AppError("two_step.passkey_invalid");
    await recordPlatformAudit(tx, {
      action: "account.passkey_added",
      actorUserId: user.id,
      subjectUserId: user.id,
      changes: { passkeyId: row.id, name: row.name },
      requestId: ctx.requestId,
      ip: ctx.ip,
      userAgent: ctx.userAgent ?? null,
    });
    await queueTwoStepNotice(tx, ctx.deps, user.id, { template: "two_step_enabled", method: "passkey" });
    return row;
  });
}

export async function removePasskey(ctx: TwoStepCall, user: SignedInUser, id: string) {
  return ctx.runAs({ userId: user.id }, async (tx) => {
    const [row] = await tx
      .delete(userPasskeys)
      .where(and(eq(userPasskeys.id, id), eq(userPasskeys.userId, user.id)))
      .returning({ id: userPasskeys.id, name: userPasskeys.name });
    if (!row) throw new AppError("two_step.passkey_not_found");
    await recordPlatformAudit(tx, {
      action: "account.passkey_removed",
      actorUserId: user.id,
      subjectUserId: user.id,
      changes: { passkeyId: row.id, name: row.name },
      requestId: ctx.requestId,
      ip: ctx.ip,
      userAgent: ctx.userAgent ?? null,
    });
    return { ok: true as const };
  });
}
