import { AppError } from "@ciar/domain/errors";
import type { RunAs, SignedInUser } from "../services/ports";
import { baseProcedure, middleware } from "../trpc";

/**
 * Reads the caller from the access token, if any; never fails. The token's signature and expiry
 * are checked here; whether its session is still live is checked by the first transaction the
 * call opens (see sessionBound), so a door that already queries pays no extra round trip.
 */
export const optionalUser = middleware(({ ctx, next }) => {
  const claims = ctx.accessToken ? ctx.deps.verifyAccessToken(ctx.accessToken) : null;
  const user: SignedInUser | null = claims
    ? { id: claims.sub, platformRoles: claims.roles, session: { id: claims.sid, userId: claims.sub } }
    : null;
  return next({ ctx: { user } });
});

/**
 * A signed-in user: a valid, unexpired access token whose session is live. Every transaction the
 * call opens through ctx.runAs checks the session in the statement that sets its RLS settings
 * (no added round trip), so a signed-out, revoked or disabled session is refused at once. A call
 * that opened none (no data read) is checked after it ran, before its answer leaves.
 */
export const authedProcedure = baseProcedure.use(optionalUser).use(async ({ ctx, next }) => {
  const user = ctx.user;
  if (!user) throw new AppError(ctx.accessToken ? "auth.session_expired" : "auth.unauthenticated");
  let checked = false;
  const runAs: RunAs = (settings, work) => {
    checked = true;
    return ctx.runAs(settings, work, user.session);
  };
  const outcome = await next({ ctx: { user, runAs } });
  if (outcome.ok && !checked) await ctx.runAs({ userId: user.id }, async () => undefined, user.session);
  return outcome;
});
