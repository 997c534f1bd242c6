import { AppError } from "@ciar/domain/errors";
import { zChangePasswordInput, zLoginInput } from "@ciar/domain/schemas/auth";
import {
  zChallengeTokenInput,
  zCompleteTwoStepInput,
  zPasskeySignInInput,
} from "@ciar/domain/schemas/two-step";
import { authedProcedure } from "../procedures/authed";
import { publicProcedure } from "../procedures/public";
import {
  loginRateLimit,
  passwordCheckingProcedure,
  publicRateLimit,
  twoStepRateLimit,
} from "../procedures/rate-limit";
import { changePassword } from "../services/auth/change-password";
import { login } from "../services/auth/login";
import { getMe } from "../services/auth/me";
import { logout, refreshSession } from "../services/auth/refresh";
import type { IssuedSession } from "../services/auth/sessions";
import { finishPasskeySignIn, startPasskeySignIn } from "../services/two-step/passkey-sign-in";
import { completeSecondStep, secondStepPasskeyOptions } from "../services/two-step/second-step";
import type { RefreshCookie } from "../context";
import { router } from "../trpc";

/** Hands a new session to the browser: refresh token in the cookie, access token in the answer. */
function signedIn(
  cookie: RefreshCookie,
  session: IssuedSession & { userId: string },
  enrolmentRequired = false,
) {
  cookie.write(session.refreshToken, session.refreshTokenExpiresAt);
  return {
    status: "signed_in" as const,
    accessToken: session.accessToken,
    expiresAt: session.accessTokenExpiresAt,
    userId: session.userId,
    enrolmentRequired,
  };
}

/** The refresh token travels only in the httpOnly cookie; the access token in the answer. */
export const authRouter = router({
  login: publicProcedure
    .use(loginRateLimit)
    .input(zLoginInput)
    .mutation(async ({ ctx, input }) => {
      const outcome = await login(ctx, input);
      if (outcome.kind === "two_step")
        return {
          status: "two_step" as const,
          challengeToken: outcome.challengeToken,
          methods: outcome.methods,
        };
      return signedIn(ctx.refreshCookie, outcome, outcome.enrolmentRequired);
    }),

  /** The sign-in's second step: a TOTP code, a recovery code or a passkey; then the session. */
  completeTwoStep: publicProcedure
    .use(twoStepRateLimit)
    .input(zCompleteTwoStepInput)
    .mutation(async ({ ctx, input }) => signedIn(ctx.refreshCookie, await completeSecondStep(ctx, input))),

  /** WebAuthn options for answering the second step with one of the person's passkeys. */
  twoStepPasskeyOptions: publicProcedure
    .use(twoStepRateLimit)
    .input(zChallengeTokenInput)
    .mutation(({ ctx, input }) => secondStepPasskeyOptions(ctx, input.challengeToken)),

  /** Password-less sign-in with a passkey, step one: a challenge naming no account. */
  passkeyOptions: publicProcedure.use(publicRateLimit).mutation(({ ctx }) => startPasskeySignIn(ctx)),

  /** Step two: the passkey names its account; verified on the device, it signs in alone. */
  passkeySignIn: publicProcedure
    .use(twoStepRateLimit)
    .input(zPasskeySignInInput)
    .mutation(async ({ ctx, input }) => signedIn(ctx.refreshCookie, await finishPasskeySignIn(ctx, input))),

  refresh: publicProcedure.use(publicRateLimit).mutation(async ({ ctx }) => {
    const token = ctx.refreshCookie.read();
    if (!token) throw new AppError("auth.session_expired");
    try {
      const session = await refreshSession(ctx, token);
      ctx.refreshCookie.write(session.refreshToken, session.refreshTokenExpiresAt);
      return { accessToken: session.accessToken, expiresAt: session.accessTokenExpiresAt };
    } catch (error) {
      ctx.refreshCookie.clear();
      throw error;
    }
  }),

  logout: publicProcedure.use(publicRateLimit).mutation(async ({ ctx }) => {
    const token = ctx.refreshCookie.read();
    if (token) await logout(ctx, token);
    ctx.refreshCookie.clear();
    return { ok: true as const };
  }),

  me: authedProcedure.query(({ ctx }) => getMe(ctx.runAs, ctx.user)),

  /** Ends every session of the account; the caller continues in a new one. */
  changePassword: passwordCheckingProcedure.input(zChangePasswordInput).mutation(async ({ ctx, input }) => {
    const session = await changePassword(ctx, ctx.user, input);
    ctx.refreshCookie.write(session.refreshToken, session.refreshTokenExpiresAt);
    return { accessToken: session.accessToken, expiresAt: session.accessTokenExpiresAt };
  }),
});
