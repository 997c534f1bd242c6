/**
 * The billing port: what the API needs from a payment provider to sell shared AI modules.
 *
 * Two adapters implement it: Stripe (`createStripeBilling`, card Checkout or an invoice paid by
 * bank transfer) and purchase orders (`createPurchaseOrderBilling`, Mercado Público "orden de
 * compra", activated by a platform admin; every Stripe operation throws BillingUnavailableError).
 * `createBilling` picks one from the configuration.
 *
 * Money is integer CLP everywhere. CLP is a zero-decimal currency in Stripe: 290000 CLP is sent
 * as `unit_amount=290000`, never multiplied by 100. Prices are net of IVA (`tax_behavior`
 * exclusive); IVA is computed by `@ciar/domain/billing/pricing`.
 *
 * The adapter talks to Stripe only; it stores nothing. The API keeps the ids it returns.
 */

export type BillingMode = "stripe" | "purchase_order";

/** How a commune pays a subscription. */
export type PaymentMethod = "stripe_checkout" | "stripe_invoice" | "purchase_order";

export type PlanInterval = "month" | "year";

/** Stripe's subscription statuses, as they are. The API maps them to its own (fewer) states. */
export type SubscriptionStatus =
  "active" | "trialing" | "past_due" | "canceled" | "incomplete" | "incomplete_expired" | "unpaid" | "paused";

export interface PlanPricesInput {
  /** Our module_plans.id: names the Stripe product and keys idempotency. */
  planId: string;
  /** The module's slug: names the usage meter (one meter per module). */
  moduleSlug: string;
  /** Shown on Checkout, invoices and the portal, e.g. "Transcripción de actas — Básico". */
  name: string;
  interval: PlanInterval;
  /** Flat price per interval, integer CLP, net of IVA. */
  priceClp: number;
  /** Price per unit over the included quota, integer CLP; 0 means no metered price. */
  overageUnitPriceClp: number;
  /** What one unit is, e.g. "documento revisado" (the meter's display name). */
  usageUnit: string;
  /**
   * Ids stored from an earlier call. Reused when the Stripe price still matches (active, CLP,
   * same amount and interval); otherwise new prices are created (Stripe prices are immutable).
   */
  existing?: { stripePriceId?: string | null; stripeMeteredPriceId?: string | null };
}

export interface PlanPrices {
  /** Recurring flat price (`usage_type` licensed, quantity 1). */
  stripePriceId: string;
  /** Recurring metered price for overage, backed by the module's billing meter; null when the plan has no overage price. */
  stripeMeteredPriceId: string | null;
}

export interface CustomerInput {
  communeId: string;
  /** Razón social of the municipality, e.g. "Ilustre Municipalidad de La Serena". */
  name: string;
  /** Where Stripe sends invoices and receipts. */
  email: string;
  /** Chilean RUT ("69.040.100-6" or "69040100-6"); sent as Stripe tax id `cl_tin` on creation. */
  taxId?: string | null;
  /** Stripe customer stored for this commune: updated (name, e-mail) instead of creating another. */
  existingCustomerId?: string | null;
}

interface SubscriptionPrices {
  stripePriceId: string;
  /** Omit or null when the plan has no overage price. */
  stripeMeteredPriceId?: string | null;
}

export interface CheckoutInput extends SubscriptionPrices {
  customerId: string;
  /** Our subscriptions.id: set as `client_reference_id` and as metadata `subscriptionRef` on the session and the subscription. */
  subscriptionRef: string;
  successUrl: string;
  cancelUrl: string;
}

export interface CheckoutSession {
  /** Stripe-hosted page to redirect the browser to. */
  url: string;
  sessionId: string;
}

export interface InvoiceSubscriptionInput extends SubscriptionPrices {
  customerId: string;
  /** Our subscriptions.id, as metadata `subscriptionRef` on the subscription. */
  subscriptionRef: string;
  /** Days to pay each invoice (bank transfer). Default 30. */
  daysUntilDue?: number;
}

export interface InvoiceSubscription {
  stripeSubscriptionId: string;
  status: SubscriptionStatus;
  latestInvoiceId: string | null;
  /** Stripe's hosted invoice page (pay by transfer, download PDF); null if not finalized yet. */
  latestInvoiceUrl: string | null;
  subscription: SubscriptionSnapshot;
}

export interface ChangePlanInput extends SubscriptionPrices {
  stripeSubscriptionId: string;
}

export interface SubscriptionChange {
  status: SubscriptionStatus;
  subscription: SubscriptionSnapshot;
}

export interface CancellationScheduled {
  /** When the subscription ends (the end of the paid period); null if Stripe did not say. */
  cancelAt: Date | null;
  subscription: SubscriptionSnapshot;
}

export interface PortalInput {
  customerId: string;
  returnUrl: string;
}

export interface OverageInput {
  stripeSubscriptionId: string;
  /** Units over the included quota, a positive integer. */
  quantity: number;
  /** When the usage happened (Stripe accepts the last 35 days). */
  timestamp: Date;
  /** Stable per report (e.g. `${subscriptionId}:${month}:${batch}`): a retry is not counted twice. */
  idempotencyKey: string;
}

