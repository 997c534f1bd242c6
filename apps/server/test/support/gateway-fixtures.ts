import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { newApiKey } from "@ciar/api/api-keys/key-format";
import type { DatabaseConnection } from "@ciar/db/client";
import {
  apiKeys,
  gatewayIdempotency,
  gatewayQuotaHolds,
  modulePlans,
  moduleUpstreams,
  modules,
  subscriptions,
  usageMonthTotals,
  usageRecords,
  useCases,
} from "@ciar/db/schema";
import { applySettings, type AccessSettings } from "@ciar/db/tenant-transaction";
import { usageMonth } from "@ciar/domain/billing/entitlement";
import { and, eq, sql } from "drizzle-orm";

/**
 * Module gateway fixtures written directly as the schema owner, with the settings each write needs
 * (FORCE RLS holds for the owner too). Subscriptions are written as Stripe's webhook would
 * (app.stripe_event_id set), the only non-admin writer the subscription guard lets set a live status.
 */

type Tx = Parameters<Parameters<DatabaseConnection["db"]["transaction"]>[0]>[0];

function asOwner<T>(owner: DatabaseConnection, settings: AccessSettings, work: (tx: Tx) => Promise<T>) {
  return owner.db.transaction(async (tx) => {
    await applySettings(tx, settings);
    return work(tx);
  });
}

export interface ModuleFixture {
  moduleId: string;
  planId: string;
  slug: string;
}

export async function createModule(
  owner: DatabaseConnection,
  options: {
    providerId: string;
    slug: string;
    upstreamUrl: string;
    includedUnits?: number;
    quotaPolicy?: "block" | "overage";
    status?: "draft" | "published" | "retired";
  },
): Promise<ModuleFixture> {
  return asOwner(owner, { communeId: options.providerId }, async (tx) => {
    const [useCase] = await tx
      .select({ id: useCases.id })
      .from(useCases)
      .where(eq(useCases.communeId, options.providerId))
      .limit(1);
    if (!useCase) throw new Error("the provider has no use case to build a module from");
    const [module] = await tx
      .insert(modules)
      .values({
        communeId: options.providerId,
        useCaseId: useCase.id,
        slug: options.slug,
        name: `Módulo de prueba ${options.slug}`,
        description: "Fixture of the gateway tests",
        status: options.status ?? "published",
        usageUnit: "llamada",
        publishedAt: new Date(),
      })
      .returning({ id: modules.id });
    await tx
      .insert(moduleUpstreams)
      .values({ moduleId: module!.id, communeId: options.providerId, upstreamUrl: options.upstreamUrl });
    const [plan] = await tx
      .insert(modulePlans)
      .values({
        moduleId: module!.id,
        communeId: options.providerId,
        name: "Mensual",
        interval: "month",
        priceClp: 100_000,
        includedUnits: options.includedUnits ?? 1_000,
        overageUnitPriceClp: 100,
        quotaPolicy: options.quotaPolicy ?? "block",
      })
      .returning({ id: modulePlans.id });
    return { moduleId: module!.id, planId: plan!.id, slug: options.slug };
  });
}

export async function setUpstream(
  owner: DatabaseConnection,
  providerId: string,
  moduleId: string,
  upstreamUrl: string,
) {
  await asOwner(owner, { communeId: providerId }, (tx) =>
    tx.update(moduleUpstreams).set({ upstreamUrl }).where(eq(moduleUpstreams.moduleId, moduleId)),
  );
}

type Status = "pending" | "incomplete" | "active" | "trialing" | "past_due" | "canceled";

export async function subscribe(
  owner: DatabaseConnection,
  options: { communeId: string; providerId: string; module: ModuleFixture; status?: Status },
): Promise<string> {
  return asOwner(
    owner,
    { communeId: options.communeId, stripeEventId: "evt_gateway_fixture" },
    async (tx) => {
      const [row] = await tx
        .insert(subscriptions)
        .values({
          communeId: options.communeId,
          moduleId: options.module.moduleId,
          planId: options.module.planId,
          providerCommuneId: options.providerId,
          method: "stripe_checkout",
          status: options.status ?? "active",
          currentPeriodStart: new Date(),
          activatedAt: new Date(),
        })
        .returning({ id: subscriptions.id });
      return row!.id;
    },
  );
}

export async function setSubscriptionStatus(
  owner: DatabaseConnection,
  communeId: string,
  subscriptionId: string,
  status: Status,
  pastDueSince: Date | null = null,
) {
  await asOwner(owner, { communeId, stripeEventId: "evt_gateway_fixture" }, (tx) =>
    tx
      .update(subscriptions)
      .set({
        status,
        pastDueSince,
        canceledAt: status === "canceled" ? new Date() : null,
        updatedAt: new Date(),
      })
      .where(and(eq(subscriptions.communeId, communeId), eq(subscriptions.id, subscriptionId))),
  );
}

export async function createKey(
  owner: DatabaseConnection,
  options: { communeId: string; moduleIds: string[]; revoked?: boolean; name?: string },
): Promise<{ key: string; id: string }> {
  const { key, prefix, hash } = newApiKey();
  return asOwner(owner, { communeId: options.communeId }, async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        communeId: options.communeId,
        name: options.name ?? "clave de prueba",
        prefix,
        tokenHash: hash,
        moduleIds: options.moduleIds,
        revokedAt: options.revoked ? new Date() : null,
      })
      .returning({ id: apiKeys.id });
    return { key, id: row!.id };
  });
}

