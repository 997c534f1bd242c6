import { createHash } from "node:crypto";
import type Stripe from "stripe";
import type {
  CancellationScheduled,
  ChangePlanInput,
  CheckoutInput,
  CheckoutSession,
  InvoiceSubscription,
  InvoiceSubscriptionInput,
  OverageInput,
  OverageReported,
  SubscriptionChange,
  SubscriptionSnapshot,
} from "../port";
import { BillingProviderError } from "../errors";
import { call, idempotencyKey, idOf } from "./call";
import { toSnapshot } from "./normalise";

/** Locale of Stripe's hosted pages (Checkout, portal): Latin American Spanish. */
const LOCALE = "es-419";

export interface SubscriptionSettings {
  /** Stripe tax rate (txr_…) for IVA, added to every subscription when set. */
  ivaTaxRateId?: string | undefined;
}

function taxRates(settings: SubscriptionSettings): { default_tax_rates?: string[] } {
  return settings.ivaTaxRateId ? { default_tax_rates: [settings.ivaTaxRateId] } : {};
}

/** The flat price with quantity 1, and the metered price (no quantity: the meter counts). */
function wantedPrices(input: { stripePriceId: string; stripeMeteredPriceId?: string | null }) {
  return [
    { price: input.stripePriceId, quantity: 1 },
    ...(input.stripeMeteredPriceId ? [{ price: input.stripeMeteredPriceId }] : []),
  ];
}

export async function startCheckout(
  stripe: Stripe,
  settings: SubscriptionSettings,
  input: CheckoutInput,
): Promise<CheckoutSession> {
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: "subscription",
    customer: input.customerId,
    line_items: wantedPrices(input),
    client_reference_id: input.subscriptionRef,
    metadata: { subscriptionRef: input.subscriptionRef },
    subscription_data: { metadata: { subscriptionRef: input.subscriptionRef }, ...taxRates(settings) },
    success_url: input.successUrl,
    cancel_url: input.cancelUrl,
    locale: LOCALE,
  };
  const session = await call("create checkout session", () =>
    stripe.checkout.sessions.create(params, {
      idempotencyKey: idempotencyKey("checkout", input.subscriptionRef, params),
    }),
  );
  if (!session.url) throw new BillingProviderError(`Checkout session ${session.id} has no URL`);
  return { url: session.url, sessionId: session.id };
}

/**
 * The first invoice of a send_invoice subscription starts as a draft that Stripe would finalize
 * about an hour later; finalizing it now gives the hosted page (and sends the e-mail) at once.
 */
async function finalizedInvoice(stripe: Stripe, invoice: Stripe.Invoice): Promise<Stripe.Invoice> {
  if (invoice.status !== "draft") return invoice;
  try {
    return await call("finalize invoice", () => stripe.invoices.finalizeInvoice(invoice.id));
  } catch (error) {
    // Already finalized (a retried request answered from the idempotency cache): read it again.
    if (error instanceof BillingProviderError) {
      return call("retrieve invoice", () => stripe.invoices.retrieve(invoice.id));
    }
    throw error;
  }
}

export async function startInvoiceSubscription(
  stripe: Stripe,
  settings: SubscriptionSettings,
  input: InvoiceSubscriptionInput,
): Promise<InvoiceSubscription> {
  const params: Stripe.SubscriptionCreateParams = {
    customer: input.customerId,
    items: wantedPrices(input),
    collection_method: "send_invoice",
    days_until_due: input.daysUntilDue ?? 30,
    metadata: { subscriptionRef: input.subscriptionRef },
    ...taxRates(settings),
    expand: ["latest_invoice"],
  };
  const subscription = await call("create subscription", () =>
    stripe.subscriptions.create(params, {
      idempotencyKey: idempotencyKey("subscription", input.subscriptionRef, params),
    }),
  );
  const latest = subscription.latest_invoice;
  const invoice = latest && typeof latest !== "string" ? await finalizedInvoice(stripe, latest) : null;
  const snapshot = toSnapshot(subscription);
  return {
    stripeSubscriptionId: subscription.id,
    status: snapshot.status,
    latestInvoiceId: invoice?.id ?? idOf(latest),
    latestInvoiceUrl: invoice?.hosted_invoice_url ?? null,
    subscription: snapshot,
  };
}

