import type { Tx } from "@ciar/db/client";
import { moduleInvoices, modulePlans, stripeEvents, subscriptions } from "@ciar/db/schema";
import type { BillingProvider, SubscriptionSnapshot, WebhookEvent } from "@ciar/billing/port";
import { zUuid } from "@ciar/domain/schemas/common";
import { and, eq, inArray, or } from "drizzle-orm";
import type { SetAccess, StripeWebhookDoor } from "../ports";
import { recordAudit } from "../audit/record-audit";
import { statusFromStripe } from "./stripe-status";

/**
 * The event names its objects only once it is read, and the subscription its commune only once it
 * is found: the webhook door hands this down to set them in the same transaction.
 */
type WebhookAccess = SetAccess<"stripeSubscriptionId" | "stripeCheckoutSessionId" | "communeId">;

export type WebhookOutcome = "processed" | "duplicate" | "ignored";

/**
 * Applies one verified Stripe event, in one transaction: the event is stored by its id (a
 * redelivery of a processed event changes nothing), the subscription is brought to Stripe's
 * CURRENT state (fetched, not taken from the event body, so that events arriving out of order
 * converge), its invoice is recorded, and the subscriber's audit log says what changed. Any
 * failure rolls everything back and the route answers 500, so Stripe delivers the event again.
 */
export function processStripeEvent(door: StripeWebhookDoor, billing: BillingProvider, event: WebhookEvent) {
  return door.forEvent(event.id, async (tx, setAccess) => {
    const [stored] = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, stripeCreatedAt: event.created, payload: event.payload })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (!stored) {
      const [previous] = await tx
        .select({ processedAt: stripeEvents.processedAt })
        .from(stripeEvents)
        .where(eq(stripeEvents.id, event.id));
      if (previous?.processedAt) return "duplicate" satisfies WebhookOutcome;
    }
    const outcome = await applyEvent(tx, setAccess, billing, event);
    await tx.update(stripeEvents).set({ processedAt: new Date() }).where(eq(stripeEvents.id, event.id));
    return outcome;
  });
}

async function applyEvent(
  tx: Tx,
  setAccess: WebhookAccess,
  billing: BillingProvider,
  event: WebhookEvent,
): Promise<WebhookOutcome> {
  // The doors of the subscriptions_stripe policy: the objects this event names.
  await setAccess({
    stripeSubscriptionId: event.subscriptionId,
    stripeCheckoutSessionId: event.checkoutSessionId,
  });
  const conditions = [
    event.subscriptionId ? eq(subscriptions.stripeSubscriptionId, event.subscriptionId) : undefined,
    event.checkoutSessionId ? eq(subscriptions.stripeCheckoutSessionId, event.checkoutSessionId) : undefined,
  ].filter((c) => c !== undefined);
  if (conditions.length === 0) return "ignored";
  const [subscription] = await tx
    .select()
    .from(subscriptions)
    .where(or(...conditions))
    .for("update");
  // Not one of ours (another product on the same Stripe account), or a reference that disagrees.
  if (!subscription) return "ignored";
  if (event.subscriptionRef && event.subscriptionRef !== subscription.id) return "ignored";

  const stripeSubscriptionId = event.subscriptionId ?? subscription.stripeSubscriptionId;
  let changes: Record<string, { from: unknown; to: unknown }> = {};
  if (stripeSubscriptionId) {
    const snapshot = await billing.retrieveSubscription(stripeSubscriptionId);
    changes = await applySnapshot(tx, setAccess, subscription, snapshot);
  }
  if (event.invoice && event.invoice.subscriptionId === stripeSubscriptionId) {
    await recordInvoice(tx, subscription, event.invoice);
  }
  await setAccess({ communeId: subscription.communeId });
  await recordAudit(
    tx,
    { userId: null, communeId: subscription.communeId, requestId: event.id },
    {
      action: "subscription.stripe_event",
      entityType: "subscription",
      entityId: subscription.id,
      changes: { type: event.type, ...changes },
    },
  );
  return "processed";
}

