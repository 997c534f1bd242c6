import type { BillingProvider } from "@ciar/billing/port";
import { rowsOf } from "@ciar/db/rows";
import { subscriptions, usageRecords } from "@ciar/db/schema";
import { and, count, eq, isNotNull, isNull, max, sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import type { JobsDoor } from "../ports";

/**
 * Over-quota usage of subscriptions paid with Stripe, reported to the module's Stripe meter.
 * (Purchase-order subscriptions are billed for it on their monthly invoice instead:
 * `closeMonth` in services/subscriptions/platform.ts.)
 *
 * A report runs in three steps so that a crash or a Stripe failure at any point neither loses
 * usage nor counts it twice:
 *   1. claim: in one transaction, the subscription's unclaimed over-quota rows of each month get
 *      a new report id (`usage_records.stripe_report_id`);
 *   2. report: the report's rows are sent as one meter event whose identifier is the report id,
 *      so Stripe drops a repeated delivery of the same report;
 *   3. mark: the rows get `reported_to_stripe_at`.
 * A retry starts again at 1, which finds the reports claimed but not marked and sends them again
 * with the same identifier and quantity.
 */

export interface OverageTarget {
  communeId: string;
  subscriptionId: string;
}

export interface OverageReportOutcome {
  /** Meter events sent (one per claimed report). */
  reports: number;
  /** Units they carried. */
  units: number;
}

/**
 * Which subscriptions have over-quota usage still to report. Nobody's request: the answer comes
 * from the definer function pending_stripe_overage() (migration 0014), ids only.
 */
export async function pendingStripeOverage(door: JobsDoor): Promise<OverageTarget[]> {
  const result = await door.acrossCommunes((tx) =>
    tx.execute(sql`select commune_id, subscription_id from pending_stripe_overage()`),
  );
  return rowsOf<{ commune_id: string; subscription_id: string }>(result).map((r) => ({
    communeId: r.commune_id,
    subscriptionId: r.subscription_id,
  }));
}

interface ClaimedReport {
  reportId: string;
  units: number;
  /** The latest call of the report: the meter event's time, so Stripe bills it in its period. */
  lastUsageAt: Date;
}

interface Claim {
  stripeSubscriptionId: string | null;
  reports: ClaimedReport[];
}

/** Step 1, as the subscriber commune: claims new over-quota rows, returns every unmarked report. */
async function claim(door: JobsDoor, target: OverageTarget): Promise<Claim> {
  return door.asCommune(target.communeId, async (tx) => {
    const [subscription] = await tx
      .select({ stripeSubscriptionId: subscriptions.stripeSubscriptionId, method: subscriptions.method })
      .from(subscriptions)
      .where(and(eq(subscriptions.communeId, target.communeId), eq(subscriptions.id, target.subscriptionId)));
    if (!subscription || subscription.method === "purchase_order") {
      return { stripeSubscriptionId: null, reports: [] };
    }
    const pending = and(
      eq(usageRecords.communeId, target.communeId),
      eq(usageRecords.subscriptionId, target.subscriptionId),
      eq(usageRecords.overQuota, true),
      isNull(usageRecords.reportedToStripeAt),
    );
    const months = await tx
      .selectDistinct({ month: usageRecords.month })
      .from(usageRecords)
      .where(and(pending, isNull(usageRecords.stripeReportId)));
    // One report per month, so each meter event falls in the billing period of its usage.
    for (const { month } of months) {
      await tx
        .update(usageRecords)
        .set({ stripeReportId: uuidv7() })
        .where(and(pending, isNull(usageRecords.stripeReportId), eq(usageRecords.month, month)));
    }
    const reports = await tx
      .select({
        reportId: usageRecords.stripeReportId,
        units: sql<number>`sum(${usageRecords.units})::int`,
        lastUsageAt: max(usageRecords.createdAt),
        rows: count(),
      })
      .from(usageRecords)
      .where(and(pending, isNotNull(usageRecords.stripeReportId)))
      .groupBy(usageRecords.stripeReportId)
      .orderBy(usageRecords.stripeReportId);
    return {
      stripeSubscriptionId: subscription.stripeSubscriptionId,
      reports: reports.map((r) => ({
        reportId: r.reportId!,
        units: Number(r.units),
        lastUsageAt: r.lastUsageAt ?? new Date(),
      })),
    };
  });
}

/** Step 3: the report is on Stripe's meter. */
function mark(door: JobsDoor, target: OverageTarget, reportId: string): Promise<void> {
  return door.asCommune(target.communeId, async (tx) => {
    await tx
      .update(usageRecords)
      .set({ reportedToStripeAt: new Date() })
      .where(
        and(
          eq(usageRecords.communeId, target.communeId),
          eq(usageRecords.stripeReportId, reportId),
          isNull(usageRecords.reportedToStripeAt),
        ),
      );
  });
}

/**
 * Reports one subscription's pending overage to Stripe. Throws at the first report Stripe
 * refuses (the job queue retries with backoff); reports sent before it stay marked.
 */
export async function reportStripeOverage(
  deps: { door: JobsDoor; billing: BillingProvider },
  target: OverageTarget,
): Promise<OverageReportOutcome> {
  const { stripeSubscriptionId, reports } = await claim(deps.door, target);
  const outcome: OverageReportOutcome = { reports: 0, units: 0 };
  if (!stripeSubscriptionId) return outcome;
  for (const report of reports) {
    await deps.billing.reportOverage({
      stripeSubscriptionId,
      quantity: report.units,
      timestamp: report.lastUsageAt,
      idempotencyKey: report.reportId,
    });
    await mark(deps.door, target, report.reportId);
    outcome.reports += 1;
    outcome.units += report.units;
  }
  return outcome;
}