export interface OverageReported {
  /** The module's meter event name. */
  eventName: string;
  /** Stripe's deduplication identifier of the meter event (the idempotency key). */
  identifier: string;
}

/** Stripe's current state of a subscription, normalised. Webhooks apply this, not the event body. */
export interface SubscriptionSnapshot {
  id: string;
  status: SubscriptionStatus;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  /** True when the subscription ends at the end of the current period (also when the portal set `cancel_at` to it). */
  cancelAtPeriodEnd: boolean;
  cancelAt: Date | null;
  canceledAt: Date | null;
  customerId: string;
  metadata: { subscriptionRef: string | null };
  /** Prices of the subscription's items (flat first, then metered). */
  priceIds: string[];
  /**
   * The plan each item's price was created for (its `ciar_plan_id` metadata), same order; null
   * for a price this platform did not create. Names the plan even when its price ids were never
   * stored on it (a plan published before Stripe was configured).
   */
  planRefs: (string | null)[];
  latestInvoiceId: string | null;
  collectionMethod: "charge_automatically" | "send_invoice";
}

/** The invoice part of an `invoice.*` event. Amounts are integer CLP. */
export interface WebhookInvoice {
  id: string;
  subscriptionId: string | null;
  /** draft, open, paid, void or uncollectible. */
  status: string | null;
  amountPaid: number;
  amountDue: number;
  /** Net of taxes (IVA). */
  subtotal: number;
  /** Sum of the invoice's taxes (IVA when a tax rate is configured), else 0. */
  tax: number;
  total: number;
  currency: string;
  number: string | null;
  hostedInvoiceUrl: string | null;
  /** Service period of the subscription line (the latest one), else the invoice's own period. */
  periodStart: Date;
  periodEnd: Date;
}

/** A verified Stripe webhook event, normalised. Everything Stripe-specific stays in `payload`. */
export interface WebhookEvent {
  /** evt_…: store it once; a redelivery has the same id. */
  id: string;
  /** Stripe's type, e.g. "checkout.session.completed", "customer.subscription.updated", "invoice.paid". */
  type: string;
  /** When Stripe created the event: order events by it, never by arrival. */
  created: Date;
  livemode: boolean;
  /** Id of `data.object` (cs_…, sub_…, in_…), null if it has none. */
  objectId: string | null;
  /** `data.object.object`, e.g. "checkout.session", "subscription", "invoice". */
  objectType: string | null;
  /** The subscription concerned, from whichever object the event carries. */
  subscriptionId: string | null;
  /** Set for checkout.session.* events. */
  checkoutSessionId: string | null;
  customerId: string | null;
  /** Our subscriptions.id from metadata or client_reference_id, when Stripe carried it. */
  subscriptionRef: string | null;
  /** Set for invoice.* events. */
  invoice: WebhookInvoice | null;
  /** The whole verified event as JSON, to store. */
  payload: Record<string, unknown>;
}

export interface BillingProvider {
  /** "stripe" when STRIPE_SECRET_KEY is set, else "purchase_order". */
  readonly mode: BillingMode;

  /** Whether this installation accepts the payment method (purchase orders always). */
  supports(method: PaymentMethod): boolean;

  /** Creates (or reuses) the plan's Stripe product, flat price and, with overage, its meter and metered price. */
  ensurePrices(plan: PlanPricesInput): Promise<PlanPrices>;

  /** Creates the commune's Stripe customer, or updates the existing one; returns its id (cus_…). */
  ensureCustomer(input: CustomerInput): Promise<string>;

  /** A Checkout session in subscription mode (card). The subscription arrives by webhook. */
  startCheckout(input: CheckoutInput): Promise<CheckoutSession>;

  /** A subscription billed by invoice (`collection_method` send_invoice, 30 days to pay). */
  startInvoiceSubscription(input: InvoiceSubscriptionInput): Promise<InvoiceSubscription>;

  /** Replaces the subscription's items with the new plan's prices, prorating (`create_prorations`). */
  changePlan(input: ChangePlanInput): Promise<SubscriptionChange>;

  /** Cancels at the end of the paid period; access continues until then. */
  cancelAtPeriodEnd(stripeSubscriptionId: string): Promise<CancellationScheduled>;

  /** A Stripe customer portal session (invoices, payment method, cancellation); returns its URL. */
  portalUrl(input: PortalInput): Promise<string>;

  /** Reports overage units to the module's billing meter for the subscription's customer. */
  reportOverage(input: OverageInput): Promise<OverageReported>;

  /** Stripe's latest state of the subscription. */
  retrieveSubscription(stripeSubscriptionId: string): Promise<SubscriptionSnapshot>;

  /**
   * Verifies the `Stripe-Signature` header against the raw body (tolerance 300 s) and
   * normalises the event. Throws WebhookSignatureError when missing, forged or stale.
   */
  parseWebhook(rawBody: Buffer | string, signatureHeader: string | undefined): WebhookEvent;
}
