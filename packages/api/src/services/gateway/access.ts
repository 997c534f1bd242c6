import type { Tx } from "@ciar/db/client";
import {
  apiKeys,
  communes,
  modulePlans,
  moduleUpstreams,
  modules,
  subscriptions,
  usageMonthTotals,
  usageRecords,
} from "@ciar/db/schema";
import { rowsOf } from "@ciar/db/rows";
import { applySettings } from "@ciar/db/tenant-transaction";
import { entitlementOf, usageMonth, type Entitlement } from "@ciar/domain/billing/entitlement";
import { and, eq, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { RunAs } from "../../context";

/** How often the gateway writes a key's last_used_at (a busy key would otherwise write on every call). */
const LAST_USED_PRECISION_MS = 60_000;

/** Everything the gateway needs to forward one allowed call and to count it afterwards. */
export interface GatewayCall {
  keyId: string;
  /** The subscriber: the key's commune. */
  communeId: string;
  /** Its CUT code, handed to the upstream in x-ciar-commune. */
  communeCode: string;
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
  /** This Idempotency-Key was already counted: the call is forwarded and not counted again. */
  replay: boolean;
}

export type GatewayDecision =
  | { outcome: "allowed"; call: GatewayCall }
  | { outcome: "invalid_key" }
  | { outcome: "module_not_found"; communeId: string }
  | { outcome: "not_entitled"; communeId: string; moduleSlug: string }
  | { outcome: "quota_exceeded"; communeId: string; moduleSlug: string }
  | { outcome: "no_upstream"; communeId: string; moduleSlug: string };

export interface GatewayLookup {
  /** SHA-256 of the presented key (apiKeyHash). */
  keyHash: string;
  slug: string;
  idempotencyKey: string | null;
  now?: Date;
}

/**
 * Decides whether a presented API key may call a module, in ONE short transaction.
 *
 * The transaction starts with only app.api_key_hash set: the policies then show the key's own row,
 * its commune's subscription to the modules the key is scoped to, and those modules' upstreams
 * (plus the public catalog: published modules, their plans, communes). Nothing else. Once the key
 * has named its commune, the same transaction narrows to that commune (app.commune_id) to read the
 * month's usage and to note when the key was last used, as the tenant flows do after their lookup.
 */
export function decideGatewayCall(runAs: RunAs, lookup: GatewayLookup): Promise<GatewayDecision> {
  const now = lookup.now ?? new Date();
  return runAs({ apiKeyHash: lookup.keyHash }, async (tx) => {
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
    if (!row.upstreamUrl) return { outcome: "no_upstream", communeId, moduleSlug };

    // The key has named its commune: read its usage and note the key's use as that commune.
    await applySettings(tx, { communeId });
    const month = usageMonth(now);
    const { used, replay } = await monthUsage(tx, communeId, row.moduleId, month, lookup.idempotencyKey);
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

    const quotaUsed = used >= row.includedUnits;
    if (quotaUsed && row.quotaPolicy === "block" && !replay) {
      return { outcome: "quota_exceeded", communeId, moduleSlug };
    }
    return {
      outcome: "allowed",
      call: {
        keyId: row.keyId,
        communeId,
        communeCode: row.communeCode,
        moduleId: row.moduleId,
        moduleSlug,
        providerCommuneId: row.providerCommuneId!,
        subscriptionId: row.subscriptionId,
        upstreamUrl: row.upstreamUrl,
        entitlement,
        month,
        usedUnits: used,
        includedUnits: row.includedUnits,
        overQuota: quotaUsed && row.quotaPolicy === "overage",
        replay,
      },
    };
  });
}

/**
 * Units counted this month for the commune and module (one row of usage_month_totals, kept by a
 * trigger with every usage insert), and whether this idempotency key was already counted (the
 * unique index on usage_records). Two point reads, however busy the month.
 */
async function monthUsage(
  tx: Tx,
  communeId: string,
  moduleId: string,
  month: string,
  idempotencyKey: string | null,
): Promise<{ used: number; replay: boolean }> {
  const t = usageMonthTotals;
  const u = usageRecords;
  const replay = idempotencyKey
    ? sql`exists (select 1 from ${u} where ${u.communeId} = ${communeId} and ${u.moduleId} = ${moduleId}
        and ${u.idempotencyKey} = ${idempotencyKey})`
    : sql`false`;
  const [usage] = rowsOf<{ used: number; replay: boolean }>(
    await tx.execute(
      sql`select coalesce((select ${t.units} from ${t} where ${t.communeId} = ${communeId}
            and ${t.moduleId} = ${moduleId} and ${t.month} = ${month}), 0)::int as used,
          ${replay} as replay`,
    ),
  );
  return { used: Number(usage?.used ?? 0), replay: usage?.replay === true };
}
