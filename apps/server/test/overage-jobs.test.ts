import { pendingStripeOverage, reportStripeOverage } from "@ciar/api/billing/overage-reports";
import { createStripeBilling } from "@ciar/billing/stripe-adapter";
import { modulePlans, subscriptions, usageRecords } from "@ciar/db/schema";
import { createDoors, type JobsDoor } from "@ciar/api/doors";
import { applySettings } from "@ciar/db/tenant-transaction";
import { and, eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStripe, type FakeStripe } from "../../../packages/billing/test/fake-stripe";
import { OVERAGE_QUEUES } from "../src/jobs/overage";
import { createKey, createModule, startUpstream, type Upstream } from "./support/gateway-fixtures";
import { subscribeWithCheckout } from "./support/stripe-fixtures";
import { signIn, type TestApp, createTestApp } from "./support/test-app";

/**
 * Usage over quota of a Stripe subscription reaches Stripe's meter through the job queue
 * (pg-boss, in the test's own database: PGlite, or PostgreSQL with TEST_DATABASE_URL), once,
 * and survives a Stripe outage. Stripe is the local fake of packages/billing/test.
 */
const SECRET_KEY = "sk_test_ciar_overage";
const WEBHOOK_SECRET = "whsec_test_ciar_overage";
const METER_EVENTS = /^\/v1\/billing\/meter_events$/;

let fake: FakeStripe;
let t: TestApp;
let upstream: Upstream;
let key: string;
let maipuId: string;
let subscriptionId: string;
let stripeCustomerId: string;
let planId: string;

// The jobs' door, as the server builds it (t is set before any test runs).
const door: JobsDoor = {
  acrossCommunes: (work) => createDoors(t.db.app.db).jobs.acrossCommunes(work),
  asCommune: (communeId, work) => createDoors(t.db.app.db).jobs.asCommune(communeId, work),
  forMailDelivery: (work) => createDoors(t.db.app.db).jobs.forMailDelivery(work),
};

beforeAll(async () => {
  fake = await startFakeStripe(SECRET_KEY);
  upstream = await startUpstream();
  t = await createTestApp({
    STRIPE_SECRET_KEY: SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_URL: `http://${fake.host}:${fake.port}`,
    JOBS: "true",
  });
  maipuId = t.communeId.maipu;
  const module = await createModule(t.db.owner, {
    providerId: t.communeId.laSerena,
    slug: "gw-overage",
    upstreamUrl: upstream.url,
    includedUnits: 2,
    quotaPolicy: "overage",
  });
  planId = module.planId;
  const maipu = await signIn(t, "admin@maipu.example");
  const client = new Stripe(SECRET_KEY, { host: fake.host, port: fake.port, protocol: "http" });
  ({ subscriptionId, stripeCustomerId } = await subscribeWithCheckout(
    t,
    { fake, client, webhookSecret: WEBHOOK_SECRET },
    { token: maipu.token, communeId: maipuId },
    module,
  ));
  ({ key } = await createKey(t.db.owner, { communeId: maipuId, moduleIds: [module.moduleId] }));
}, 60_000);

afterAll(async () => {
  await t?.close();
  await upstream?.close();
  await fake?.close();
});

