import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { BillingUnavailableError, WebhookSignatureError } from "../src/errors";
import { createStripeBilling } from "../src/stripe-adapter";

const SECRET = "whsec_test_ciar";
const billing = createStripeBilling({ secretKey: "sk_test_unused", webhookSecret: SECRET });
const now = () => Math.floor(Date.now() / 1000);

function sign(payload: string, options: { secret?: string; timestamp?: number } = {}): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? SECRET,
    ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
  });
}

function event(type: string, object: Record<string, unknown>, created = 1_790_000_000): string {
  return JSON.stringify({
    id: "evt_test_1",
    object: "event",
    api_version: "2026-10-28.endive",
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  });
}

const checkoutCompleted = event("checkout.session.completed", {
  id: "cs_test_1",
  object: "checkout.session",
  mode: "subscription",
  customer: "cus_test_1",
  subscription: "sub_test_1",
  client_reference_id: "ref-123",
  metadata: {},
  payment_status: "paid",
  status: "complete",
});

describe("parseWebhook: signature", () => {
  it("accepts a correctly signed payload, as a string or a Buffer", () => {
    const header = sign(checkoutCompleted);
    expect(billing.parseWebhook(checkoutCompleted, header).id).toBe("evt_test_1");
    expect(billing.parseWebhook(Buffer.from(checkoutCompleted), header).type).toBe(
      "checkout.session.completed",
    );
  });

  it("rejects a forged signature (another secret) and a tampered body", () => {
    expect(() =>
      billing.parseWebhook(checkoutCompleted, sign(checkoutCompleted, { secret: "whsec_attacker" })),
    ).toThrow(WebhookSignatureError);
    const tampered = checkoutCompleted.replace("ref-123", "ref-999");
    expect(() => billing.parseWebhook(tampered, sign(checkoutCompleted))).toThrow(WebhookSignatureError);
    expect(() => billing.parseWebhook(checkoutCompleted, "t=123,v1=deadbeef")).toThrow(WebhookSignatureError);
    expect(() => billing.parseWebhook(checkoutCompleted, "garbage")).toThrow(WebhookSignatureError);
  });

  it("rejects a missing header", () => {
    expect(() => billing.parseWebhook(checkoutCompleted, undefined)).toThrow(WebhookSignatureError);
    expect(() => billing.parseWebhook(checkoutCompleted, "")).toThrow(WebhookSignatureError);
  });

  it("rejects a signature older than 300 seconds (a replay), and accepts one just inside", () => {
    const stale = sign(checkoutCompleted, { timestamp: now() - 301 });
    expect(() => billing.parseWebhook(checkoutCompleted, stale)).toThrow(WebhookSignatureError);
    expect(() => billing.parseWebhook(checkoutCompleted, stale)).toThrow(/tolerance/);
    const fresh = sign(checkoutCompleted, { timestamp: now() - 290 });
    expect(billing.parseWebhook(checkoutCompleted, fresh).id).toBe("evt_test_1");
  });

  it("refuses every webhook when no webhook secret is configured", () => {
    const unsigned = createStripeBilling({ secretKey: "sk_test_unused" });
    expect(() => unsigned.parseWebhook(checkoutCompleted, sign(checkoutCompleted))).toThrow(
      BillingUnavailableError,
    );
  });
});

describe("parseWebhook: normalisation", () => {
  const parse = (payload: string) => billing.parseWebhook(payload, sign(payload));

  it("checkout.session.*: session id, subscription, customer, our reference from client_reference_id", () => {
    expect(parse(checkoutCompleted)).toMatchObject({
      id: "evt_test_1",
      type: "checkout.session.completed",
      created: new Date(1_790_000_000 * 1000),
      livemode: false,
      objectId: "cs_test_1",
      objectType: "checkout.session",
      checkoutSessionId: "cs_test_1",
      subscriptionId: "sub_test_1",
      customerId: "cus_test_1",
      subscriptionRef: "ref-123",
      invoice: null,
    });
  });

  it("customer.subscription.*: the subscription and our reference from its metadata", () => {
    const payload = event("customer.subscription.updated", {
      id: "sub_test_2",
      object: "subscription",
      customer: "cus_test_2",
      status: "past_due",
      metadata: { subscriptionRef: "ref-456" },
      items: { object: "list", data: [] },
    });
    const parsed = parse(payload);
    expect(parsed).toMatchObject({
      subscriptionId: "sub_test_2",
      checkoutSessionId: null,
      customerId: "cus_test_2",
      subscriptionRef: "ref-456",
      invoice: null,
    });
    expect(parsed.payload).toEqual(JSON.parse(payload));
  });

  it("invoice.*: amounts in pesos, taxes, hosted page, the plan line's period, the subscription", () => {
    const start = 1_790_000_000;
    const end = start + 30 * 86_400;
    const payload = event("invoice.paid", {
      id: "in_test_3",
      object: "invoice",
      customer: "cus_test_3",
      status: "paid",
      number: "CIAR-0003",
      currency: "clp",
      amount_due: 345100,
      amount_paid: 345100,
      subtotal: 290000,
      total_excluding_tax: 290000,
      total: 345100,
      total_taxes: [{ amount: 55100, tax_behavior: "exclusive" }],
      hosted_invoice_url: "https://invoice.stripe.com/i/in_test_3",
      period_start: start - 30 * 86_400,
      period_end: start,
      metadata: {},
      parent: {
        type: "subscription_details",
        subscription_details: { subscription: "sub_test_3", metadata: { subscriptionRef: "ref-789" } },
      },
      lines: {
        object: "list",
        data: [
          { id: "il_1", amount: 4200, period: { start: start - 30 * 86_400, end: start } },
          { id: "il_2", amount: 290000, period: { start, end } },
        ],
      },
    });
    expect(parse(payload)).toMatchObject({
      objectType: "invoice",
      subscriptionId: "sub_test_3",
      customerId: "cus_test_3",
      subscriptionRef: "ref-789",
      invoice: {
        id: "in_test_3",
        subscriptionId: "sub_test_3",
        status: "paid",
        amountPaid: 345100,
        amountDue: 345100,
        subtotal: 290000,
        tax: 55100,
        total: 345100,
        currency: "clp",
        number: "CIAR-0003",
        hostedInvoiceUrl: "https://invoice.stripe.com/i/in_test_3",
        periodStart: new Date(start * 1000),
        periodEnd: new Date(end * 1000),
      },
    });
  });

  it("an invoice from an older API version (subscription on the invoice, no lines) still resolves", () => {
    const payload = event("invoice.payment_failed", {
      id: "in_test_4",
      object: "invoice",
      subscription: "sub_test_4",
      status: "open",
      amount_due: 1000,
      amount_paid: 0,
      subtotal: 1000,
      total: 1000,
      period_start: 1_790_000_000,
      period_end: 1_792_592_000,
    });
    expect(parse(payload).invoice).toMatchObject({
      subscriptionId: "sub_test_4",
      tax: 0,
      hostedInvoiceUrl: null,
      periodStart: new Date(1_790_000_000 * 1000),
      periodEnd: new Date(1_792_592_000 * 1000),
    });
  });
});
