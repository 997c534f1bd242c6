import { AppError } from "@ciar/domain/errors";
import { baseProcedure, middleware } from "../trpc";

/** Reads the caller from the access token, if any; never fails. */
export const optionalUser = middleware(({ ctx, next }) => {
  const claims = ctx.accessToken ? ctx.deps.verifyAccessToken(ctx.accessToken) : null;
  return next({ ctx: { user: claims ? { id: claims.sub, platformRoles: claims.roles } : null } });
});

/** A signed-in user: a valid, unexpired access token. */
export const authedProcedure = baseProcedure.use(optionalUser).use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError(ctx.accessToken ? "auth.session_expired" : "auth.unauthenticated");
  return next({ ctx: { user: ctx.user } });
});
