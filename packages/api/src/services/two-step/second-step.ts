import type { Tx } from "@ciar/db/client";
import { rowsOf } from "@ciar/db/rows";
import { userPasskeys, users } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { CompleteTwoStepInput } from "@ciar/domain/schemas/two-step";
import { eq, sql } from "drizzle-orm";
import { noticeNewDevice } from "../account/new-device-notice";
import { recordPlatformAudit } from "../audit/record-platform-audit";
import { issueSession, type IssuedSession } from "../auth/sessions";
import type { TwoStepCall } from "../ports";
import { challengeHash, createChallenge, liveChallenge, spendChallenge } from "./challenges";
import { consumeRecoveryCode } from "./recovery-codes";
import { acceptTotpCode } from "./totp";
import { authenticationOptions, verifyAssertion } from "./webauthn";

export type SecondStepMethod = "totp" | "recovery" | "passkey";

export interface SignInGate {
  /** The account has a factor: the password alone does not sign in. */
  methods: SecondStepMethod[];
  /** It must have one (platform admin, or a commune's policy) and has none: enrol first. */
  enrolmentRequired: boolean;
}

/** Runs as the person (app.user_id), in the transaction that checked their password. */
export async function signInGate(tx: Tx): Promise<SignInGate> {
  const [row] = rowsOf<{ totp: boolean; passkey: boolean; recovery: boolean; required: boolean }>(
    await tx.execute(sql`select
      exists (select 1 from user_totp where user_id = app_user_id() and confirmed_at is not null) as totp,
      exists (select 1 from user_passkeys where user_id = app_user_id()) as passkey,
      exists (select 1 from user_recovery_codes where user_id = app_user_id() and used_at is null) as recovery,
      app_two_step_required(null) as required`),
  );
  const methods: SecondStepMethod[] = [];
  if (row?.totp) methods.push("totp");
  if (row?.passkey) methods.push("passkey");
  if (methods.length > 0 && row?.recovery) methods.push("recovery");
  return { methods, enrolmentRequired: methods.length === 0 && row?.required === true };
}

/** The password was right and a factor is needed: a short-lived, single-use token (not a session). */
export async function startSecondStep(tx: Tx, userId: string): Promise<{ challengeToken: string }> {
  const { token } = await createChallenge(tx, "sign_in", userId);
  return { challengeToken: token };
}

type Outcome =
  { ok: true; session: IssuedSession; userId: string } | { ok: false; code: "expired" | "invalid" };

/**
 * Completes a sign-in with a TOTP code, a recovery code or a passkey; only then is the session
 * issued. A wrong answer counts against the challenge (committed even though the caller is
 * refused); the fifth spends it.
 */
export async function completeSecondStep(
  ctx: TwoStepCall,
  input: CompleteTwoStepInput,
): Promise<IssuedSession & { userId: string }> {
  const outcome = await ctx.runAs(
    { twoStepTokenHash: challengeHash(input.challengeToken) },
    async (tx, setAccess): Promise<Outcome> => {
      const challenge = await liveChallenge(tx, input.challengeToken, "sign_in");
      if (!challenge?.userId) return { ok: false, code: "expired" };
      const userId = challenge.userId;
      await setAccess({ userId });
      const [user] = await tx
        .select({ disabledAt: users.disabledAt })
        .from(users)
        .where(eq(users.id, userId));
      if (!user || user.disabledAt) return { ok: false, code: "expired" };

      let accepted = false;
      let usedRecoveryCode = false;
      if ("code" in input) accepted = await acceptTotpCode(tx, ctx.deps.secretBox, userId, input.code);
      else if ("recoveryCode" in input) {
        accepted = usedRecoveryCode = await consumeRecoveryCode(tx, userId, input.recoveryCode);
      } else if (challenge.webauthnChallenge) {
        const id = typeof input.passkey.id === "string" ? input.passkey.id : "";
        const [passkey] = await tx.select().from(userPasskeys).where(eq(userPasskeys.credentialId, id));
        accepted =
          passkey !== undefined &&
          passkey.userId === userId &&
          (await verifyAssertion(
            tx,
            ctx.deps.publicUrl,
            challenge.webauthnChallenge,
            passkey,
            input.passkey,
            false,
          ));
      }
      if (!accepted) {
        await tx.execute(
          sql`update two_step_challenges set attempts = attempts + 1 where id = ${challenge.id}`,
        );
        return { ok: false, code: "invalid" };
      }
      await spendChallenge(tx, challenge.id);
      if (usedRecoveryCode)
        await recordPlatformAudit(tx, {
          action: "account.recovery_code_used",
          actorUserId: userId,
          subjectUserId: userId,
          requestId: ctx.requestId,
          ip: ctx.ip,
          userAgent: ctx.userAgent ?? null,
        });
      await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, userId));
      await noticeNewDevice(tx, ctx.deps, userId, ctx.userAgent);
      const session = await issueSession(tx, ctx.deps, userId, { userAgent: ctx.userAgent });
      return { ok: true, session, userId };
    },
  );
  if (outcome.ok) return { ...outcome.session, userId: outcome.userId };
  throw new AppError(outcome.code === "expired" ? "auth.two_step_expired" : "auth.two_step_invalid_code");
}

/** WebAuthn options for the second step with a passkey: only the person's own passkeys. */
export async function secondStepPasskeyOptions(ctx: TwoStepCall, challengeToken: string) {
  return ctx.runAs({ twoStepTokenHash: challengeHash(challengeToken) }, async (tx, setAccess) => {
    const challenge = await liveChallenge(tx, challengeToken, "sign_in");
    if (!challenge?.userId) throw new AppError("auth.two_step_expired");
    await setAccess({ userId: challenge.userId });
    const passkeys = await tx.select().from(userPasskeys).where(eq(userPasskeys.userId, challenge.userId));
    if (passkeys.length === 0) throw new AppError("two_step.passkey_not_found");
    const options = await authenticationOptions(ctx.deps.publicUrl, passkeys);
    await tx.execute(
      sql`update two_step_challenges set webauthn_challenge = ${options.challenge} where id = ${challenge.id}`,
    );
    return options;
  });
}
