import { newSecretToken } from "../auth/secret-tokens";
import { userPasskeys, users } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { PasskeySignInInput } from "@ciar/domain/schemas/two-step";
import { eq, sql } from "drizzle-orm";
import { noticeNewDevice } from "../account/new-device-notice";
import { issueSession, type IssuedSession } from "../auth/sessions";
import type { TwoStepCall } from "../ports";
import { challengeHash, liveChallenge, spendChallenge } from "./challenges";
import { twoStepChallenges } from "@ciar/db/schema";
import { authenticationOptions, verifyAssertion } from "./webauthn";

/**
 * Password-less sign-in, step one: a WebAuthn challenge naming no account (the authenticator
 * offers its discoverable passkeys for this site), kept server-side for five minutes, used once.
 */
export async function startPasskeySignIn(ctx: TwoStepCall) {
  const options = await authenticationOptions(ctx.deps.publicUrl, null);
  const { token, hash } = newSecretToken();
  await ctx.runAs({ twoStepTokenHash: hash }, (tx) =>
    tx.insert(twoStepChallenges).values({
      userId: null,
      purpose: "passkey_sign_in",
      tokenHash: hash,
      webauthnChallenge: options.challenge,
      expiresAt: new Date(Date.now() + 5 * 60_000),
    }),
  );
  return { challengeToken: token, options };
}

type Outcome = { ok: true; session: IssuedSession; userId: string } | { ok: false };

/** Step two: the credential names its account; a verified assertion (with user verification) signs in. */
export async function finishPasskeySignIn(
  ctx: TwoStepCall,
  input: PasskeySignInInput,
): Promise<IssuedSession & { userId: string }> {
  const credentialId = typeof input.passkey.id === "string" ? input.passkey.id.slice(0, 1024) : "";
  const outcome = await ctx.runAs(
    { twoStepTokenHash: challengeHash(input.challengeToken), passkeyCredentialId: credentialId },
    async (tx, setAccess): Promise<Outcome> => {
      const challenge = await liveChallenge(tx, input.challengeToken, "passkey_sign_in");
      if (!challenge?.webauthnChallenge) return { ok: false };
      // Spent whatever the answer: a passkey ceremony is not retried with the same challenge.
      await spendChallenge(tx, challenge.id);
      const [passkey] = await tx
        .select()
        .from(userPasskeys)
        .where(eq(userPasskeys.credentialId, credentialId));
      if (!passkey) return { ok: false };
      await setAccess({ userId: passkey.userId });
      const [user] = await tx
        .select({ disabledAt: users.disabledAt })
        .from(users)
        .where(eq(users.id, passkey.userId));
      if (!user || user.disabledAt) return { ok: false };
      const valid = await verifyAssertion(
        tx,
        ctx.deps.publicUrl,
        challenge.webauthnChallenge,
        passkey,
        input.passkey,
        true,
      );
      if (!valid) return { ok: false };
      await tx.execute(sql`update users set last_login_at = now() where id = ${passkey.userId}`);
      await noticeNewDevice(tx, ctx.deps, passkey.userId, ctx.userAgent);
      const session = await issueSession(tx, ctx.deps, passkey.userId, { userAgent: ctx.userAgent });
      return { ok: true, session, userId: passkey.userId };
    },
  );
  if (!outcome.ok) throw new AppError("two_step.passkey_invalid");
  return { ...outcome.session, userId: outcome.userId };
}
