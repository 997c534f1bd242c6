import { AppError } from "@ciar/domain/errors";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { middleware } from "../trpc";

/**
 * Sign-in throttling, per process: `perMinute` attempts per minute for one address and e-mail,
 * five times that for one address. With several replicas each counts alone
 * (see docs/tenancy-and-security.md).
 */
export function createLoginLimiter(perMinute: number) {
  const perAccount = new RateLimiterMemory({ keyPrefix: "login-account", points: perMinute, duration: 60 });
  const perAddress = new RateLimiterMemory({ keyPrefix: "login-ip", points: perMinute * 5, duration: 60 });
  return async (ip: string, email: string): Promise<boolean> => {
    try {
      await Promise.all([perAddress.consume(ip), perAccount.consume(`${ip}|${email}`)]);
      return true;
    } catch {
      return false;
    }
  };
}

export const loginRateLimit = middleware(async ({ ctx, getRawInput, next }) => {
  const raw = (await getRawInput()) as { email?: unknown } | undefined;
  const email = typeof raw?.email === "string" ? raw.email.trim().toLowerCase().slice(0, 254) : "";
  if (!(await ctx.allowLoginAttempt(ctx.ip, email))) throw new AppError("auth.rate_limited");
  return next();
});