async function retrieve(stripe: Stripe, id: string): Promise<Stripe.Subscription> {
  return call("retrieve subscription", () => stripe.subscriptions.retrieve(id));
}

export async function retrieveSubscription(stripe: Stripe, id: string): Promise<SubscriptionSnapshot> {
  return toSnapshot(await retrieve(stripe, id));
}

/** Keeps items whose price stays (their usage and period continue), deletes the others, adds the new ones. */
export async function changePlan(stripe: Stripe, input: ChangePlanInput): Promise<SubscriptionChange> {
  const current = await retrieve(stripe, input.stripeSubscriptionId);
  const wanted = wantedPrices(input);
  const wantedIds = new Set(wanted.map((item) => item.price));
  const kept = new Set<string>();
  const items: Stripe.SubscriptionUpdateParams.Item[] = [];
  for (const item of current.items.data) {
    if (wantedIds.has(item.price.id) && !kept.has(item.price.id)) kept.add(item.price.id);
    else items.push({ id: item.id, deleted: true });
  }
  for (const item of wanted) if (!kept.has(item.price)) items.push(item);
  const params: Stripe.SubscriptionUpdateParams = { items, proration_behavior: "create_prorations" };
  const updated = await call("change subscription plan", () =>
    stripe.subscriptions.update(input.stripeSubscriptionId, params, {
      idempotencyKey: idempotencyKey("change", input.stripeSubscriptionId, params),
    }),
  );
  const snapshot = toSnapshot(updated);
  return { status: snapshot.status, subscription: snapshot };
}

export async function cancelAtPeriodEnd(stripe: Stripe, id: string): Promise<CancellationScheduled> {
  const updated = await call("cancel subscription at period end", () =>
    stripe.subscriptions.update(id, { cancel_at_period_end: true }),
  );
  const snapshot = toSnapshot(updated);
  return { cancelAt: snapshot.cancelAt ?? snapshot.currentPeriodEnd, subscription: snapshot };
}

export async function portalUrl(
  stripe: Stripe,
  input: { customerId: string; returnUrl: string },
): Promise<string> {
  const session = await call("create portal session", () =>
    stripe.billingPortal.sessions.create({
      customer: input.customerId,
      return_url: input.returnUrl,
      locale: LOCALE,
    }),
  );
  return session.url;
}

/** Stripe keeps meter event identifiers up to 100 characters; longer keys are hashed. */
function meterIdentifier(key: string): string {
  return key.length <= 100 ? key : createHash("sha256").update(key).digest("hex");
}

export async function reportOverage(stripe: Stripe, input: OverageInput): Promise<OverageReported> {
  if (!Number.isSafeInteger(input.quantity) || input.quantity <= 0) {
    throw new RangeError(`Overage quantity must be a positive integer: ${input.quantity}`);
  }
  const subscription = await retrieve(stripe, input.stripeSubscriptionId);
  const item = subscription.items.data.find((i) => i.price.recurring?.usage_type === "metered");
  const meterId = item?.price.recurring?.meter;
  if (!item || !meterId) {
    throw new Error(`Subscription ${subscription.id} has no metered price: its plan bills no overage`);
  }
  const eventName =
    item.price.metadata?.ciar_meter_event_name ??
    (await call("retrieve meter", () => stripe.billing.meters.retrieve(meterId))).event_name;
  const identifier = meterIdentifier(input.idempotencyKey);
  await call("report overage", () =>
    stripe.billing.meterEvents.create(
      {
        event_name: eventName,
        identifier,
        timestamp: Math.floor(input.timestamp.getTime() / 1000),
        payload: { stripe_customer_id: idOf(subscription.customer) ?? "", value: String(input.quantity) },
      },
      { idempotencyKey: `ciar-usage-${identifier}` },
    ),
  );
  return { eventName, identifier };
}