async function callModule(times: number) {
  for (let i = 0; i < times; i++) {
    const response = await t.app.inject({
      url: "/modules/gw-overage/revisar",
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.statusCode, response.body).toBe(200);
  }
}

async function usage() {
  return t.db.owner.db.transaction(async (tx) => {
    await applySettings(tx, { communeId: maipuId });
    return tx
      .select({
        overQuota: usageRecords.overQuota,
        stripeReportId: usageRecords.stripeReportId,
        reportedToStripeAt: usageRecords.reportedToStripeAt,
      })
      .from(usageRecords)
      .where(and(eq(usageRecords.communeId, maipuId), eq(usageRecords.subscriptionId, subscriptionId)));
  });
}

/** Meter events Stripe accepted (the fake records failed attempts too: those answered 500). */
function meterEvents() {
  return fake.calls("POST", METER_EVENTS);
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function sweepAndWait(): Promise<void> {
  const { boss } = t.app.jobs;
  const id = await boss.send(OVERAGE_QUEUES.sweep, {});
  expect(id).toBeTruthy();
  await until("the sweep", async () => {
    const job = await boss.getJobById(OVERAGE_QUEUES.sweep, id!, { includeArchive: true });
    return job?.state === "completed" ? job : undefined;
  });
  // The sweep queued report jobs; wait until none is waiting or running.
  await until("the reports", async () =>
    (await boss.getQueueSize(OVERAGE_QUEUES.report, { before: "completed" })) === 0 ? true : undefined,
  );
}

describe("overage to Stripe's meter, through the job queue", () => {
  it("reports the units over quota once, as one meter event for the month", async () => {
    await callModule(5);
    const rows = await usage();
    expect(rows.filter((r) => r.overQuota)).toHaveLength(3);
    expect(await pendingStripeOverage(door)).toEqual([{ communeId: maipuId, subscriptionId }]);

    await sweepAndWait();

    const events = meterEvents();
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event!.body).toMatchObject({
      event_name: expect.any(String),
      payload: { stripe_customer_id: stripeCustomerId, value: "3" },
    });
    const after = await usage();
    const over = after.filter((r) => r.overQuota);
    expect(over.every((r) => r.reportedToStripeAt !== null)).toBe(true);
    expect(new Set(over.map((r) => r.stripeReportId)).size).toBe(1);
    expect(String(event!.body.identifier)).toContain(over[0]!.stripeReportId!);
    // Units within quota are never claimed nor reported.
    expect(after.filter((r) => !r.overQuota).every((r) => r.stripeReportId === null)).toBe(true);
    expect(await pendingStripeOverage(door)).toEqual([]);
  });

  it("reports nothing again on the next sweep", async () => {
    const before = meterEvents().length;
    await sweepAndWait();
    expect(meterEvents()).toHaveLength(before);
  });

  it("after a Stripe outage, sends the same report again with the same identifier", async () => {
    await callModule(2);
    const billing = createStripeBilling({
      secretKey: SECRET_KEY,
      host: fake.host,
      port: fake.port,
      protocol: "http",
      maxNetworkRetries: 0,
    });
    const target = { communeId: maipuId, subscriptionId };
    const before = meterEvents().length;
    fake.failNext("POST", METER_EVENTS, 1);
    await expect(reportStripeOverage({ door, billing }, target)).rejects.toThrow();
    const claimed = (await usage()).filter((r) => r.overQuota && r.reportedToStripeAt === null);
    expect(claimed).toHaveLength(2);
    const reportId = claimed[0]!.stripeReportId;
    expect(reportId).toBeTruthy();
    expect(claimed.every((r) => r.stripeReportId === reportId)).toBe(true);

    const outcome = await reportStripeOverage({ door, billing }, target);
    expect(outcome).toEqual({ reports: 1, units: 2 });
    const attempts = meterEvents().slice(before);
    expect(attempts).toHaveLength(2);
    expect(attempts[0]!.body).toEqual(attempts[1]!.body);
    expect(String(attempts[1]!.body.identifier)).toContain(reportId!);
    expect((await usage()).every((r) => !r.overQuota || r.reportedToStripeAt !== null)).toBe(true);
  });

  it("leaves purchase-order subscriptions to their monthly invoice", async () => {
    const coquimbo = t.communeId.coquimbo;
    const [po] = await t.db.owner.db.transaction(async (tx) => {
      await applySettings(tx, { communeId: coquimbo });
      return tx
        .select()
        .from(subscriptions)
        .where(and(eq(subscriptions.communeId, coquimbo), eq(subscriptions.method, "purchase_order")));
    });
    expect(po).toBeDefined();
    await t.db.owner.db.transaction(async (tx) => {
      await applySettings(tx, { communeId: coquimbo });
      await tx.insert(usageRecords).values({
        communeId: coquimbo,
        moduleId: po!.moduleId,
        providerCommuneId: po!.providerCommuneId,
        subscriptionId: po!.id,
        apiKeyId: po!.id,
        month: "2026-11",
        overQuota: true,
      });
    });
    expect(await pendingStripeOverage(door)).toEqual([]);
  });

  it("leaves out plans without an overage price (Stripe has no meter for them)", async () => {
    await callModule(1);
    expect(await pendingStripeOverage(door)).toEqual([{ communeId: maipuId, subscriptionId }]);
    const setOveragePrice = (price: number) =>
      t.db.owner.db.transaction(async (tx) => {
        await applySettings(tx, { communeId: t.communeId.laSerena });
        await tx.update(modulePlans).set({ overageUnitPriceClp: price }).where(eq(modulePlans.id, planId));
      });
    await setOveragePrice(0);
    expect(await pendingStripeOverage(door)).toEqual([]);
    await setOveragePrice(100);
    expect(await pendingStripeOverage(door)).toEqual([{ communeId: maipuId, subscriptionId }]);
  });

  it("shows the queue's depth in /metrics", async () => {
    const response = await t.app.inject({ url: "/metrics" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(
      new RegExp(`ciar_job_queue_depth\\{queue="${OVERAGE_QUEUES.report}",state="waiting"\\} 0`),
    );
    expect(response.body).toMatch(
      new RegExp(`ciar_job_queue_depth\\{queue="${OVERAGE_QUEUES.sweep}",state="active"\\} 0`),
    );
  });
});
