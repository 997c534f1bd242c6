import { createHash } from "node:crypto";
import type { Tx } from "@ciar/db/client";
import { rowsOf } from "@ciar/db/rows";
import { sql } from "drizzle-orm";

/**
 * Fixed-window rate limits shared by every replica: each counter is a row of rate_limit_windows
 * (migration 0017), bumped by one atomic upsert in `rate_limit_consume()`, so N replicas allow the
 * limit once, not N times. The one place for every limit of the product: the module gateway's per
 * key, sign-in (per address, account, and both), public procedures per address, password checks.
 *
 * It needs no connection of its own: it runs in the caller's transaction (any door's), which works
 * on PGlite's single connection and through PgBouncer in transaction mode alike. Keys are stored as
 * SHA-256 digests (no e-mail or address at rest); the app role cannot read the table. Expired
 * windows are deleted by the gateway sweep job (sweep_expired_gateway_rows()). As with any fixed
 * window, a burst at a window's edge can reach twice the limit over two windows.
 */
export interface RateLimitCheck {
  /** Namespaced by its caller ("login-account|…", "gateway-key:…"). */
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

/**
 * Consumes one point of each check in one statement and says how each stands. Rows are taken in
 * digest order, so two concurrent calls over the same keys never wait on each other crosswise.
 */
export async function consumeRateLimits(
  tx: Tx,
  checks: readonly RateLimitCheck[],
): Promise<RateLimitResult[]> {
  if (checks.length === 0) return [];
  const hashed = checks
    .map((check, index) => ({
      ...check,
      index,
      digest: createHash("sha256").update(check.key).digest("hex"),
    }))
    .sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
  const values = hashed.map(
    (c, order) => sql`(${order}::int, ${c.digest}, ${c.limit}::int, ${c.windowSeconds}::int)`,
  );
  const rows = rowsOf<{ ord: number; allowed: boolean; remaining: number; retry_after_ms: number }>(
    await tx.execute(sql`
      select v.ord, r.allowed, r.remaining, r.retry_after_ms
      from (values ${sql.join(values, sql`, `)}) as v(ord, key, max_points, window_seconds)
      cross join lateral rate_limit_consume(v.key, v.max_points, v.window_seconds) as r
      order by v.ord`),
  );
  if (rows.length !== hashed.length) throw new Error("rate_limit_consume answered for some keys only");
  const results: RateLimitResult[] = [];
  for (const row of rows) {
    results[hashed[Number(row.ord)]!.index] = {
      allowed: row.allowed,
      remaining: Number(row.remaining),
      retryAfterSeconds: Math.max(1, Math.ceil(Number(row.retry_after_ms) / 1000)),
    };
  }
  return results;
}

/** One check: see consumeRateLimits. */
export async function consumeRateLimit(tx: Tx, check: RateLimitCheck): Promise<RateLimitResult> {
  const [result] = await consumeRateLimits(tx, [check]);
  return result!;
}

/** True when every check is still within its limit (each has consumed a point either way). */
export async function withinRateLimits(tx: Tx, checks: readonly RateLimitCheck[]): Promise<boolean> {
  return (await consumeRateLimits(tx, checks)).every((result) => result.allowed);
}
