import type { Tx } from "@ciar/db/client";
import { communes, modulePlans, modules, subscriptions } from "@ciar/db/schema";
import type { BillingProvider } from "@ciar/billing/port";
import { AppError } from "@ciar/domain/errors";
import { and, desc, eq, isNotNull, ne, sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { planPricesInput } from "./plan-prices";
import { callStripe, requireStripe } from "./stripe-calls";

export interface BillingDetails {
  rut: string;
  name: string;
  address: string;
  email: string;
}

/** The published module and its active plan that a commune may subscribe to. */
async function subscribable(tx: Tx, communeId: string, moduleId: string, planId: string) {
  const [row] = await tx
    // Whether the module is the commune's own is decided by PostgreSQL (uuid equality).
    .select({ module: modules, plan: modulePlans, own: sql<boolean>`${modules.communeId} = ${communeId}` })
    .from(modulePlans)
    .innerJoin(modules, eq(modules.id, modulePlans.moduleId))
    .where(and(eq(modulePlans.id, planId), eq(modules.id, moduleId)));
  if (!row || row.module.status !== "published") throw new AppError("modules.not_found");
  if (row.plan.status !== "active") throw new AppError("plans.not_found");
  if (row.own) throw new AppError("subscriptions.own_module");
  const [live] = await tx
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.communeId, communeId),
        eq(subscriptions.moduleId, moduleId),
        ne(subscriptions.status, "canceled"),
      ),
    );
  if (live) throw new AppError("subscriptions.exists");
  return row;
}

/** The commune's Stripe customer, created once and reused by its later subscriptions. */
async function customerFor(tx: Tx, billing: BillingProvider, communeId: string, details: BillingDetails) {
  const [previous] = await tx
    .select({ customerId: subscriptions.stripeCustomerId })
    .from(subscriptions)
    .where(and(eq(subscriptions.communeId, communeId), isNotNull(subscriptions.stripeCustomerId)))
    .orderBy(desc(subscriptions.createdAt))
    .limit(1);
  const [commune] = await tx.select({ name: communes.name }).from(communes).where(eq(communes.id, communeId));
  return callStripe(() =>
    billing.ensureCustomer({
      communeId,
      name: details.name || `Municipalidad de ${commune?.name ?? ""}`,
      email: details.email,
      taxId: details.rut,
      existingCustomerId: previous?.customerId ?? null,
    }),
  );
}

/**
 * Subscribes the active commune with Stripe: Checkout (card; the browser goes to Stripe's page)
 * or an invoice paid by bank transfer within 30 days. The subscription is stored "incomplete";
 * Stripe's webhook makes it active. Our id travels to Stripe as `subscriptionRef`, so that the
 * row and Stripe's objects are created in this order without a window where Stripe knows a
 * subscription we do not.
 */
export async function subscribeWithStripe(
  tx: Tx,
  actor: Actor,
  billing: BillingProvider | undefined,
  input: {
    moduleId: string;
    planId: string;
    method: "stripe_checkout" | "stripe_invoice";
    billing: BillingDetails;
    successUrl: string;
    cancelUrl: string;
  },
) {
  const stripe = requireStripe(billing);
  const { module, plan } = await subscribable(tx, actor.communeId, input.moduleId, input.planId);
  const prices = await callStripe(() => stripe.ensurePrices(planPricesInput(module, plan)));
  const customerId = await customerFor(tx, stripe, actor.communeId, input.billing);
  const id = uuidv7();
  const base = {
    id,
    communeId: actor.communeId,
    moduleId: module.id,
    planId: plan.id,
    providerCommuneId: module.communeId,
    method: input.method,
    status: "incomplete" as const,
    billing: input.billing,
    stripeCustomerId: customerId,
    createdBy: actor.userId,
  };
  let checkoutUrl: string | null = null;
  let invoiceUrl: string | null = null;
  if (input.method === "stripe_checkout") {
    const session = await callStripe(() =>
      stripe.startCheckout({
        customerId,
        stripePriceId: prices.stripePriceId,
        stripeMeteredPriceId: prices.stripeMeteredPriceId,
        subscriptionRef: id,
        successUrl: input.successUrl,
        cancelUrl: input.cancelUrl,
      }),
    );
    await tx.insert(subscriptions).values({ ...base, stripeCheckoutSessionId: session.sessionId });
    checkoutUrl = session.url;
  } else {
    const created = await callStripe(() =>
      stripe.startInvoiceSubscription({
        customerId,
        stripePriceId: prices.stripePriceId,
        stripeMeteredPriceId: prices.stripeMeteredPriceId,
        subscriptionRef: id,
        daysUntilDue: 30,
      }),
    );
    await tx.insert(subscriptions).values({ ...base, stripeSubscriptionId: created.stripeSubscriptionId });
    invoiceUrl = created.latestInvoiceUrl;
  }
  await recordAudit(tx, actor, {
    action: "subscription.requested",
    entityType: "subscription",
    entityId: id,
    changes: { moduleId: module.id, planId: plan.id, method: input.method },
  });
  return { subscriptionId: id, checkoutUrl, invoiceUrl };
}

