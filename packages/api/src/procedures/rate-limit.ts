import { AppError } from "@ciar/domain/errors";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { middleware } from "../trpc";

/**
 * Sign-in throttling, per process: 10 attempts per minute per address and e-mail, 50 per minute
 * per address. With several replicas, each counts alone (see docs/tenancy-and-security.md).
 */
const perAccount = new RateLimiterMemory({ keyPrefix: "login-account", points: 10, duration: 60 });
const perAddress = new RateLimiterMemory({ keyPrefix: "login-ip", points: 50, duration: 60 });

export const loginRateLimit = middleware(async ({ ctx, getRawInput, next }) => {
  const raw = (await getRawInput()) as { email?: unknown } | undefined;
  const email = typeof raw?.email === "string" ? raw.email.trim().toLowerCase().slice(0, 254) : "";
  try {
    await Promise.all([perAddress.consume(ctx.ip), perAccount.consume(`${ctx.ip}|${email}`)]);
  } catch {
    throw new AppError("auth.rate_limited");
  }
  return next();
});
