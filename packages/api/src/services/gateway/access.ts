import type { Tx } from "@ciar/db/client";
import {
  apiKeys,
  communes,
  modulePlans,
  moduleUpstreams,
  modules,
  subscriptions,
  usageMonthTotals,
} from "@ciar/db/schema";
import { rowsOf } from "@ciar/db/rows";
import { entitlementOf, usageMonth, type Entitlement } from "@ciar/domain/billing/entitlement";
import { and, eq, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { GatewayDoor } from "../ports";
import { consumeRateLimit } from "../rate-limits/shared-limiter";
import { claimIdempotencyKey, releaseIdempotencyClaim, type StoredAnswer } from "./idempotency";
import { holdBlockUnit } from "./quota-holds";

/** How often the gateway writes a key's last_used_at (a busy key would otherwise write on every call). */
const LAST_USED_PRECISION_MS = 60_000;

/** Everything the gateway needs to forward one allowed call and to count it afterwards. */
export interface GatewayCall {
  keyId: string;
  /** The subscriber: the key's commune. */
  communeId: string;
  /** Its CUT code, handed to the upstream in x-ciar-commune. */
  communeCode: string;
  /** The module's key for x-ciar-signature. */
  signingSecret: string;
  moduleId: string;
  moduleSlug: string;
  providerCommuneId: string;
  subscriptionId: string;
  upstreamUrl: string;
  entitlement: Extract<Entitlement, { allowed: true }>;
  /** Calendar month (Chile) the call is counted in. */
  month: string;
  /** Units already counted this month, before this call. */
  usedUnits: number;
  includedUnits: number;
  /** The plan's quota is used up and the plan bills the overage: the call is recorded as over quota. */
  overQuota: boolean;
  /** The unit held for this call on a `block` plan (quota-holds.ts), to release or turn into usage. */
  holdId: string | null;
  /** The Idempotency-Key this call claimed, if any: its answer is stored, or the claim released. */
  idempotencyKey: string | null;
  /** Calls left in the key's rate-limit window. */
  rateLimitRemaining: number;
}

export type GatewayDecision =
  | { outcome: "allowed"; call: GatewayCall }
  | { outcome: "rate_limited"; retryAfterSeconds: number }
  | { outcome: "invalid_key" }
  | { outcome: "module_not_found"; communeId: string }
  | { outcome: "not_entitled"; communeId: string; moduleSlug: string }
  | { outcome: "quota_exceeded"; communeId: string; moduleSlug: string }
  | { outcome: "no_upstream"; communeId: string; moduleSlug: string }
  | { outcome: "idempotency_mismatch" | "idempotency_in_progress"; communeId: string; moduleSlug: string }
  | { outcome: "replay"; communeId: string; moduleSlug: string; answer: StoredAnswer };

export interface GatewayLookup {
  /** SHA-256 of the presented key (apiKeyHash). */
  keyHash: string;
  slug: string;
  /** The key and the request's fingerprint (requestFingerprint), when the call has one. */
  idempotency: { key: string; fingerprint: string } | null;
  /** Calls per window per key, counted in PostgreSQL (shared by every replica). */
  rateLimit: { limit: number; windowSeconds: number };
  /** How long a held unit or an idempotency claim outlives a call that never ends (a dead replica). */
  inFlightSeconds: number;
  now?: Date;
}

/**
 * Decides whether a presented API key may call a module, in ONE short transaction.
 *
 * The transaction starts with only app.api_key_hash set: the policies then show the key's own row,
 * its commune's subscription to the modules the key is scoped to, and those modules' upstreams
 * (plus the public catalog: published modules, their plans, communes). Nothing else. Once the key
 * has named its commune, the same transaction narrows to that commune (app.commune_id) to note
 * when the key was last used, claim the Idempotency-Key (or find its stored answer) and read the
 * month's usage, holding one unit on a `block` plan, as the tenant flows do after their lookup.
 * Before all that, the key's rate limit is counted in PostgreSQL (shared by every replica).
 */
export function decideGatewayCall(door: GatewayDoor, lookup: GatewayLookup): Promise<GatewayDecision> {
  const now = lookup.now ?? new Date();
  return door.byApiKey(lookup.keyHash, async (tx, setAccess) => {
    // First, before any lookup: a flood of calls costs one statement each. Half the key's hash is
    // enough to tell keys apart and is not the lookup value itself.
    const rate = await consumeRateLimit(tx, {
      key: `gateway-key:${lookup.keyHash.slice(0, 32)}`,
      ...lookup.rateLimit,
    });
    if (!rate.allowed) return { outcome: "rate_limited", retryAfterSeconds: rate.retryAfterSeconds };

    const [row] = await tx
      .select({
        keyId: apiKeys.id,
        communeId: apiKeys.communeId,
        revokedAt: apiKeys.revokedAt,
        moduleIds: apiKeys.moduleIds,
        lastUsedAt: apiKeys.lastUsedAt,
        communeCode: communes.code,
        communeStatus: communes.status,
        moduleId: modules.id,
        moduleSlug: modules.slug,
        providerCommuneId: modules.communeId,
        upstreamUrl: moduleUpstreams.upstreamUrl,
        signingSecret: moduleUpstreams.signingSecret,
        subscriptionId: subscriptions.id,
        status: subscriptions.status,
        method: subscriptions.method,
        pastDueSince: subscriptions.pastDueSince,
        currentPeriodEnd: subscriptions.currentPeriodEnd,
        includedUnits: modulePlans.includedUnits,
        quotaPolicy: modulePlans.quotaPolicy,
      })
      .from(apiKeys)
      .innerJoin(communes, eq(communes.id, apiKeys.communeId))
      .leftJoin(modules, and(eq(modules.slug, lookup.slug), eq(modules.status, "published")))
      .leftJoin(moduleUpstreams, eq(moduleUpstreams.moduleId, modules.id))
      // At most one: a commune has one live (not canceled) subscription per module.
      .leftJoin(
        subscriptions,
        and(
          eq(subscriptions.communeId, apiKeys.communeId),
          eq(subscriptions.moduleId, modules.id),
          ne(subscriptions.status, "canceled"),
        ),
      )
      .leftJoin(modulePlans, eq(modulePlans.id, subscriptions.planId))
      .where(eq(apiKeys.tokenHash, lookup.keyHash))
      .limit(1)
      // A named statement: PostgreSQL plans this policy-heavy join once per connection instead
      // of on every call (without DATABASE_PREPARE, e.g. behind an old PgBouncer, it is not).
      .prepare("gateway_lookup")
      .execute();

    if (!row || row.revokedAt) return { outcome: "invalid_key" };
    const communeId = row.communeId;
    if (!row.moduleId || !row.moduleSlug) return { outcome: "module_not_found", communeId };
    const moduleSlug = row.moduleSlug;
    const denied = { outcome: "not_entitled", communeId, moduleSlug } as const;
    if (!row.moduleIds.includes(row.moduleId)) return denied;
    if (row.communeStatus !== "active") return denied;
    if (!row.subscriptionId || !row.status || !row.method || row.includedUnits === null) return denied;
    const entitlement = entitlementOf(
      {
        status: row.status,
        method: row.method,
        pastDueSince: row.pastDueSince,
        currentPeriodEnd: row.currentPeriodEnd,
      },
      now,
    );
    if (!entitlement.allowed) return denied;
    if (!row.upstreamUrl || !row.signingSecret) return { outcome: "no_upstream", communeId, moduleSlug };

    // The key has named its commune: read its usage and note the key's use as that commune.
    await setAccess({ communeId });
    const month = usageMonth(now);
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
      await tx
        .update(apiKeys)
        .set({ lastUsedAt: now })
        .where(
          and(
            eq(apiKeys.communeId, communeId),
            eq(apiKeys.id, row.keyId),
            or(
              isNull(apiKeys.lastUsedAt),
              lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_PRECISION_MS)),
            ),
          ),
        );
    }

    const moduleId = row.moduleId;
    const idempotency = lookup.idempotency;
    if (idempotency) {
      const claim = await claimIdempotencyKey(tx, {
        communeId,
        moduleId,
        key: idempotency.key,
        fingerprint: idempotency.fingerprint,
        claimSeconds: lookup.inFlightSeconds,
      });
      if (claim.outcome === "mismatch") return { outcome: "idempotency_mismatch", communeId, moduleSlug };
      if (claim.outcome === "in_progress")
        return { outcome: "idempotency_in_progress", communeId, moduleSlug };
      // The stored answer: the module is not called again, so nothing is held nor counted.
      if (claim.outcome === "replay")
        return { outcome: "replay", communeId, moduleSlug, answer: claim.answer };
    }

    let used: number;
    let holdId: string | null = null;
    if (row.quotaPolicy === "block") {
      const hold = await holdBlockUnit(tx, {
        communeId,
        moduleId,
        month,
        includedUnits: row.includedUnits,
        holdSeconds: lookup.inFlightSeconds,
      });
      if (!hold.held) {
        if (idempotency) await releaseIdempotencyClaim(tx, { communeId, moduleId, key: idempotency.key });
        return { outcome: "quota_exceeded", communeId, moduleSlug };
      }
      used = hold.used;
      holdId = hold.holdId;
    } else {
      used = await monthUsage(tx, communeId, moduleId, month);
    }
    return {
      outcome: "allowed",
      call: {
        keyId: row.keyId,
        communeId,
        communeCode: row.communeCode,
        signingSecret: row.signingSecret,
        moduleId,
        moduleSlug,
        providerCommuneId: row.providerCommuneId!,
        subscriptionId: row.subscriptionId,
        upstreamUrl: row.upstreamUrl,
        entitlement,
        month,
        usedUnits: used,
        includedUnits: row.includedUnits,
        overQuota: row.quotaPolicy === "overage" && used >= row.includedUnits,
        holdId,
        idempotencyKey: idempotency?.key ?? null,
        rateLimitRemaining: rate.remaining,
      },
    };
  });
}

/**
 * Units counted this month for the commune and module: one row of usage_month_totals, kept by a
 * trigger with every usage insert. A point read, however busy the month.
 */
async function monthUsage(tx: Tx, communeId: string, moduleId: string, month: string): Promise<number> {
  const t = usageMonthTotals;
  const [usage] = rowsOf<{ used: number }>(
    await tx.execute(
      sql`select coalesce((select ${t.units} from ${t} where ${t.communeId} = ${communeId}
            and ${t.moduleId} = ${moduleId} and ${t.month} = ${month}), 0)::int as used`,
    ),
  );
  return Number(usage?.used ?? 0);
}
