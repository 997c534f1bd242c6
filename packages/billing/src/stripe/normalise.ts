import type Stripe from "stripe";
import type { SubscriptionSnapshot, SubscriptionStatus, WebhookEvent, WebhookInvoice } from "../port";
import { fromUnix, idOf } from "./call";

const STATUSES: readonly SubscriptionStatus[] = [
  "active",
  "trialing",
  "past_due",
  "canceled",
  "incomplete",
  "incomplete_expired",
  "unpaid",
  "paused",
];

/** Stripe's status; a status this SDK does not know yet counts as "incomplete" (no access). */
function toStatus(status: string): SubscriptionStatus {
  return (STATUSES as readonly string[]).includes(status) ? (status as SubscriptionStatus) : "incomplete";
}

/**
 * Since API version 2025-03-31 the billing period lives on the subscription items; all items of
 * one subscription share it, and the flat (licensed) item is the reference.
 */
export function toSnapshot(subscription: Stripe.Subscription): SubscriptionSnapshot {
  const items = [...subscription.items.data].sort(
    (a, b) =>
      Number(a.price.recurring?.usage_type === "metered") -
      Number(b.price.recurring?.usage_type === "metered"),
  );
  const reference = items[0];
  const currentPeriodEnd = fromUnix(reference?.current_period_end);
  const cancelAt = fromUnix(subscription.cancel_at);
  return {
    id: subscription.id,
    status: toStatus(subscription.status),
    currentPeriodStart: fromUnix(reference?.current_period_start),
    currentPeriodEnd,
    cancelAtPeriodEnd:
      subscription.cancel_at_period_end ||
      (cancelAt !== null && currentPeriodEnd !== null && cancelAt.getTime() === currentPeriodEnd.getTime()),
    cancelAt,
    canceledAt: fromUnix(subscription.canceled_at),
    customerId: idOf(subscription.customer) ?? "",
    metadata: { subscriptionRef: subscription.metadata?.subscriptionRef ?? null },
    priceIds: items.map((item) => item.price.id),
    planRefs: items.map((item) => str(item.price.metadata?.ciar_plan_id)),
    latestInvoiceId: idOf(subscription.latest_invoice),
    collectionMethod:
      subscription.collection_method === "send_invoice" ? "send_invoice" : "charge_automatically",
  };
}

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : null;
}

function str(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function num(value: unknown): number {
  return typeof value === "number" ? value : 0;
}

/** An expandable field's id: a string, or an object with an id. */
function ref(value: unknown): string | null {
  return str(value) ?? str(asObject(value)?.id);
}

function subscriptionOfInvoice(invoice: Json): { id: string | null; metadata: Json | null } {
  const details = asObject(asObject(invoice.parent)?.subscription_details);
  // Before 2025-03-31 the invoice named its subscription directly.
  return {
    id: ref(details?.subscription) ?? ref(invoice.subscription),
    metadata: asObject(details?.metadata),
  };
}

/** The service period: that of the line ending last (the plan's period; overage lines are in arrears). */
function invoicePeriod(invoice: Json): { start: Date; end: Date } {
  let best: { start: number; end: number } | null = null;
  const lines = asObject(invoice.lines)?.data;
  for (const line of Array.isArray(lines) ? lines : []) {
    const period = asObject(asObject(line)?.period);
    const start = period?.start;
    const end = period?.end;
    if (typeof start !== "number" || typeof end !== "number") continue;
    if (!best || end > best.end) best = { start, end };
  }
  const start = best?.start ?? num(invoice.period_start);
  const end = best?.end ?? num(invoice.period_end);
  return { start: new Date(start * 1000), end: new Date(end * 1000) };
}

function toInvoice(invoice: Json): WebhookInvoice {
  const taxes = Array.isArray(invoice.total_taxes) ? invoice.total_taxes : [];
  const tax = taxes.reduce<number>((sum, entry) => sum + num(asObject(entry)?.amount), 0);
  const period = invoicePeriod(invoice);
  return {
    id: str(invoice.id) ?? "",
    subscriptionId: subscriptionOfInvoice(invoice).id,
    status: str(invoice.status),
    amountPaid: num(invoice.amount_paid),
    amountDue: num(invoice.amount_due),
    subtotal:
      typeof invoice.total_excluding_tax === "number" ? invoice.total_excluding_tax : num(invoice.subtotal),
    tax,
    total: num(invoice.total),
    currency: str(invoice.currency) ?? "clp",
    number: str(invoice.number),
    hostedInvoiceUrl: str(invoice.hosted_invoice_url),
    periodStart: period.start,
    periodEnd: period.end,
  };
}

/**
 * A verified event, read defensively: the webhook endpoint's API version decides the payload's
 * shape, so fields are looked up where current and older versions put them.
 */
export function normaliseEvent(event: Stripe.Event): WebhookEvent {
  const payload = event as unknown as Json;
  const object = asObject(asObject(payload.data)?.object) ?? {};
  const objectType = str(object.object);
  const metadata = asObject(object.metadata);
  let subscriptionId: string | null;
  let checkoutSessionId: string | null = null;
  let subscriptionRef = str(metadata?.subscriptionRef);
  let invoice: WebhookInvoice | null = null;

  if (objectType === "checkout.session") {
    checkoutSessionId = str(object.id);
    subscriptionId = ref(object.subscription);
    subscriptionRef ??= str(object.client_reference_id);
  } else if (objectType === "subscription") {
    subscriptionId = str(object.id);
  } else if (objectType === "invoice") {
    invoice = toInvoice(object);
    const owner = subscriptionOfInvoice(object);
    subscriptionId = owner.id;
    subscriptionRef ??= str(owner.metadata?.subscriptionRef);
  } else {
    subscriptionId = ref(object.subscription);
  }

  return {
    id: event.id,
    type: event.type,
    created: new Date(event.created * 1000),
    livemode: event.livemode,
    objectId: str(object.id),
    objectType,
    subscriptionId,
    checkoutSessionId,
    customerId: ref(object.customer),
    subscriptionRef,
    invoice,
    payload,
  };
}
