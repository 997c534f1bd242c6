import { createHash } from "node:crypto";
import type { Tx } from "@ciar/db/client";
import { gatewayIdempotency } from "@ciar/db/schema";
import { rowsOf } from "@ciar/db/rows";
import { and, eq, isNull, sql } from "drizzle-orm";

/**
 * Idempotency-Key at the gateway. The first 2xx answer to a call with a key is stored per
 * (commune, module, key) for IDEMPOTENCY_WINDOW_SECONDS; a retry with the same fingerprint gets
 * that answer without reaching the module (and is not counted); a reuse with another fingerprint
 * is refused. While the first call is in flight its row is a claim (status null): a concurrent
 * retry is told to wait. A call that does not end in 2xx gives the key back (the claim is deleted),
 * so it can be retried, and is then checked and counted like any call.
 */

/** Longest Idempotency-Key the gateway accepts. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 200;
/** How long a stored answer is replayed. */
export const IDEMPOTENCY_WINDOW_SECONDS = 24 * 60 * 60;
/** Largest answer body stored for replay; a larger answer is counted once and not replayable. */
export const IDEMPOTENT_BODY_MAX_BYTES = 1_048_576;
/** The module's answer headers a replay repeats (the gateway's own are added again). */
export const REPLAYED_HEADERS = [
  "content-type",
  "content-encoding",
  "content-language",
  "content-disposition",
  "location",
  "etag",
  "last-modified",
] as const;

/** SHA-256 over method, path with query (as sent) and the body's SHA-256. */
export function requestFingerprint(method: string, pathAndQuery: string, body: Buffer): string {
  const bodyHash = createHash("sha256").update(body).digest("hex");
  return createHash("sha256").update(`${method.toUpperCase()}\n${pathAndQuery}\n${bodyHash}`).digest("hex");
}

export interface StoredAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  /** null: the answer was too large to keep. */
  body: Buffer | null;
}

export type IdempotencyClaim =
  | { outcome: "claimed" }
  | { outcome: "mismatch" }
  | { outcome: "in_progress" }
  | { outcome: "replay"; answer: StoredAnswer };

interface Scope {
  communeId: string;
  moduleId: string;
  key: string;
}

/**
 * Claims the key for this call, or says what the live record for it is. A record past its window
 * (or a claim whose call never ended, past claimSeconds) is taken over.
 */
export async function claimIdempotencyKey(
  tx: Tx,
  scope: Scope & { fingerprint: string; claimSeconds: number },
): Promise<IdempotencyClaim> {
  const g = gatewayIdempotency;
  const claimed = await tx
    .insert(g)
    .values({
      communeId: scope.communeId,
      moduleId: scope.moduleId,
      idempotencyKey: scope.key,
      fingerprint: scope.fingerprint,
      expiresAt: sql`now() + make_interval(secs => ${scope.claimSeconds}::int)`,
    })
    .onConflictDoUpdate({
      target: [g.communeId, g.moduleId, g.idempotencyKey],
      set: {
        fingerprint: scope.fingerprint,
        status: null,
        headers: null,
        body: null,
        bodyStored: false,
        createdAt: sql`now()`,
        expiresAt: sql`excluded.expires_at`,
      },
      setWhere: sql`${g.expiresAt} <= now()`,
    })
    .returning({ key: g.idempotencyKey });
  if (claimed.length > 0) return { outcome: "claimed" };

  const [live] = rowsOf<{
    fingerprint: string;
    status: number | null;
    headers: Record<string, string | string[]> | null;
    body: string | null;
    body_stored: boolean;
  }>(
    await tx.execute(sql`select ${g.fingerprint} as fingerprint, ${g.status} as status, ${g.headers} as headers,
        encode(${g.body}, 'base64') as body, ${g.bodyStored} as body_stored
      from ${g} where ${g.communeId} = ${scope.communeId} and ${g.moduleId} = ${scope.moduleId}
        and ${g.idempotencyKey} = ${scope.key}`),
  );
  // Gone between the two statements (its call failed and gave the key back): the retry may wait.
  if (!live) return { outcome: "in_progress" };
  if (live.fingerprint !== scope.fingerprint) return { outcome: "mismatch" };
  if (live.status === null) return { outcome: "in_progress" };
  return {
    outcome: "replay",
    answer: {
      status: Number(live.status),
      headers: live.headers ?? {},
      body: live.body_stored ? Buffer.from(live.body ?? "", "base64") : null,
    },
  };
}

/** The call ended in 2xx: its answer replaces the claim, for the window. */
export async function storeIdempotentAnswer(tx: Tx, scope: Scope & { answer: StoredAnswer }): Promise<void> {
  const g = gatewayIdempotency;
  const { body } = scope.answer;
  await tx.execute(sql`update ${g} set status = ${scope.answer.status}::int,
      headers = ${JSON.stringify(scope.answer.headers)}::jsonb,
      body = ${body === null ? null : sql`decode(${body.toString("base64")}, 'base64')`},
      body_stored = ${body !== null},
      expires_at = now() + make_interval(secs => ${IDEMPOTENCY_WINDOW_SECONDS}::int)
    where ${g.communeId} = ${scope.communeId} and ${g.moduleId} = ${scope.moduleId}
      and ${g.idempotencyKey} = ${scope.key} and ${g.status} is null`);
}

/** The call did not end in 2xx (or never reached the module): the key may be used again. */
export async function releaseIdempotencyClaim(tx: Tx, scope: Scope): Promise<void> {
  const g = gatewayIdempotency;
  await tx
    .delete(g)
    .where(
      and(
        eq(g.communeId, scope.communeId),
        eq(g.moduleId, scope.moduleId),
        eq(g.idempotencyKey, scope.key),
        isNull(g.status),
      ),
    );
}
