import type { Tx } from "@ciar/db/client";
import { moduleInvoices, modulePlans, modules, subscriptions, usageRecords } from "@ciar/db/schema";
import { entitlementOf, usageMonth, type Entitlement } from "@ciar/domain/billing/entitlement";
import { unitsOverQuota } from "@ciar/domain/billing/pricing";
import { AppError } from "@ciar/domain/errors";
import type { RequestRenewalInput, SubscribePurchaseOrderInput } from "@ciar/domain/schemas/modules";
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { iso, isUniqueViolation, monthsUpTo, planColumns } from "../modules/views";
import { unitsBySubscription, usageAgainstQuota } from "./month-usage";

/**
 * The subscriber's side: the active commune asks for a module by purchase order, withdraws a
 * pending request, gives the next period's order, and reads its subscriptions, usage and invoices. Every query names the active
 * commune: a provider also reads its subscribers' rows through RLS, and they are not its own.
 */

/** The entitlement rule's answer, with its date as a string. */
function serialiseEntitlement(entitlement: Entitlement) {
  return "graceUntil" in entitlement
    ? { ...entitlement, graceUntil: entitlement.graceUntil.toISOString() }
    : entitlement;
}

const subscriptionColumns = {
  id: subscriptions.id,
  method: subscriptions.method,
  status: subscriptions.status,
  purchaseOrderNumber: subscriptions.purchaseOrderNumber,
  renewalPurchaseOrderNumber: subscriptions.renewalPurchaseOrderNumber,
  renewalRequestedAt: subscriptions.renewalRequestedAt,
  billing: subscriptions.billing,
  currentPeriodStart: subscriptions.currentPeriodStart,
  currentPeriodEnd: subscriptions.currentPeriodEnd,
  cancelAtPeriodEnd: subscriptions.cancelAtPeriodEnd,
  pastDueSince: subscriptions.pastDueSince,
  canceledAt: subscriptions.canceledAt,
  activatedAt: subscriptions.activatedAt,
  createdAt: subscriptions.createdAt,
  moduleId: modules.id,
  moduleSlug: modules.slug,
  moduleName: modules.name,
  moduleUsageUnit: modules.usageUnit,
  moduleIsExample: modules.isExample,
  moduleStatus: modules.status,
  plan: planColumns,
};

/** The active commune's subscriptions (or some of them), live ones first, newest first. */
async function ownSubscriptions(tx: Tx, communeId: string, ids?: string[], now = new Date()) {
  const rows = await tx
    .select({ ...subscriptionColumns, planStatus: modulePlans.status })
    .from(subscriptions)
    .innerJoin(modules, eq(modules.id, subscriptions.moduleId))
    .innerJoin(modulePlans, eq(modulePlans.id, subscriptions.planId))
    .where(and(eq(subscriptions.communeId, communeId), ids ? inArray(subscriptions.id, ids) : undefined))
    .orderBy(
      sql`(${subscriptions.status} = 'canceled')`,
      desc(subscriptions.createdAt),
      asc(subscriptions.id),
    );
  if (rows.length === 0) return [];
  const month = usageMonth(now);
  const usage = await unitsBySubscription(
    tx,
    rows.map((r) => ({ id: r.id, communeId })),
    month,
  );
  return rows.map((r) => {
    return {
      id: r.id,
      module: {
        id: r.moduleId,
        slug: r.moduleSlug,
        name: r.moduleName,
        usageUnit: r.moduleUsageUnit,
        isExample: r.moduleIsExample,
        status: r.moduleStatus,
      },
      plan: { ...r.plan, status: r.planStatus },
      method: r.method,
      status: r.status,
      entitlement: serialiseEntitlement(entitlementOf(r, now)),
      purchaseOrderNumber: r.purchaseOrderNumber,
      /** The next period's order, given and not yet activated. */
      renewal: r.renewalPurchaseOrderNumber
        ? { purchaseOrderNumber: r.renewalPurchaseOrderNumber, requestedAt: iso(r.renewalRequestedAt) }
        : null,
      billing: r.billing,
      currentPeriodStart: iso(r.currentPeriodStart),
      currentPeriodEnd: iso(r.currentPeriodEnd),
      cancelAtPeriodEnd: r.cancelAtPeriodEnd,
      canceledAt: iso(r.canceledAt),
      activatedAt: iso(r.activatedAt),
      createdAt: iso(r.createdAt),
      usageThisMonth: usageAgainstQuota(month, usage.get(r.id) ?? 0, r.plan.includedUnits),
    };
  });
}

