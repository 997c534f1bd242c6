import type { Tx } from "@ciar/db/client";
import { rowsOf } from "@ciar/db/rows";
import { sql } from "drizzle-orm";

/**
 * A fixed-window rate limit shared by every replica: the counter is a row of rate_limit_windows
 * (migration 0017), bumped by one atomic upsert in `rate_limit_consume()`, so N replicas allow the
 * limit once, not N times. It needs no connection of its own: it runs in the caller's transaction
 * (any runAs door), which works on PGlite's single connection and through PgBouncer in transaction
 * mode alike. The app role cannot read the table; expired windows are deleted by the gateway sweep
 * job (sweep_expired_gateway_rows()).
 *
 * Reuse: pick a key prefix of your own ("login-ip:", "gateway-key:"…), never put a secret in the
 * key as it is (hash it), and call `consumeRateLimit(tx, { key, limit, windowSeconds })` inside the
 * request's transaction; refuse the request when `allowed` is false (Retry-After: retryAfterSeconds).
 * As with any fixed window, a burst at a window's edge can reach twice the limit over 2 windows.
 */
export interface RateLimitCheck {
  /** Namespaced, at most 200 characters. */
  key: string;
  /** Points allowed per window; each call consumes one. */
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

export async function consumeRateLimit(tx: Tx, check: RateLimitCheck): Promise<RateLimitResult> {
  if (check.key.length === 0 || check.key.length > 200)
    throw new Error("rate limit key: 1 to 200 characters");
  const [row] = rowsOf<{ allowed: boolean; remaining: number; retry_after_ms: number }>(
    await tx.execute(
      sql`select allowed, remaining, retry_after_ms from rate_limit_consume(${check.key}, ${check.limit}::int, ${check.windowSeconds}::int)`,
    ),
  );
  if (!row) throw new Error("rate_limit_consume returned nothing");
  return {
    allowed: row.allowed,
    remaining: Number(row.remaining),
    retryAfterSeconds: Math.max(1, Math.ceil(Number(row.retry_after_ms) / 1000)),
  };
}
