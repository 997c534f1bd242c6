import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Tx } from "./client";
import { rowsOf } from "./rows";

/** One counter: at most `limit` hits of `key` per window of `windowSeconds`. */
export interface Throttle {
  key: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Counts one hit on each throttle in the shared table (migration 0018) and says whether every one
 * is still within its limit. One statement, atomic per key, so every replica sees the same counts.
 * Keys are stored as SHA-256 digests (no e-mail or address at rest) and upserted in a fixed order,
 * so two concurrent calls never wait on each other's rows crosswise.
 */
export async function hitThrottles(tx: Tx, throttles: readonly Throttle[]): Promise<boolean> {
  if (throttles.length === 0) return true;
  const hashed = throttles
    .map((t) => ({ ...t, digest: createHash("sha256").update(t.key).digest("hex") }))
    .sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
  const calls = hashed.map((t) => sql`rate_limit_hit(${t.digest}, ${t.windowSeconds}::integer)`);
  const [row] = rowsOf<{ hits: number[] }>(
    await tx.execute(sql`select array[${sql.join(calls, sql`, `)}] as hits`),
  );
  const hits = row?.hits ?? [];
  return hashed.every((t, i) => Number(hits[i]) <= t.limit);
}
