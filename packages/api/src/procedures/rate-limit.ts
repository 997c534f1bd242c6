import { AppError } from "@ciar/domain/errors";
import type { Context } from "../context";
import { withinRateLimits, type RateLimitCheck } from "../services/rate-limits/shared-limiter";
import { middleware } from "../trpc";
import { authedProcedure } from "./authed";

/**
 * Sign-in throttles, per minute: `perMinute` attempts for one address and e-mail, three times that
 * for one e-mail from any address (a guesser spread over many addresses), five times that for one
 * address (many e-mails). Counted in PostgreSQL, so N replicas allow the limit once, not N times.
 * The address is the client's as the trusted proxies report it (TRUST_PROXY, a hop count or CIDRs).
 */
function loginThrottles(perMinute: number, ip: string, email: string): RateLimitCheck[] {
  return [
    { key: `login-address|${ip}`, limit: perMinute * 5, windowSeconds: 60 },
    { key: `login-account|${email}`, limit: perMinute * 3, windowSeconds: 60 },
    { key: `login-address-account|${ip}|${email}`, limit: perMinute, windowSeconds: 60 },
  ];
}

async function withinLimits(ctx: Context, throttles: RateLimitCheck[]): Promise<boolean> {
  return ctx.runAs({}, (tx) => withinRateLimits(tx, throttles));
}

export const loginRateLimit = middleware(async ({ ctx, getRawInput, next }) => {
  const raw = (await getRawInput()) as { email?: unknown } | undefined;
  const email = typeof raw?.email === "string" ? raw.email.trim().toLowerCase().slice(0, 254) : "";
  const throttles = loginThrottles(ctx.deps.loginAttemptsPerMinute, ctx.ip, email);
  if (!(await withinLimits(ctx, throttles))) throw new AppError("auth.rate_limited");
  return next();
});

/**
 * Per-address limit on the other public procedures (invitation links, refresh, sign-out): they
 * need no account, so without it one client could keep the server busy for everyone.
 */
export const publicRateLimit = middleware(async ({ ctx, next }) => {
  const throttle = { key: `public|${ctx.ip}`, limit: ctx.deps.publicRequestsPerMinute, windowSeconds: 60 };
  if (!(await withinLimits(ctx, [throttle]))) throw new AppError("auth.rate_limited");
  return next();
});

/**
 * "¿Olvidaste tu contraseña?": per address, as many requests per minute as sign-in attempts; per
 * e-mail (typed, whether or not it is an account's), five an hour, so nobody can flood a person's
 * inbox. The service adds a silent limit per account (services/account/password-recovery.ts).
 */
export const recoveryRateLimit = middleware(async ({ ctx, getRawInput, next }) => {
  const raw = (await getRawInput()) as { email?: unknown } | undefined;
  const email = typeof raw?.email === "string" ? raw.email.trim().toLowerCase().slice(0, 254) : "";
  const throttles = [
    { key: `recovery-address|${ctx.ip}`, limit: ctx.deps.loginAttemptsPerMinute, windowSeconds: 60 },
    { key: `recovery-email|${email}`, limit: 5, windowSeconds: 3600 },
  ];
  if (!(await withinLimits(ctx, throttles))) throw new AppError("auth.rate_limited");
  return next();
});

/**
 * A signed-in call that verifies the account's password (password change): as many attempts per
 * minute for the account as a sign-in gets, so a stolen access token cannot be used to guess it.
 */
export const passwordCheckingProcedure = authedProcedure.use(async ({ ctx, next }) => {
  const throttle = {
    key: `password-check|${ctx.user.id}`,
    limit: ctx.deps.loginAttemptsPerMinute,
    windowSeconds: 60,
  };
  if (!(await withinLimits(ctx, [throttle]))) throw new AppError("auth.rate_limited");
  return next();
});