/**
 * The module's plan Stripe bills now (a plan change made in the portal too): the plan whose
 * stored price is the subscription's first (flat) item, or, for a plan whose price ids were never
 * stored on it (priced when a commune subscribed, not when the provider published it), the plan
 * the price was created for (its ciar_plan_id metadata). Null when no item names a plan of the
 * module: the subscription keeps its plan.
 */
async function billedPlan(tx: Tx, moduleId: string, snapshot: SubscriptionSnapshot): Promise<string | null> {
  const refs = snapshot.planRefs.filter((ref): ref is string => zUuid.safeParse(ref).success);
  if (snapshot.priceIds.length === 0 && refs.length === 0) return null;
  const plans = await tx
    .select({ id: modulePlans.id, stripePriceId: modulePlans.stripePriceId })
    .from(modulePlans)
    .where(
      and(
        eq(modulePlans.moduleId, moduleId),
        or(
          snapshot.priceIds.length ? inArray(modulePlans.stripePriceId, snapshot.priceIds) : undefined,
          refs.length ? inArray(modulePlans.id, refs) : undefined,
        ),
      ),
    );
  // Items in order, flat price first: the first one that names a plan decides.
  for (const [i, priceId] of snapshot.priceIds.entries()) {
    const plan = plans.find((p) => p.stripePriceId === priceId || p.id === snapshot.planRefs[i]);
    if (plan) return plan.id;
  }
  return null;
}

async function applySnapshot(
  tx: Tx,
  setAccess: WebhookAccess,
  subscription: typeof subscriptions.$inferSelect,
  snapshot: SubscriptionSnapshot,
) {
  const status = statusFromStripe(snapshot.status);
  const next = {
    status,
    stripeSubscriptionId: snapshot.id,
    planId: (await billedPlan(tx, subscription.moduleId, snapshot)) ?? subscription.planId,
    currentPeriodStart: snapshot.currentPeriodStart,
    currentPeriodEnd: snapshot.currentPeriodEnd,
    cancelAtPeriodEnd: snapshot.cancelAtPeriodEnd,
    canceledAt: snapshot.canceledAt,
    pastDueSince: status === "past_due" ? (subscription.pastDueSince ?? new Date()) : null,
    activatedAt:
      subscription.activatedAt ?? (status === "active" || status === "trialing" ? new Date() : null),
  };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ["status", "planId", "cancelAtPeriodEnd"] as const) {
    if (subscription[key] !== next[key]) changes[key] = { from: subscription[key], to: next[key] };
  }
  await setAccess({ stripeSubscriptionId: snapshot.id });
  await tx
    .update(subscriptions)
    .set({ ...next, stripeStateAt: new Date(), updatedAt: new Date() })
    .where(and(eq(subscriptions.communeId, subscription.communeId), eq(subscriptions.id, subscription.id)));
  return changes;
}

async function recordInvoice(
  tx: Tx,
  subscription: typeof subscriptions.$inferSelect,
  invoice: NonNullable<WebhookEvent["invoice"]>,
) {
  const status =
    (["open", "paid", "void", "uncollectible"] as const).find((s) => s === invoice.status) ?? "open";
  const values = {
    communeId: subscription.communeId,
    subscriptionId: subscription.id,
    providerCommuneId: subscription.providerCommuneId,
    source: "stripe" as const,
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    // IVA is Stripe's tax; the net is what remains of the total (after any discount).
    netClp: invoice.total - invoice.tax,
    ivaClp: invoice.tax,
    totalClp: invoice.total,
    status,
    stripeInvoiceId: invoice.id,
    hostedInvoiceUrl: invoice.hostedInvoiceUrl,
  };
  await tx
    .insert(moduleInvoices)
    .values(values)
    .onConflictDoUpdate({
      target: moduleInvoices.stripeInvoiceId,
      set: {
        status,
        hostedInvoiceUrl: values.hostedInvoiceUrl,
        totalClp: values.totalClp,
        netClp: values.netClp,
        ivaClp: values.ivaClp,
        updatedAt: new Date(),
      },
    });
}