export async function usageOf(owner: DatabaseConnection, communeId: string, moduleId: string) {
  return asOwner(owner, { communeId }, (tx) =>
    tx
      .select({
        units: usageRecords.units,
        overQuota: usageRecords.overQuota,
        idempotencyKey: usageRecords.idempotencyKey,
        month: usageRecords.month,
        apiKeyId: usageRecords.apiKeyId,
      })
      .from(usageRecords)
      .where(and(eq(usageRecords.communeId, communeId), eq(usageRecords.moduleId, moduleId))),
  );
}

/** `calls` usage records of this month (Chile) at once, as the gateway would have written them. */
export async function recordMonthUsage(
  owner: DatabaseConnection,
  options: {
    communeId: string;
    providerId: string;
    moduleId: string;
    subscriptionId: string;
    keyId: string;
    calls: number;
  },
) {
  if (options.calls <= 0) return;
  await asOwner(owner, { communeId: options.communeId }, (tx) =>
    tx.execute(sql`
      insert into ${usageRecords} (id, commune_id, module_id, provider_commune_id, subscription_id, api_key_id, month, units)
      select gen_random_uuid(), ${options.communeId}, ${options.moduleId}, ${options.providerId},
             ${options.subscriptionId}, ${options.keyId}, ${usageMonth(new Date())}, 1
      from generate_series(1, ${options.calls})`),
  );
}

/** The module's signing secret, as its provider was shown it. */
export async function signingSecretOf(owner: DatabaseConnection, providerId: string, moduleId: string) {
  const [row] = await asOwner(owner, { communeId: providerId }, (tx) =>
    tx
      .select({ secret: moduleUpstreams.signingSecret })
      .from(moduleUpstreams)
      .where(eq(moduleUpstreams.moduleId, moduleId)),
  );
  return row!.secret;
}

/** This month's total (usage_month_totals), the idempotency rows and the units held, of one module. */
export async function ledgerOf(owner: DatabaseConnection, communeId: string, moduleId: string) {
  return asOwner(owner, { communeId }, async (tx) => {
    const [total] = await tx
      .select({ units: usageMonthTotals.units })
      .from(usageMonthTotals)
      .where(
        and(
          eq(usageMonthTotals.communeId, communeId),
          eq(usageMonthTotals.moduleId, moduleId),
          eq(usageMonthTotals.month, usageMonth(new Date())),
        ),
      );
    const holds = await tx
      .select({ id: gatewayQuotaHolds.id })
      .from(gatewayQuotaHolds)
      .where(and(eq(gatewayQuotaHolds.communeId, communeId), eq(gatewayQuotaHolds.moduleId, moduleId)));
    const idempotency = await tx
      .select({
        key: gatewayIdempotency.idempotencyKey,
        status: gatewayIdempotency.status,
        expiresAt: gatewayIdempotency.expiresAt,
      })
      .from(gatewayIdempotency)
      .where(and(eq(gatewayIdempotency.communeId, communeId), eq(gatewayIdempotency.moduleId, moduleId)));
    return { monthTotal: total?.units ?? 0, holds: holds.length, idempotency };
  });
}

/** Moves every stored idempotent answer of a module past its window. */
export async function expireIdempotency(owner: DatabaseConnection, communeId: string, moduleId: string) {
  await asOwner(owner, { communeId }, (tx) =>
    tx
      .update(gatewayIdempotency)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(and(eq(gatewayIdempotency.communeId, communeId), eq(gatewayIdempotency.moduleId, moduleId))),
  );
}

export async function keyLastUsed(owner: DatabaseConnection, communeId: string, keyId: string) {
  const [row] = await asOwner(owner, { communeId }, (tx) =>
    tx
      .select({ lastUsedAt: apiKeys.lastUsedAt })
      .from(apiKeys)
      .where(and(eq(apiKeys.communeId, communeId), eq(apiKeys.id, keyId))),
  );
  return row?.lastUsedAt ?? null;
}

interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A module's service for tests: records what reaches it and answers by the last path segment:
 * `fail` → 500, `slow` → after 2 s, `cookie` → sets a cookie, `refuse` → 400, anything else →
 * 200 with what it received.
 */
export interface Upstream {
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startUpstream(): Promise<Upstream> {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString();
      const entry = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      received.push(entry);
      const last = (req.url ?? "").split("?")[0]!.split("/").pop();
      const json = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(payload));
      };
      if (last === "fail") return json(500, { error: "upstream exploded", stack: "at upstream.js:1" });
      if (last === "refuse") return json(400, { error: "bad input" });
      if (last === "cookie")
        return json(
          200,
          { ok: true },
          { "set-cookie": "ciar_refresh=stolen; Path=/trpc", "x-ciar-commune": "99999" },
        );
      if (last === "slow") {
        const timer = setTimeout(() => json(200, { ok: true, slow: true }), 2_000);
        res.on("close", () => clearTimeout(timer));
        return;
      }
      return json(200, { ok: true, method: entry.method, url: entry.url, body });
    });
  });
  server.keepAliveTimeout = 1_000;
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