export function listOwnSubscriptions(tx: Tx, communeId: string) {
  return ownSubscriptions(tx, communeId);
}

async function ownSubscription(tx: Tx, communeId: string, id: string) {
  const [subscription] = await ownSubscriptions(tx, communeId, [id]);
  if (!subscription) throw new AppError("subscriptions.not_found");
  return subscription;
}

/**
 * Asks for a published module by purchase order: the subscription waits ("pending") until the
 * platform confirms the order and activates it. A commune does not subscribe to its own module,
 * nor twice to one module while a subscription is live or pending.
 */
export async function subscribePurchaseOrder(tx: Tx, actor: Actor, input: SubscribePurchaseOrderInput) {
  const [module] = await tx
    // Whether the module is the commune's own is decided by PostgreSQL (uuid equality).
    .select({
      id: modules.id,
      communeId: modules.communeId,
      slug: modules.slug,
      own: sql<boolean>`${modules.communeId} = ${actor.communeId}`,
    })
    .from(modules)
    .where(and(eq(modules.id, input.moduleId), eq(modules.status, "published")));
  if (!module) throw new AppError("modules.not_found");
  if (module.own) throw new AppError("subscriptions.own_module");
  const [plan] = await tx
    .select({ id: modulePlans.id, name: modulePlans.name })
    .from(modulePlans)
    .where(
      and(
        eq(modulePlans.id, input.planId),
        eq(modulePlans.moduleId, module.id),
        eq(modulePlans.status, "active"),
      ),
    );
  if (!plan) throw new AppError("plans.not_found");
  const [live] = await tx
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.communeId, actor.communeId),
        eq(subscriptions.moduleId, module.id),
        ne(subscriptions.status, "canceled"),
      ),
    );
  if (live) throw new AppError("subscriptions.exists");
  const [created] = await tx
    .insert(subscriptions)
    .values({
      communeId: actor.communeId,
      moduleId: module.id,
      planId: plan.id,
      providerCommuneId: module.communeId,
      method: "purchase_order",
      status: "pending",
      purchaseOrderNumber: input.purchaseOrderNumber,
      billing: input.billing,
      createdBy: actor.userId,
    })
    .returning({ id: subscriptions.id })
    .catch((error: unknown) => {
      // A concurrent request of the same commune got there first.
      if (isUniqueViolation(error, "subscriptions_live_key")) throw new AppError("subscriptions.exists");
      throw error;
    });
  await recordAudit(tx, actor, {
    action: "subscription.requested",
    entityType: "subscription",
    entityId: created!.id,
    changes: {
      module: module.slug,
      planId: plan.id,
      plan: plan.name,
      method: "purchase_order",
      purchaseOrderNumber: input.purchaseOrderNumber,
      billingRut: input.billing.rut,
    },
  });
  return ownSubscription(tx, actor.communeId, created!.id);
}

/** Withdraws a request the platform has not activated yet (pending → canceled). */
export async function withdrawSubscription(tx: Tx, actor: Actor, id: string) {
  const [before] = await tx
    .select({ status: subscriptions.status })
    .from(subscriptions)
    .where(and(eq(subscriptions.communeId, actor.communeId), eq(subscriptions.id, id)))
    .for("update");
  if (!before) throw new AppError("subscriptions.not_found");
  if (before.status !== "pending") throw new AppError("subscriptions.invalid_state");
  await tx
    .update(subscriptions)
    .set({ status: "canceled", canceledAt: new Date(), updatedAt: new Date() })
    .where(and(eq(subscriptions.communeId, actor.communeId), eq(subscriptions.id, id)));
  await recordAudit(tx, actor, {
    action: "subscription.withdrawn",
    entityType: "subscription",
    entityId: id,
    changes: { status: { from: "pending", to: "canceled" } },
  });
  return ownSubscription(tx, actor.communeId, id);
}

/**
 * Gives the next period's purchase order for an active purchase-order subscription (before or
 * after the current period ends); a platform admin activates it once the order is confirmed.
 * Giving another number replaces a renewal not yet activated.
 */
