import type { Tx } from "@ciar/db/client";
import { communes, moduleInvoices, modulePlans, modules, subscriptions, users } from "@ciar/db/schema";
import { rowsOf } from "@ciar/db/rows";
import { usageMonth } from "@ciar/domain/billing/entitlement";
import { overageCharge, withIva } from "@ciar/domain/billing/pricing";
import { AppError } from "@ciar/domain/errors";
import { and, asc, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { recordAudit } from "../audit/record-audit";
import { decodeCursor, encodeCursor } from "../pagination/keyset-cursor";
import { iso, isUniqueViolation, planColumns } from "../modules/views";
import { inSavepoint } from "../savepoint";
import { unitsBySubscription, usageAgainstQuota } from "./month-usage";
import type { PlatformActor } from "../actor";

/**
 * Platform administration of purchase orders: the queue of pending requests, activation (with
 * the first period's invoice), ending a subscription that is not renewed, and the monthly close
 * that bills usage over the included quota. The platform transaction carries app.user_id only;
 * the policies let a platform admin read and write every commune's subscriptions and invoices,
 * and each change is recorded in the subscriber's audit log.
 */

const provider = alias(communes, "provider");

/** Every purchase order waiting for the platform, oldest first, with what the invoice needs. */
export async function pendingPurchaseOrders(tx: Tx) {
  const rows = await tx
    .select({
      id: subscriptions.id,
      communeId: communes.id,
      communeCode: communes.code,
      communeName: communes.name,
      moduleId: modules.id,
      moduleSlug: modules.slug,
      moduleName: modules.name,
      providerId: provider.id,
      providerCode: provider.code,
      providerName: provider.name,
      plan: planColumns,
      purchaseOrderNumber: subscriptions.purchaseOrderNumber,
      billing: subscriptions.billing,
      requestedAt: subscriptions.createdAt,
      requestedByName: users.name,
      requestedByEmail: users.email,
    })
    .from(subscriptions)
    .innerJoin(communes, eq(communes.id, subscriptions.communeId))
    .innerJoin(modules, eq(modules.id, subscriptions.moduleId))
    .innerJoin(provider, eq(provider.id, subscriptions.providerCommuneId))
    .innerJoin(modulePlans, eq(modulePlans.id, subscriptions.planId))
    .leftJoin(users, eq(users.id, subscriptions.createdBy))
    .where(and(eq(subscriptions.method, "purchase_order"), eq(subscriptions.status, "pending")))
    .orderBy(asc(subscriptions.createdAt), asc(subscriptions.id));
  return rows.map((r) => ({
    id: r.id,
    commune: { id: r.communeId, code: r.communeCode, name: r.communeName },
    module: {
      id: r.moduleId,
      slug: r.moduleSlug,
      name: r.moduleName,
      provider: { id: r.providerId, code: r.providerCode, name: r.providerName },
    },
    plan: r.plan,
    purchaseOrderNumber: r.purchaseOrderNumber,
    billing: r.billing,
    requestedAt: iso(r.requestedAt),
    requestedBy:
      r.requestedByEmail === null ? null : { name: r.requestedByName ?? "", email: r.requestedByEmail },
  }));
}

/**
 * Active purchase-order subscriptions, a page at a time by commune name (keyset cursor: there may
 * be hundreds of communes), with their current period and this month's usage (Chile) against the
 * plan's included units: what the platform ends when an order is not renewed, and what the monthly
 * close will bill.
 */
export async function activePurchaseOrders(
  tx: Tx,
  input: { cursor?: string | undefined; limit: number },
  now = new Date(),
) {
  const after = decodeCursor(input.cursor, "text");
  const scope = and(eq(subscriptions.method, "purchase_order"), eq(subscriptions.status, "active"));
  const rows = await tx
    .select({
      id: subscriptions.id,
      communeId: communes.id,
      communeCode: communes.code,
      communeName: communes.name,
      moduleId: modules.id,
      moduleSlug: modules.slug,
      moduleName: modules.name,
      providerId: provider.id,
      providerCode: provider.code,
      providerName: provider.name,
      plan: planColumns,
      purchaseOrderNumber: subscriptions.purchaseOrderNumber,
      renewalPurchaseOrderNumber: subscriptions.renewalPurchaseOrderNumber,
      renewalRequestedAt: subscriptions.renewalRequestedAt,
      currentPeriodStart: subscriptions.currentPeriodStart,
      currentPeriodEnd: subscriptions.currentPeriodEnd,
      activatedAt: subscriptions.activatedAt,
    })
    .from(subscriptions)
    .innerJoin(communes, eq(communes.id, subscriptions.communeId))
    .innerJoin(modules, eq(modules.id, subscriptions.moduleId))
    .innerJoin(provider, eq(provider.id, subscriptions.providerCommuneId))
    .innerJoin(modulePlans, eq(modulePlans.id, subscriptions.planId))
    .where(
      and(
        scope,
        after ? sql`(${communes.name}, ${subscriptions.id}) > (${after[0]}, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(communes.name), asc(subscriptions.id))
    .limit(input.limit + 1);
  const [total] = await tx.select({ n: count() }).from(subscriptions).where(scope);
  const page = rows.slice(0, input.limit);
  const month = usageMonth(now);
  const usage = await unitsBySubscription(tx, page, month);
  const last = page.at(-1);
  return {
    items: page.map((r) => {
      return {
        id: r.id,
        commune: { id: r.communeId, code: r.communeCode, name: r.communeName },
        module: {
          id: r.moduleId,
          slug: r.moduleSlug,
          name: r.moduleName,
          provider: { id: r.providerId, code: r.providerCode, name: r.providerName },
        },
        plan: r.plan,
        purchaseOrderNumber: r.purchaseOrderNumber,
        /** The next period's order the subscriber gave, waiting for `activateRenewal`. */
        renewal: r.renewalPurchaseOrderNumber
          ? { purchaseOrderNumber: r.renewalPurchaseOrderNumber, requestedAt: iso(r.renewalRequestedAt) }
          : null,
        currentPeriodStart: iso(r.currentPeriodStart),
        currentPeriodEnd: iso(r.currentPeriodEnd),
        activatedAt: iso(r.activatedAt),
        usageThisMonth: usageAgainstQuota(month, usage.get(r.id) ?? 0, r.plan.includedUnits),
      };
    }),
    total: total?.n ?? 0,
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.communeName, last.id) : null,
  };
}

const invoiceColumns = {
  id: moduleInvoices.id,
  subscriptionId: moduleInvoices.subscriptionId,
  source: moduleInvoices.source,
  periodStart: moduleInvoices.periodStart,
  periodEnd: moduleInvoices.periodEnd,
  netClp: moduleInvoices.netClp,
  ivaClp: moduleInvoices.ivaClp,
  totalClp: moduleInvoices.totalClp,
  overageUnits: moduleInvoices.overageUnits,
  status: moduleInvoices.status,
  purchaseOrderNumber: moduleInvoices.purchaseOrderNumber,
};

function invoiceView(row: {
  id: string;
  subscriptionId: string;
  source: "stripe" | "purchase_order";
  periodStart: Date;
  periodEnd: Date;
  netClp: number;
  ivaClp: number;
  totalClp: number;
  overageUnits: number;
  status: "open" | "paid" | "void" | "uncollectible";
  purchaseOrderNumber: string | null;
}) {
  return { ...row, periodStart: iso(row.periodStart), periodEnd: iso(row.periodEnd) };
}

async function lockSubscription(tx: Tx, id: string) {
  const [row] = await tx
    .select({
      id: subscriptions.id,
      communeId: subscriptions.communeId,
      providerCommuneId: subscriptions.providerCommuneId,
      method: subscriptions.method,
      status: subscriptions.status,
      purchaseOrderNumber: subscriptions.purchaseOrderNumber,
      renewalPurchaseOrderNumber: subscriptions.renewalPurchaseOrderNumber,
      currentPeriodEnd: subscriptions.currentPeriodEnd,
      planId: subscriptions.planId,
    })
    .from(subscriptions)
    .where(eq(subscriptions.id, id))
    .for("update");
  if (!row) throw new AppError("subscriptions.not_found");
  return row;
}

type LockedSubscription = Awaited<ReturnType<typeof lockSubscription>>;

/**
 * Starts a paid period of a purchase order, in the caller's transaction: the subscription is
 * active from `start` for one plan interval (a calendar month or year, added by PostgreSQL),
 * under `purchaseOrderNumber`, and the period's invoice record is written: the plan's price net,
 * IVA 19 % and total.
 */
async function startPaidPeriod(
  tx: Tx,
  actor: PlatformActor,
  subscription: LockedSubscription,
  start: SQL,
  purchaseOrderNumber: string | null,
) {
  const [plan] = await tx
    .select({ interval: modulePlans.interval, priceClp: modulePlans.priceClp, name: modulePlans.name })
    .from(modulePlans)
    .where(eq(modulePlans.id, subscription.planId));
  if (!plan) throw new AppError("plans.not_found");
  const length = plan.interval === "year" ? sql`interval '1 year'` : sql`interval '1 month'`;
  const [active] = await tx
    .update(subscriptions)
    .set({
      status: "active",
      currentPeriodStart: start,
      currentPeriodEnd: sql`${start} + ${length}`,
      purchaseOrderNumber,
      renewalPurchaseOrderNumber: null,
      renewalRequestedAt: null,
      renewalRequestedBy: null,
      activatedAt: sql`coalesce(${subscriptions.activatedAt}, now())`,
      activatedBy: sql`coalesce(${subscriptions.activatedBy}, ${actor.userId}::uuid)`,
      cancelAtPeriodEnd: false,
      updatedAt: sql`now()`,
    })
    .where(and(eq(subscriptions.communeId, subscription.communeId), eq(subscriptions.id, subscription.id)))
    .returning({
      id: subscriptions.id,
      status: subscriptions.status,
      purchaseOrderNumber: subscriptions.purchaseOrderNumber,
      currentPeriodStart: subscriptions.currentPeriodStart,
      currentPeriodEnd: subscriptions.currentPeriodEnd,
      activatedAt: subscriptions.activatedAt,
    });
  const amounts = withIva(plan.priceClp);
  const [invoice] = await tx
    .insert(moduleInvoices)
    .values({
      communeId: subscription.communeId,
      subscriptionId: subscription.id,
      providerCommuneId: subscription.providerCommuneId,
      source: "purchase_order",
      periodStart: active!.currentPeriodStart!,
      periodEnd: active!.currentPeriodEnd!,
      netClp: amounts.net,
      ivaClp: amounts.iva,
      totalClp: amounts.gross,
      overageUnits: 0,
      purchaseOrderNumber,
    })
    .returning(invoiceColumns);
  return {
    plan,
    totalClp: amounts.gross,
    subscription: {
      id: active!.id,
      status: active!.status,
      purchaseOrderNumber: active!.purchaseOrderNumber,
      currentPeriodStart: iso(active!.currentPeriodStart),
      currentPeriodEnd: iso(active!.currentPeriodEnd),
      activatedAt: iso(active!.activatedAt),
    },
    invoice: invoiceView(invoice!),
  };
}

/** The purchase order was accepted: active from now, with the first period's invoice record. */
export async function activatePurchaseOrder(tx: Tx, actor: PlatformActor, subscriptionId: string) {
  const subscription = await lockSubscription(tx, subscriptionId);
  if (subscription.method !== "purchase_order" || subscription.status !== "pending") {
    throw new AppError("subscriptions.invalid_state");
  }
  const period = await startPaidPeriod(tx, actor, subscription, sql`now()`, subscription.purchaseOrderNumber);
  await recordAudit(
    tx,
    { ...actor, communeId: subscription.communeId },
    {
      action: "subscription.activated",
      entityType: "subscription",
      entityId: subscriptionId,
      changes: {
        status: { from: "pending", to: "active" },
        purchaseOrderNumber: subscription.purchaseOrderNumber,
        plan: period.plan.name,
        currentPeriodEnd: period.subscription.currentPeriodEnd,
        invoiceId: period.invoice.id,
        totalClp: period.totalClp,
      },
    },
  );
  return { subscription: period.subscription, invoice: period.invoice };
}

/**
 * The renewal order the subscriber gave was confirmed: the next period follows the current one
 * without a gap (or starts now if the order had lapsed), the renewal becomes the order in force,
 * and the period's invoice record is written.
 */
export async function activateRenewal(tx: Tx, actor: PlatformActor, subscriptionId: string) {
  const subscription = await lockSubscription(tx, subscriptionId);
  if (
    subscription.method !== "purchase_order" ||
    subscription.status !== "active" ||
    !subscription.renewalPurchaseOrderNumber
  ) {
    throw new AppError("subscriptions.invalid_state");
  }
  // greatest() ignores a missing end: the period then starts now.
  const start = sql`greatest(${subscriptions.currentPeriodEnd}, now())`;
  const period = await startPaidPeriod(
    tx,
    actor,
    subscription,
    start,
    subscription.renewalPurchaseOrderNumber,
  );
  await recordAudit(
    tx,
    { ...actor, communeId: subscription.communeId },
    {
      action: "subscription.renewed",
      entityType: "subscription",
      entityId: subscriptionId,
      changes: {
        purchaseOrderNumber: {
          from: subscription.purchaseOrderNumber,
          to: subscription.renewalPurchaseOrderNumber,
        },
        currentPeriodEnd: {
          from: iso(subscription.currentPeriodEnd),
          to: period.subscription.currentPeriodEnd,
        },
        invoiceId: period.invoice.id,
        totalClp: period.totalClp,
      },
    },
  );
  return { subscription: period.subscription, invoice: period.invoice };
}

/** Ends a purchase-order subscription (the order was not renewed, or was withdrawn): canceled now. */
export async function endPurchaseOrder(tx: Tx, actor: PlatformActor, subscriptionId: string) {
  const subscription = await lockSubscription(tx, subscriptionId);
  if (subscription.method !== "purchase_order" || subscription.status === "canceled") {
    throw new AppError("subscriptions.invalid_state");
  }
  const [ended] = await tx
    .update(subscriptions)
    .set({ status: "canceled", canceledAt: sql`now()`, cancelAtPeriodEnd: false, updatedAt: sql`now()` })
    .where(and(eq(subscriptions.communeId, subscription.communeId), eq(subscriptions.id, subscriptionId)))
    .returning({ id: subscriptions.id, status: subscriptions.status, canceledAt: subscriptions.canceledAt });
  await recordAudit(
    tx,
    { ...actor, communeId: subscription.communeId },
    {
      action: "subscription.ended",
      entityType: "subscription",
      entityId: subscriptionId,
      changes: { status: { from: subscription.status, to: "canceled" } },
    },
  );
  return { id: ended!.id, status: ended!.status, canceledAt: iso(ended!.canceledAt) };
}

/**
 * Closes a past calendar month (Chile) for purchase orders: every active purchase-order
 * subscription that used more units that month than its plan includes gets an invoice record
 * for the excess at the plan's overage price, plus IVA. Idempotent: a unique index holds one
 * overage invoice per subscription and month, so a second run creates nothing.
 */
export async function closeMonth(tx: Tx, actor: PlatformActor, month: string, now = new Date()) {
  if (month >= usageMonth(now)) throw new AppError("billing.month_not_closed");
  const first = `${month}-01`;
  const [bounds] = rowsOf<{ start: Date | string; end: Date | string }>(
    await tx.execute(
      sql`select (${first}::date::timestamp at time zone 'America/Santiago') as "start",
                 ((${first}::date + interval '1 month')::timestamp at time zone 'America/Santiago') as "end"`,
    ),
  );
  const periodStart = new Date(bounds!.start);
  const periodEnd = new Date(bounds!.end);

  const active = await tx
    .select({
      id: subscriptions.id,
      communeId: subscriptions.communeId,
      communeCode: communes.code,
      communeName: communes.name,
      providerCommuneId: subscriptions.providerCommuneId,
      moduleId: modules.id,
      moduleSlug: modules.slug,
      moduleName: modules.name,
      purchaseOrderNumber: subscriptions.purchaseOrderNumber,
      includedUnits: modulePlans.includedUnits,
      overageUnitPriceClp: modulePlans.overageUnitPriceClp,
    })
    .from(subscriptions)
    .innerJoin(communes, eq(communes.id, subscriptions.communeId))
    .innerJoin(modules, eq(modules.id, subscriptions.moduleId))
    .innerJoin(modulePlans, eq(modulePlans.id, subscriptions.planId))
    .where(and(eq(subscriptions.method, "purchase_order"), eq(subscriptions.status, "active")))
    .orderBy(asc(communes.name), asc(subscriptions.id));
  const usage = await unitsBySubscription(tx, active, month);

  const invoiced = new Set(
    active.length === 0
      ? []
      : (
          await tx
            .select({ subscriptionId: moduleInvoices.subscriptionId })
            .from(moduleInvoices)
            .where(
              and(
                eq(moduleInvoices.source, "purchase_order"),
                eq(moduleInvoices.periodStart, periodStart),
                sql`${moduleInvoices.overageUnits} > 0`,
                inArray(
                  moduleInvoices.subscriptionId,
                  active.map((s) => s.id),
                ),
              ),
            )
        ).map((r) => r.subscriptionId),
  );

  const invoices = [];
  let alreadyInvoiced = 0;
  let withinQuota = 0;
  for (const s of active) {
    const usedUnits = usage.get(s.id) ?? 0;
    const charge = overageCharge({
      includedUnits: s.includedUnits,
      usedUnits,
      overageUnitPriceClp: s.overageUnitPriceClp,
    });
    if (charge.overUnits === 0 || charge.amountClp === 0) {
      withinQuota++;
      continue;
    }
    if (invoiced.has(s.id)) {
      alreadyInvoiced++;
      continue;
    }
    const amounts = withIva(charge.amountClp);
    // In a savepoint: a concurrent close that got there first (the unique
    // index refuses the second invoice) must not abort this one.
    const invoice = await inSavepoint(tx, async (savepoint) => {
      const [row] = await savepoint
        .insert(moduleInvoices)
        .values({
          communeId: s.communeId,
          subscriptionId: s.id,
          providerCommuneId: s.providerCommuneId,
          source: "purchase_order",
          periodStart,
          periodEnd,
          netClp: amounts.net,
          ivaClp: amounts.iva,
          totalClp: amounts.gross,
          overageUnits: charge.overUnits,
          purchaseOrderNumber: s.purchaseOrderNumber,
        })
        .returning(invoiceColumns);
      return row ?? null;
    }).catch((error: unknown) => {
      if (isUniqueViolation(error, "module_invoices_purchase_order_period_key")) return null;
      throw error;
    });
    if (!invoice) {
      alreadyInvoiced++;
      continue;
    }
    await recordAudit(
      tx,
      { ...actor, communeId: s.communeId },
      {
        action: "subscription.overage_invoiced",
        entityType: "subscription",
        entityId: s.id,
        changes: {
          month,
          usedUnits,
          overageUnits: charge.overUnits,
          invoiceId: invoice.id,
          totalClp: amounts.gross,
        },
      },
    );
    invoices.push({
      ...invoiceView(invoice),
      commune: { id: s.communeId, code: s.communeCode, name: s.communeName },
      module: { id: s.moduleId, slug: s.moduleSlug, name: s.moduleName },
      usedUnits,
      includedUnits: s.includedUnits,
    });
  }
  return { month, invoices, alreadyInvoiced, withinQuota };
}
