import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BillingProviderError } from "../src/errors";
import type { BillingProvider, PlanPricesInput } from "../src/port";
import { createStripeBilling, STRIPE_API_VERSION } from "../src/stripe-adapter";
import { list, text } from "./form";
import { startFakeStripe, type FakeStripe } from "./fake-stripe";

const SECRET = "sk_test_ciar_fake";
let fake: FakeStripe;
let billing: BillingProvider;

const plan: PlanPricesInput = {
  planId: "0196a000-0000-7000-8000-000000000001",
  moduleSlug: "transcripcion-actas",
  name: "Transcripción de actas: Básico",
  interval: "month",
  priceClp: 290000,
  overageUnitPriceClp: 350,
  usageUnit: "acta transcrita",
};

beforeAll(async () => {
  fake = await startFakeStripe(SECRET);
  billing = createStripeBilling({
    secretKey: SECRET,
    webhookSecret: "whsec_test",
    host: fake.host,
    port: fake.port,
    protocol: "http",
    maxNetworkRetries: 0,
  });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

async function subscribed(prices = plan) {
  const ids = await billing.ensurePrices(prices);
  const customerId = await billing.ensureCustomer({
    communeId: "0196a000-0000-7000-8000-0000000000aa",
    name: "Ilustre Municipalidad de La Serena",
    email: "finanzas@laserena.example",
  });
  const started = await billing.startInvoiceSubscription({
    customerId,
    ...ids,
    subscriptionRef: crypto.randomUUID(),
  });
  return { ids, customerId, started };
}

describe("Stripe adapter: every request", () => {
  it("pins the API version to the SDK's own", () => {
    expect(STRIPE_API_VERSION).toBe(Stripe.API_VERSION);
  });

  it("carries the secret key as bearer, the pinned API version, and an idempotency key on POST", async () => {
    await billing.ensurePrices(plan);
    expect(fake.requests.length).toBeGreaterThan(0);
    for (const request of fake.requests) {
      expect(request.authorization).toBe(`Bearer ${SECRET}`);
      expect(request.stripeVersion).toBe(STRIPE_API_VERSION);
      if (request.method === "POST") expect(request.idempotencyKey).toMatch(/^ciar-/);
    }
  });

  it("turns Stripe's refusals into BillingProviderError", async () => {
    const wrongKey = createStripeBilling({
      secretKey: "sk_test_wrong",
      host: fake.host,
      port: fake.port,
      protocol: "http",
      maxNetworkRetries: 0,
    });
    const refused = wrongKey.retrieveSubscription("sub_nope");
    await expect(refused).rejects.toBeInstanceOf(BillingProviderError);
    await expect(refused).rejects.toMatchObject({ statusCode: 401, code: "billing.provider" });
    await expect(billing.retrieveSubscription("sub_missing")).rejects.toMatchObject({
      statusCode: 404,
      stripeCode: "resource_missing",
    });
  });
});

describe("ensurePrices", () => {
  it("creates the flat price in CLP with the amount in pesos (zero-decimal, never ×100)", async () => {
    const ids = await billing.ensurePrices({ ...plan, planId: "plan-create" });
    const [flat, metered] = fake.calls("POST", "/v1/prices");
    expect(flat?.body).toMatchObject({
      currency: "clp",
      unit_amount: "290000",
      recurring: { interval: "month", usage_type: "licensed" },
      tax_behavior: "exclusive",
      product_data: { name: plan.name, metadata: { ciar_plan_id: "plan-create" } },
      lookup_key: "ciar_plan_plan-create_flat",
      transfer_lookup_key: "true",
    });
    expect(metered?.body).toMatchObject({
      currency: "clp",
      unit_amount: "350",
      recurring: { interval: "month", usage_type: "metered" },
    });
    expect(fake.object(ids.stripePriceId)).toMatchObject({ unit_amount: 290000, currency: "clp" });
    expect(fake.object(ids.stripeMeteredPriceId!)).toMatchObject({ unit_amount: 350 });
  });

  it("finds a plan's prices again by lookup key when their ids were not stored", async () => {
    const first = await billing.ensurePrices({ ...plan, planId: "plan-lookup" });
    fake.requests.length = 0;
    expect(await billing.ensurePrices({ ...plan, planId: "plan-lookup" })).toEqual(first);
    expect(fake.calls("POST", "/v1/prices")).toHaveLength(0);
    // A changed amount makes a new flat price, which takes the key over; the overage price stays.
    const changed = await billing.ensurePrices({ ...plan, planId: "plan-lookup", priceClp: 310_000 });
    expect(changed.stripePriceId).not.toBe(first.stripePriceId);
    expect(changed.stripeMeteredPriceId).toBe(first.stripeMeteredPriceId);
    fake.requests.length = 0;
    expect(await billing.ensurePrices({ ...plan, planId: "plan-lookup", priceClp: 310_000 })).toEqual(
      changed,
    );
    expect(fake.calls("POST", "/v1/prices")).toHaveLength(0);
  });

  it("backs the overage price with the module's billing meter, on the plan's product", async () => {
    const ids = await billing.ensurePrices({ ...plan, planId: "plan-meter", moduleSlug: "chat-vecinal" });
    const [meterCreate] = fake.calls("POST", "/v1/billing/meters");
    expect(meterCreate?.body).toMatchObject({
      event_name: "ciar_module_chat_vecinal",
      default_aggregation: { formula: "sum" },
      customer_mapping: { type: "by_id", event_payload_key: "stripe_customer_id" },
      value_settings: { event_payload_key: "value" },
    });
    const flat = fake.object(ids.stripePriceId)!;
    const metered = fake.object(ids.stripeMeteredPriceId!)!;
    expect(metered.product).toBe(flat.product);
    expect(metered.recurring).toMatchObject({ usage_type: "metered", meter: expect.stringMatching(/^mtr_/) });
    expect(metered.metadata).toMatchObject({ ciar_meter_event_name: "ciar_module_chat_vecinal" });

    // A second plan of the same module reuses the meter.
    await billing.ensurePrices({
      ...plan,
      planId: "plan-meter-2",
      moduleSlug: "chat-vecinal",
      interval: "year",
    });
    expect(fake.calls("POST", "/v1/billing/meters")).toHaveLength(1);
  });

  it("creates no metered price when the plan has no overage price", async () => {
    const ids = await billing.ensurePrices({ ...plan, planId: "plan-flat", overageUnitPriceClp: 0 });
    expect(ids.stripeMeteredPriceId).toBeNull();
    expect(fake.calls("POST", "/v1/prices")).toHaveLength(1);
  });

  it("reuses stored prices that still match, and replaces changed ones", async () => {
    const first = await billing.ensurePrices(plan);
    fake.requests.length = 0;
    const again = await billing.ensurePrices({ ...plan, existing: first });
    expect(again).toEqual(first);
    expect(fake.calls("POST", "/v1/prices")).toHaveLength(0);

    const raised = await billing.ensurePrices({ ...plan, priceClp: 310000, existing: first });
    expect(raised.stripePriceId).not.toBe(first.stripePriceId);
    expect(raised.stripeMeteredPriceId).toBe(first.stripeMeteredPriceId);
    expect(fake.object(raised.stripePriceId)).toMatchObject({ unit_amount: 310000 });

    const gone = await billing.ensurePrices({ ...plan, existing: { stripePriceId: "price_deleted" } });
    expect(gone.stripePriceId).toMatch(/^price_/);
  });

  it("sends the same request twice with the same idempotency key (Stripe answers the first result)", async () => {
    const a = await billing.ensurePrices({ ...plan, planId: "plan-retry" });
    const b = await billing.ensurePrices({ ...plan, planId: "plan-retry" });
    expect(b).toEqual(a);
  });

  it("refuses amounts that are not integer pesos", async () => {
    await expect(billing.ensurePrices({ ...plan, priceClp: 2900.5 })).rejects.toThrow(RangeError);
    await expect(billing.ensurePrices({ ...plan, overageUnitPriceClp: -1 })).rejects.toThrow(RangeError);
  });
});

describe("ensureCustomer", () => {
  it("creates the commune's customer with its RUT as cl_tin, in Spanish", async () => {
    const id = await billing.ensureCustomer({
      communeId: "commune-1",
      name: "Ilustre Municipalidad de Coquimbo",
      email: "finanzas@coquimbo.example",
      taxId: "69040100-6",
    });
    expect(id).toMatch(/^cus_/);
    const [create] = fake.calls("POST", "/v1/customers");
    expect(create?.body).toMatchObject({
      name: "Ilustre Municipalidad de Coquimbo",
      email: "finanzas@coquimbo.example",
      metadata: { ciar_commune_id: "commune-1" },
      tax_id_data: [{ type: "cl_tin", value: "69.040.100-6" }],
      preferred_locales: ["es-419", "es"],
    });
  });

  it("updates an existing customer instead of creating another, and recreates a deleted one", async () => {
    const id = await billing.ensureCustomer({ communeId: "commune-2", name: "A", email: "a@x.example" });
    fake.requests.length = 0;
    const same = await billing.ensureCustomer({
      communeId: "commune-2",
      name: "B",
      email: "b@x.example",
      existingCustomerId: id,
    });
    expect(same).toBe(id);
    expect(fake.calls("POST", "/v1/customers")).toHaveLength(0);
    expect(fake.object(id)).toMatchObject({ name: "B", email: "b@x.example" });

    const recreated = await billing.ensureCustomer({
      communeId: "commune-2",
      name: "B",
      email: "b@x.example",
      existingCustomerId: "cus_deleted",
    });
    expect(recreated).toMatch(/^cus_/);
    expect(recreated).not.toBe(id);
  });
});

describe("startCheckout", () => {
  it("opens a subscription-mode session carrying our subscription id", async () => {
    const ids = await billing.ensurePrices(plan);
    const session = await billing.startCheckout({
      customerId: "cus_test_1",
      ...ids,
      subscriptionRef: "sub-ref-1",
      successUrl: "https://ciar.example/modulos/ok",
      cancelUrl: "https://ciar.example/modulos/cancelado",
    });
    expect(session.sessionId).toMatch(/^cs_/);
    expect(session.url).toContain(session.sessionId);
    const [create] = fake.calls("POST", "/v1/checkout/sessions");
    expect(create?.body).toMatchObject({
      mode: "subscription",
      customer: "cus_test_1",
      client_reference_id: "sub-ref-1",
      metadata: { subscriptionRef: "sub-ref-1" },
      subscription_data: { metadata: { subscriptionRef: "sub-ref-1" } },
      line_items: [{ price: ids.stripePriceId, quantity: "1" }, { price: ids.stripeMeteredPriceId }],
      success_url: "https://ciar.example/modulos/ok",
      cancel_url: "https://ciar.example/modulos/cancelado",
      locale: "es-419",
    });
    expect(text(list(create?.body, "line_items")[1], "quantity")).toBeUndefined();
  });
});

describe("startInvoiceSubscription", () => {
  it("bills by invoice with 30 days to pay and returns the finalized invoice's page", async () => {
    const { ids, customerId, started } = await subscribed();
    const [create] = fake.calls("POST", "/v1/subscriptions");
    expect(create?.body).toMatchObject({
      customer: customerId,
      collection_method: "send_invoice",
      days_until_due: "30",
      items: [{ price: ids.stripePriceId, quantity: "1" }, { price: ids.stripeMeteredPriceId }],
      metadata: { subscriptionRef: started.subscription.metadata.subscriptionRef },
    });
    expect(started.stripeSubscriptionId).toMatch(/^sub_/);
    expect(started.status).toBe("active");
    expect(started.latestInvoiceId).toMatch(/^in_/);
    expect(started.latestInvoiceUrl).toBe(`https://invoice.stripe.com/i/${started.latestInvoiceId}`);
    expect(fake.calls("POST", /^\/v1\/invoices\/[^/]+\/finalize$/)).toHaveLength(1);
    expect(started.subscription.collectionMethod).toBe("send_invoice");
  });

  it("adds the IVA tax rate to subscriptions when one is configured", async () => {
    const withIva = createStripeBilling({
      secretKey: SECRET,
      ivaTaxRateId: "txr_iva19",
      host: fake.host,
      port: fake.port,
      protocol: "http",
      maxNetworkRetries: 0,
    });
    const ids = await withIva.ensurePrices(plan);
    await withIva.startInvoiceSubscription({ customerId: "cus_x", ...ids, subscriptionRef: "ref-iva" });
    await withIva.startCheckout({
      customerId: "cus_x",
      ...ids,
      subscriptionRef: "ref-iva-2",
      successUrl: "https://ciar.example/ok",
      cancelUrl: "https://ciar.example/no",
    });
    expect(fake.calls("POST", "/v1/subscriptions")[0]?.body.default_tax_rates).toEqual(["txr_iva19"]);
    expect(fake.calls("POST", "/v1/checkout/sessions")[0]?.body).toMatchObject({
      subscription_data: { default_tax_rates: ["txr_iva19"] },
    });
  });
});

describe("changePlan, cancelAtPeriodEnd, portalUrl, retrieveSubscription", () => {
  it("replaces the items with the new plan's prices, prorating", async () => {
    const { ids, started } = await subscribed();
    const premium = await billing.ensurePrices({
      ...plan,
      planId: "plan-premium",
      priceClp: 590000,
      overageUnitPriceClp: 250,
    });
    fake.requests.length = 0;
    const changed = await billing.changePlan({
      stripeSubscriptionId: started.stripeSubscriptionId,
      ...premium,
    });
    const [update] = fake.calls("POST", `/v1/subscriptions/${started.stripeSubscriptionId}`);
    expect(update?.body.proration_behavior).toBe("create_prorations");
    const items = list(update?.body, "items");
    expect(items.filter((i) => text(i, "deleted") === "true")).toHaveLength(2);
    expect(items.map((i) => text(i, "price")).filter(Boolean)).toEqual([
      premium.stripePriceId,
      premium.stripeMeteredPriceId,
    ]);
    expect(changed.subscription.priceIds).toEqual([premium.stripePriceId, premium.stripeMeteredPriceId]);
    expect(changed.subscription.priceIds).not.toContain(ids.stripePriceId);
    expect(changed.subscription.planRefs).toEqual(["plan-premium", "plan-premium"]);
    expect(changed.status).toBe("active");
  });

  it("keeps an item whose price stays (same overage price), replacing only the flat one", async () => {
    const { ids, started } = await subscribed();
    const bigger = await billing.ensurePrices({ ...plan, priceClp: 390000, existing: ids });
    fake.requests.length = 0;
    await billing.changePlan({ stripeSubscriptionId: started.stripeSubscriptionId, ...bigger });
    const items = list(
      fake.calls("POST", `/v1/subscriptions/${started.stripeSubscriptionId}`)[0]?.body,
      "items",
    );
    expect(items.filter((i) => text(i, "deleted") === "true")).toHaveLength(1);
    expect(items.map((i) => text(i, "price")).filter(Boolean)).toEqual([bigger.stripePriceId]);
  });

  it("cancels at the end of the period", async () => {
    const { started } = await subscribed();
    const result = await billing.cancelAtPeriodEnd(started.stripeSubscriptionId);
    const [update] = fake.calls("POST", `/v1/subscriptions/${started.stripeSubscriptionId}`);
    expect(update?.body).toEqual({ cancel_at_period_end: "true" });
    expect(result.subscription.cancelAtPeriodEnd).toBe(true);
    expect(result.cancelAt).toEqual(started.subscription.currentPeriodEnd);
  });

  it("opens a customer portal session", async () => {
    const url = await billing.portalUrl({
      customerId: "cus_test_9",
      returnUrl: "https://ciar.example/facturacion",
    });
    expect(url).toMatch(/^https:\/\/billing\.stripe\.com\/p\/session\//);
    expect(fake.calls("POST", "/v1/billing_portal/sessions")[0]?.body).toMatchObject({
      customer: "cus_test_9",
      return_url: "https://ciar.example/facturacion",
      locale: "es-419",
    });
  });

  it("normalises the subscription: periods from the items, dates, customer, our reference, prices", async () => {
    const { ids, customerId, started } = await subscribed();
    const snapshot = await billing.retrieveSubscription(started.stripeSubscriptionId);
    expect(snapshot).toEqual({
      id: started.stripeSubscriptionId,
      status: "active",
      currentPeriodStart: expect.any(Date),
      currentPeriodEnd: expect.any(Date),
      cancelAtPeriodEnd: false,
      cancelAt: null,
      canceledAt: null,
      customerId,
      metadata: { subscriptionRef: started.subscription.metadata.subscriptionRef },
      priceIds: [ids.stripePriceId, ids.stripeMeteredPriceId],
      // Both prices were created for the plan: the webhook can name it by either.
      planRefs: [plan.planId, plan.planId],
      latestInvoiceId: started.latestInvoiceId,
      collectionMethod: "send_invoice",
    });
    const days = (snapshot.currentPeriodEnd!.getTime() - snapshot.currentPeriodStart!.getTime()) / 86_400_000;
    expect(days).toBe(30);
  });
});

describe("reportOverage", () => {
  it("sends a meter event for the subscription's customer, deduplicated by our key", async () => {
    const { customerId, started } = await subscribed();
    fake.requests.length = 0;
    const at = new Date("2026-11-15T12:00:00Z");
    const reported = await billing.reportOverage({
      stripeSubscriptionId: started.stripeSubscriptionId,
      quantity: 42,
      timestamp: at,
      idempotencyKey: "usage-2026-11-batch-1",
    });
    expect(reported).toEqual({
      eventName: "ciar_module_transcripcion_actas",
      identifier: "usage-2026-11-batch-1",
    });
    const [event] = fake.calls("POST", "/v1/billing/meter_events");
    expect(event?.body).toEqual({
      event_name: "ciar_module_transcripcion_actas",
      identifier: "usage-2026-11-batch-1",
      timestamp: String(at.getTime() / 1000),
      payload: { stripe_customer_id: customerId, value: "42" },
    });
    expect(event?.idempotencyKey).toBe("ciar-usage-usage-2026-11-batch-1");
  });

  it("refuses a non-positive quantity and a subscription without overage price", async () => {
    const { started } = await subscribed({ ...plan, planId: "plan-no-overage", overageUnitPriceClp: 0 });
    const base = {
      stripeSubscriptionId: started.stripeSubscriptionId,
      timestamp: new Date(),
      idempotencyKey: "k",
    };
    await expect(billing.reportOverage({ ...base, quantity: 0 })).rejects.toThrow(RangeError);
    await expect(billing.reportOverage({ ...base, quantity: 3 })).rejects.toThrow(/no metered price/);
  });
});