export async function requestRenewal(tx: Tx, actor: Actor, input: RequestRenewalInput) {
  const [before] = await tx
    .select({
      method: subscriptions.method,
      status: subscriptions.status,
      purchaseOrderNumber: subscriptions.purchaseOrderNumber,
      renewalPurchaseOrderNumber: subscriptions.renewalPurchaseOrderNumber,
    })
    .from(subscriptions)
    .where(and(eq(subscriptions.communeId, actor.communeId), eq(subscriptions.id, input.subscriptionId)))
    .for("update");
  if (!before) throw new AppError("subscriptions.not_found");
  if (before.method !== "purchase_order" || before.status !== "active") {
    throw new AppError("subscriptions.invalid_state");
  }
  if (before.purchaseOrderNumber === input.purchaseOrderNumber)
    throw new AppError("subscriptions.same_order");
  await tx
    .update(subscriptions)
    .set({
      renewalPurchaseOrderNumber: input.purchaseOrderNumber,
      renewalRequestedAt: new Date(),
      renewalRequestedBy: actor.userId,
      updatedAt: new Date(),
    })
    .where(and(eq(subscriptions.communeId, actor.communeId), eq(subscriptions.id, input.subscriptionId)));
  await recordAudit(tx, actor, {
    action: "subscription.renewal_requested",
    entityType: "subscription",
    entityId: input.subscriptionId,
    changes: {
      renewalPurchaseOrderNumber: { from: before.renewalPurchaseOrderNumber, to: input.purchaseOrderNumber },
    },
  });
  return ownSubscription(tx, actor.communeId, input.subscriptionId);
}

/** Units used per calendar month (Chile), the last `months` months, oldest first: the chart. */
export async function subscriptionUsage(
  tx: Tx,
  communeId: string,
  input: { subscriptionId: string; months: number },
  now = new Date(),
) {
  const [subscription] = await tx
    .select({ includedUnits: modulePlans.includedUnits, usageUnit: modules.usageUnit })
    .from(subscriptions)
    .innerJoin(modulePlans, eq(modulePlans.id, subscriptions.planId))
    .innerJoin(modules, eq(modules.id, subscriptions.moduleId))
    .where(and(eq(subscriptions.communeId, communeId), eq(subscriptions.id, input.subscriptionId)));
  if (!subscription) throw new AppError("subscriptions.not_found");
  const months = monthsUpTo(usageMonth(now), input.months);
  const rows = await tx
    .select({
      month: usageRecords.month,
      units: sql<number>`coalesce(sum(${usageRecords.units}), 0)`.mapWith(Number),
    })
    .from(usageRecords)
    .where(
      and(
        eq(usageRecords.communeId, communeId),
        eq(usageRecords.subscriptionId, input.subscriptionId),
        inArray(usageRecords.month, months),
      ),
    )
    .groupBy(usageRecords.month);
  return {
    subscriptionId: input.subscriptionId,
    usageUnit: subscription.usageUnit,
    includedUnits: subscription.includedUnits,
    months: months.map((month) => {
      const units = rows.find((r) => r.month === month)?.units ?? 0;
      return { month, units, overUnits: unitsOverQuota(units, subscription.includedUnits) };
    }),
  };
}

/** The active commune's invoices (Stripe's and the purchase-order records), newest period first. */
export async function listOwnInvoices(tx: Tx, communeId: string, subscriptionId?: string) {
  const rows = await tx
    .select({
      id: moduleInvoices.id,
      subscriptionId: moduleInvoices.subscriptionId,
      moduleId: modules.id,
      moduleSlug: modules.slug,
      moduleName: modules.name,
      source: moduleInvoices.source,
      periodStart: moduleInvoices.periodStart,
      periodEnd: moduleInvoices.periodEnd,
      netClp: moduleInvoices.netClp,
      ivaClp: moduleInvoices.ivaClp,
      totalClp: moduleInvoices.totalClp,
      overageUnits: moduleInvoices.overageUnits,
      status: moduleInvoices.status,
      hostedInvoiceUrl: moduleInvoices.hostedInvoiceUrl,
      purchaseOrderNumber: moduleInvoices.purchaseOrderNumber,
      createdAt: moduleInvoices.createdAt,
    })
    .from(moduleInvoices)
    .innerJoin(
      subscriptions,
      and(
        eq(subscriptions.communeId, moduleInvoices.communeId),
        eq(subscriptions.id, moduleInvoices.subscriptionId),
      ),
    )
    .innerJoin(modules, eq(modules.id, subscriptions.moduleId))
    .where(
      and(
        eq(moduleInvoices.communeId, communeId),
        subscriptionId ? eq(moduleInvoices.subscriptionId, subscriptionId) : undefined,
      ),
    )
    .orderBy(desc(moduleInvoices.periodStart), desc(moduleInvoices.createdAt), asc(moduleInvoices.id));
  return rows.map(({ moduleId, moduleSlug, moduleName, ...r }) => ({
    ...r,
    module: { id: moduleId, slug: moduleSlug, name: moduleName },
    periodStart: iso(r.periodStart),
    periodEnd: iso(r.periodEnd),
    createdAt: iso(r.createdAt),
  }));
}
