import { moduleInvoices, modulePlans, stripeEvents, subscriptions } from "@ciar/db/schema";
import { applySettings } from "@ciar/db/tenant-transaction";
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStripe, type FakeStripe } from "../../../packages/billing/test/fake-stripe";
import { communeIdOf } from "./support/progress-fixtures";
import { deliverStripeEvent } from "./support/stripe-fixtures";
import { call, createTestApp, signIn, type Session, type TestApp } from "./support/test-app";

/**
 * Paying for a module with Stripe, against a local fake of Stripe's API (a test double at the edge,
 * from packages/billing/test) and webhooks signed with the SDK's test-header helper: Checkout →
 * webhook → active entitlement; duplicated, reordered, forged and stale deliveries; a failure
 * that Stripe must retry; cancellation that ends the entitlement.
 */
const SECRET_KEY = "sk_test_ciar_fake";
const WEBHOOK_SECRET = "whsec_test_ciar_fake";

let fake: FakeStripe;
let stripe: Stripe;
let t: TestApp;
let maipu: Session;
let maipuId: string;
let moduleId: string;
let planId: string;
let subscriptionId: string;
let stripeSubscriptionId: string;
let eventCounter = 0;
/** The plan's prices in the fake, as Checkout received them. */
let checkoutItems: Array<{ price: string }> = [];

const asMaipu = () => ({ token: maipu.token, commune: maipuId });