/** A live Stripe subscription of the active commune. */
async function ownStripeSubscription(tx: Tx, communeId: string, id: string) {
  const [row] = await tx
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.communeId, communeId), eq(subscriptions.id, id)));
  if (!row) throw new AppError("subscriptions.not_found");
  if (!row.stripeSubscriptionId || row.status === "canceled")
    throw new AppError("subscriptions.invalid_state");
  return row as typeof row & { stripeSubscriptionId: string };
}

/** Moves to another plan of the same module; Stripe prorates, and its webhook records the change. */
export async function changeStripePlan(
  tx: Tx,
  actor: Actor,
  billing: BillingProvider | undefined,
  input: { subscriptionId: string; planId: string },
) {
  const stripe = requireStripe(billing);
  const current = await ownStripeSubscription(tx, actor.communeId, input.subscriptionId);
  const [row] = await tx
    .select({ module: modules, plan: modulePlans })
    .from(modulePlans)
    .innerJoin(modules, eq(modules.id, modulePlans.moduleId))
    .where(and(eq(modulePlans.id, input.planId), eq(modulePlans.moduleId, current.moduleId)));
  if (!row || row.plan.status !== "active") throw new AppError("plans.not_found");
  if (row.plan.id === current.planId) throw new AppError("subscriptions.invalid_state");
  const prices = await callStripe(() => stripe.ensurePrices(planPricesInput(row.module, row.plan)));
  await callStripe(() =>
    stripe.changePlan({
      stripeSubscriptionId: current.stripeSubscriptionId,
      stripePriceId: prices.stripePriceId,
      stripeMeteredPriceId: prices.stripeMeteredPriceId,
    }),
  );
  await recordAudit(tx, actor, {
    action: "subscription.plan_change_requested",
    entityType: "subscription",
    entityId: current.id,
    changes: { planId: { from: current.planId, to: row.plan.id } },
  });
  return { requested: true as const };
}

/** Cancels at the end of the paid period: access continues until Stripe ends the subscription. */
export async function cancelStripeSubscription(
  tx: Tx,
  actor: Actor,
  billing: BillingProvider | undefined,
  subscriptionId: string,
) {
  const stripe = requireStripe(billing);
  const current = await ownStripeSubscription(tx, actor.communeId, subscriptionId);
  const scheduled = await callStripe(() => stripe.cancelAtPeriodEnd(current.stripeSubscriptionId));
  await tx
    .update(subscriptions)
    .set({ cancelAtPeriodEnd: true, updatedAt: new Date() })
    .where(and(eq(subscriptions.communeId, actor.communeId), eq(subscriptions.id, current.id)));
  await recordAudit(tx, actor, {
    action: "subscription.cancel_requested",
    entityType: "subscription",
    entityId: current.id,
    changes: { cancelAt: scheduled.cancelAt?.toISOString() ?? null },
  });
  return { cancelAt: scheduled.cancelAt };
}

/** Stripe's customer portal for the commune (invoices, payment method). */
export async function stripePortal(
  tx: Tx,
  communeId: string,
  billing: BillingProvider | undefined,
  returnUrl: string,
) {
  const stripe = requireStripe(billing);
  const [row] = await tx
    .select({ customerId: subscriptions.stripeCustomerId })
    .from(subscriptions)
    .where(and(eq(subscriptions.communeId, communeId), isNotNull(subscriptions.stripeCustomerId)))
    .orderBy(desc(subscriptions.createdAt))
    .limit(1);
  if (!row?.customerId) throw new AppError("subscriptions.not_found");
  return { url: await callStripe(() => stripe.portalUrl({ customerId: row.customerId!, returnUrl })) };
}
