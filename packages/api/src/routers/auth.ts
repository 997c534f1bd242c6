import { AppError } from "@ciar/domain/errors";
import { zChangePasswordInput, zLoginInput } from "@ciar/domain/schemas/auth";
import { authedProcedure } from "../procedures/authed";
import { publicProcedure } from "../procedures/public";
import { loginRateLimit, passwordCheckingProcedure, publicRateLimit } from "../procedures/rate-limit";
import { changePassword } from "../services/auth/change-password";
import { login } from "../services/auth/login";
import { getMe } from "../services/auth/me";
import { logout, refreshSession } from "../services/auth/refresh";
import { router } from "../trpc";

/** The refresh token travels only in the httpOnly cookie; the access token in the answer. */
export const authRouter = router({
  login: publicProcedure
    .use(loginRateLimit)
    .input(zLoginInput)
    .mutation(async ({ ctx, input }) => {
      const session = await login(ctx, input);
      ctx.refreshCookie.write(session.refreshToken, session.refreshTokenExpiresAt);
      return {
        accessToken: session.accessToken,
        expiresAt: session.accessTokenExpiresAt,
        userId: session.userId,
      };
    }),

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