beforeAll(async () => {
  fake = await startFakeStripe(SECRET_KEY);
  stripe = new Stripe(SECRET_KEY, { host: fake.host, port: fake.port, protocol: "http" });
  t = await createTestApp({
    STRIPE_SECRET_KEY: SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_URL: `http://${fake.host}:${fake.port}`,
  });
  maipu = await signIn(t, "admin@maipu.example");
  maipuId = await communeIdOf(t, "13119");
  const serena = await signIn(t, "admin@laserena.example");
  const module = await call<{ id: string; plans: { id: string; quotaPolicy: string }[] }>(
    t,
    "query",
    "modules.get",
    { slug: "dom-revision-permisos" },
    { token: serena.token },
  );
  moduleId = module.data.id;
  planId = module.data.plans.find((p) => p.quotaPolicy === "overage")!.id;
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

/** Posts an event as Stripe would (see stripe-fixtures): signed with our secret unless told otherwise. */
function deliver(
  type: string,
  object: Record<string, unknown>,
  options: { id?: string; created?: number; timestamp?: number; secret?: string } = {},
) {
  const { secret = WEBHOOK_SECRET, id = `evt_test_${++eventCounter}`, ...rest } = options;
  return deliverStripeEvent(t, secret, type, object, { id, ...rest });
}

async function ours() {
  return t.db.owner.db.transaction(async (tx) => {
    await applySettings(tx, { communeId: maipuId });
    const [row] = await tx.select().from(subscriptions).where(eq(subscriptions.id, subscriptionId));
    return row!;
  });
}

async function storedEvents() {
  return (await t.db.owner.db.select({ id: stripeEvents.id }).from(stripeEvents)).map((e) => e.id);
}

async function entitlement() {
  const mine = await call<{ id: string; entitlement: { state: string; allowed: boolean } }[]>(
    t,
    "query",
    "subscriptions.mine",
    undefined,
    asMaipu(),
  );
  return mine.data.find((s) => s.id === subscriptionId)?.entitlement;
}

describe("Checkout, then the webhook", () => {
  it("says Stripe is available and starts a Checkout session in CLP", async () => {
    const status = await call<{ stripe: boolean }>(t, "query", "billing.status", undefined, {
      token: maipu.token,
    });
    expect(status.data.stripe).toBe(true);
    const started = await call<{ subscriptionId: string; checkoutUrl: string }>(
      t,
      "mutation",
      "billing.subscribe",
      {
        moduleId,
        planId,
        method: "stripe_checkout",
        billing: {
          rut: "69.071.500-7",
          name: "Ilustre Municipalidad de Maipú (demo)",
          address: "Av. Cinco de Abril 0260, Maipú",
          email: "finanzas@maipu.example",
        },
      },
      asMaipu(),
    );
    expect(started.status, started.body).toBe(200);
    expect(started.data.checkoutUrl).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    subscriptionId = started.data.subscriptionId;
    const prices = fake.calls("POST", "/v1/prices");
    expect(prices.length).toBeGreaterThan(0);
    // 290,000 CLP stays 290000: CLP is zero-decimal in Stripe.
    expect(prices.map((p) => p.body.currency)).toContain("clp");
    expect(prices.map((p) => Number(p.body.unit_amount))).toContain(290_000);
    expect((await ours()).status).toBe("incomplete");
    expect((await entitlement())?.allowed).toBe(false);
  });

  it("activates the entitlement when Checkout completes", async () => {
    const row = await ours();
    const session = fake.calls("POST", "/v1/checkout/sessions").at(-1)!;
    checkoutItems = (session.body.line_items as Array<{ price: string }>).map((i) => ({ price: i.price }));
    const created = await stripe.subscriptions.create({
      customer: row.stripeCustomerId!,
      items: checkoutItems,
      metadata: { subscriptionRef: subscriptionId },
    });
    stripeSubscriptionId = created.id;
    (fake.object(created.id) as { status: string }).status = "active";
    const delivered = await deliver("checkout.session.completed", {
      id: row.stripeCheckoutSessionId,
      object: "checkout.session",
      mode: "subscription",
      customer: row.stripeCustomerId,
      subscription: created.id,
      client_reference_id: subscriptionId,
      metadata: { subscriptionRef: subscriptionId },
      payment_status: "paid",
      status: "complete",
    });
    expect(delivered.status, delivered.body).toBe(200);
    const after = await ours();
    expect(after.status).toBe("active");
    expect(after.stripeSubscriptionId).toBe(created.id);
    expect(await entitlement()).toMatchObject({ state: "active", allowed: true });
  });

  it("changes nothing on a duplicate delivery", async () => {
    const object = fake.object(stripeSubscriptionId) as Record<string, unknown>;
    const first = await deliver("customer.subscription.updated", object, { id: "evt_test_dup" });
    expect(first.status).toBe(200);
    const before = await ours();
    const again = await deliver("customer.subscription.updated", object, { id: "evt_test_dup" });
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body)).toMatchObject({ outcome: "duplicate" });
    expect(await ours()).toEqual(before);
  });

  it("counts its transaction in the pool metric, as every door does", async () => {
    // Observed, then passed on: the server's metric hook stays the real one.
    const metrics = t.app.metrics;
    const real = metrics.onTransaction;
    const deltas: number[] = [];
    metrics.onTransaction = (delta) => {
      deltas.push(delta);
      real(delta);
    };
    try {
      const object = fake.object(stripeSubscriptionId) as Record<string, unknown>;
      const delivered = await deliver("customer.subscription.updated", object);
      expect(delivered.status).toBe(200);
    } finally {
      metrics.onTransaction = real;
    }
    expect(deltas).toEqual([1, -1]);
  });

  it("refuses a forged or stale signature with 400 and stores nothing", async () => {
    const before = await storedEvents();
    const object = fake.object(stripeSubscriptionId) as Record<string, unknown>;
    const forged = await deliver("customer.subscription.deleted", object, { secret: "whsec_not_stripe" });
    expect(forged.status).toBe(400);
    const stale = await deliver("customer.subscription.deleted", object, {
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    expect(stale.status).toBe(400);
    const missing = await t.app.inject({
      method: "POST",
      url: "/webhooks/stripe",
      headers: { "content-type": "application/json" },
      payload: "{}",
    });
    expect(missing.statusCode).toBe(400);
    expect(await storedEvents()).toEqual(before);
    expect((await ours()).status).toBe("active");
  });

  it("records a paid invoice with its hosted link and amounts in CLP", async () => {
    const invoice = {
      id: "in_test_paid_1",
      object: "invoice",
      status: "paid",
      customer: (await ours()).stripeCustomerId,
      currency: "clp",
      amount_due: 345_100,
      amount_paid: 345_100,
      subtotal: 290_000,
      total: 345_100,
      total_taxes: [{ amount: 55_100 }],
      tax: 55_100,
      number: "CIAR-0001",
      hosted_invoice_url: "https://invoice.stripe.com/i/test_1",
      parent: {
        type: "subscription_details",
        subscription_details: { subscription: stripeSubscriptionId, metadata: {} },
      },
      lines: {
        object: "list",
        data: [
          { object: "line_item", amount: 290_000, period: { start: 1_790_000_000, end: 1_792_600_000 } },
        ],
      },
      period_start: 1_790_000_000,
      period_end: 1_792_600_000,
    };
    const delivered = await deliver("invoice.paid", invoice);
    expect(delivered.status, delivered.body).toBe(200);
    const invoices = await call<{ totalClp: number; hostedInvoiceUrl: string; status: string }[]>(
      t,
      "query",
      "subscriptions.invoices",
      { subscriptionId },
      asMaipu(),
    );
    const stripeInvoice = invoices.data.find((i) => i.hostedInvoiceUrl === invoice.hosted_invoice_url);
    expect(stripeInvoice).toMatchObject({ totalClp: 345_100, status: "paid" });
  });

  it("keeps access during the grace period after a failed payment, with a warning state", async () => {
    (fake.object(stripeSubscriptionId) as { status: string }).status = "past_due";
    const failed = await deliver("invoice.payment_failed", {
      id: "in_test_failed_1",
      object: "invoice",
      status: "open",
      customer: (await ours()).stripeCustomerId,
      currency: "clp",
      amount_due: 345_100,
      amount_paid: 0,
      subtotal: 290_000,
      total: 345_100,
      tax: 55_100,
      hosted_invoice_url: "https://invoice.stripe.com/i/test_2",
      parent: {
        type: "subscription_details",
        subscription_details: { subscription: stripeSubscriptionId, metadata: {} },
      },
      period_start: 1_792_600_000,
      period_end: 1_795_200_000,
    });
    expect(failed.status, failed.body).toBe(200);
    expect((await ours()).pastDueSince).not.toBeNull();
    expect(await entitlement()).toMatchObject({ state: "past_due", allowed: true });
  });

  it("converges to Stripe's latest state whatever order the events arrive in", async () => {
    // Stripe cancels the subscription; the deletion arrives first, an older update after it.
    (fake.object(stripeSubscriptionId) as { status: string; canceled_at: number }).status = "canceled";
    const object = { ...(fake.object(stripeSubscriptionId) as Record<string, unknown>) };
    const now = Math.floor(Date.now() / 1000);
    const deleted = await deliver(
      "customer.subscription.deleted",
      { ...object, status: "canceled" },
      { created: now },
    );
    expect(deleted.status).toBe(200);
    const older = await deliver(
      "customer.subscription.updated",
      { ...object, status: "active" },
      { created: now - 120 },
    );
    expect(older.status).toBe(200);
    expect((await ours()).status).toBe("canceled");
    // The entitlement is gone.
    expect(await entitlement()).toMatchObject({ state: "canceled", allowed: false });
  });

  it("answers 500 when an event cannot be applied and stores nothing, so that Stripe's retry applies in full", async () => {
    const before = await storedEvents();
    // A subscription Stripe does not know (yet): retrieving it fails.
    // Arranged as the owner, in Stripe's name (the subscription guard trusts the webhook's door).
    await t.db.owner.db.transaction(async (tx) => {
      await applySettings(tx, { communeId: maipuId, stripeEventId: "evt_test_arrange" });
      await tx
        .update(subscriptions)
        .set({ stripeSubscriptionId: "sub_test_unknown" })
        .where(eq(subscriptions.id, subscriptionId));
    });
    const failing = await deliver(
      "customer.subscription.updated",
      { id: "sub_test_unknown", object: "subscription", metadata: { subscriptionRef: subscriptionId } },
      { id: "evt_test_retry" },
    );
    expect(failing.status).toBe(500);
    expect(failing.body).not.toMatch(/stack|sub_test_unknown|at .*\.ts/);
    expect(await storedEvents()).toEqual(before);
    // Stripe knows it now: the same event, delivered again, is applied (not taken for a duplicate).
    const created = await stripe.subscriptions.create({
      customer: (await ours()).stripeCustomerId!,
      items: checkoutItems,
      metadata: { subscriptionRef: subscriptionId },
    });
    (fake.object(created.id) as { status: string }).status = "active";
    await t.db.owner.db.transaction(async (tx) => {
      await applySettings(tx, { communeId: maipuId, stripeEventId: "evt_test_arrange" });
      await tx
        .update(subscriptions)
        .set({ stripeSubscriptionId: created.id })
        .where(eq(subscriptions.id, subscriptionId));
    });
    const retried = await deliver(
      "customer.subscription.updated",
      { id: created.id, object: "subscription", metadata: { subscriptionRef: subscriptionId } },
      { id: "evt_test_retry" },
    );
    expect(retried.status).toBe(200);
    expect(JSON.parse(retried.body)).toMatchObject({ outcome: "processed" });
    expect((await ours()).status).toBe("active");
  });
});

describe("plan changes", () => {
  it("prices a provider's new plan in Stripe, prorates the change, and follows it by webhook", async () => {
    const serena = await signIn(t, "admin@laserena.example");
    const added = await call<{ id: string }>(
      t,
      "mutation",
      "modules.addPlan",
      {
        moduleId,
        name: "Anual",
        interval: "year",
        priceClp: 2_900_000,
        includedUnits: 6000,
        overageUnitPriceClp: 400,
        quotaPolicy: "overage",
      },
      { token: serena.token, commune: t.communeId.laSerena },
    );
    expect(added.status, added.body).toBe(200);
    const [stored] = await t.db.owner.db.transaction(async (tx) => {
      await applySettings(tx, { communeId: t.communeId.laSerena });
      return tx.select().from(modulePlans).where(eq(modulePlans.id, added.data.id));
    });
    expect(stored?.stripePriceId).toMatch(/^price_/);

    const changed = await call(
      t,
      "mutation",
      "billing.changePlan",
      { subscriptionId, planId: added.data.id },
      asMaipu(),
    );
    expect(changed.status, changed.body).toBe(200);
    const update = fake
      .calls("POST", new RegExp(`^/v1/subscriptions/${(await ours()).stripeSubscriptionId}$`))
      .at(-1)!;
    expect(update.body.proration_behavior).toBe("create_prorations");
    // Stripe now bills the annual price: the webhook records the new plan.
    const current = fake.object((await ours()).stripeSubscriptionId!) as Record<string, unknown>;
    const delivered = await deliver("customer.subscription.updated", current);
    expect(delivered.status, delivered.body).toBe(200);
    expect((await ours()).planId).toBe(added.data.id);
  });

  it("follows a change to a plan published before Stripe was on (its price ids never stored)", async () => {
    const blockPlan = await t.db.owner.db.transaction(async (tx) => {
      await applySettings(tx, { communeId: t.communeId.laSerena });
      const plans = await tx.select().from(modulePlans).where(eq(modulePlans.moduleId, moduleId));
      return plans.find((p) => p.quotaPolicy === "block")!;
    });
    expect(blockPlan.stripePriceId).toBeNull();
    const changed = await call(
      t,
      "mutation",
      "billing.changePlan",
      { subscriptionId, planId: blockPlan.id },
      asMaipu(),
    );
    expect(changed.status, changed.body).toBe(200);
    const current = fake.object((await ours()).stripeSubscriptionId!) as Record<string, unknown>;
    const delivered = await deliver("customer.subscription.updated", current);
    expect(delivered.status, delivered.body).toBe(200);
    // Named by the ciar_plan_id Stripe keeps on the price the change created.
    expect((await ours()).planId).toBe(blockPlan.id);
  });
});

describe("without Stripe", () => {
  let plain: TestApp;
  beforeAll(async () => {
    plain = await createTestApp();
  });
  afterAll(() => plain?.close());

  it("offers purchase orders only, refuses Stripe subscriptions and has no webhook", async () => {
    const session = await signIn(plain, "admin@maipu.example");
    const status = await call<{ stripe: boolean; methods: string[] }>(
      plain,
      "query",
      "billing.status",
      undefined,
      {
        token: session.token,
      },
    );
    expect(status.data).toEqual({ stripe: false, methods: ["purchase_order"] });
    const refused = await call(
      plain,
      "mutation",
      "billing.subscribe",
      {
        moduleId,
        planId,
        method: "stripe_invoice",
        billing: {
          rut: "69.071.500-7",
          name: "Municipalidad",
          address: "Av. Cinco de Abril 0260",
          email: "a@maipu.example",
        },
      },
      { token: session.token, commune: await communeIdOf(plain, "13119") },
    );
    expect(refused.error?.data.appCode).toBe("billing.stripe_unavailable");
    const webhook = await plain.app.inject({ method: "POST", url: "/webhooks/stripe", payload: "{}" });
    expect(webhook.statusCode).toBe(404);
    expect(
      await plain.db.owner.db.select().from(moduleInvoices).where(eq(moduleInvoices.source, "stripe")),
    ).toEqual([]);
  });
});
