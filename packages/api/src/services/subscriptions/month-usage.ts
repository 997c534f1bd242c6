import type { Tx } from "@ciar/db/client";
import { usageRecords } from "@ciar/db/schema";
import { unitsOverQuota } from "@ciar/domain/billing/pricing";
import { and, eq, inArray, sql } from "drizzle-orm";

/**
 * Units each subscription used in a calendar month (Chile), in one query for a page of them: what
 * the subscriber's list, the platform's list and the monthly close count. The communes narrow the
 * scan to usage_records_month_idx (commune, module, month). Missing subscriptions used nothing.
 */
export async function unitsBySubscription(
  tx: Tx,
  subscriptionsOf: { id: string; communeId: string }[],
  month: string,
): Promise<Map<string, number>> {
  if (subscriptionsOf.length === 0) return new Map();
  const rows = await tx
    .select({
      subscriptionId: usageRecords.subscriptionId,
      units: sql<number>`coalesce(sum(${usageRecords.units}), 0)`.mapWith(Number),
    })
    .from(usageRecords)
    .where(
      and(
        inArray(usageRecords.communeId, [...new Set(subscriptionsOf.map((s) => s.communeId))]),
        eq(usageRecords.month, month),
        inArray(
          usageRecords.subscriptionId,
          subscriptionsOf.map((s) => s.id),
        ),
      ),
    )
    .groupBy(usageRecords.subscriptionId);
  return new Map(rows.map((r) => [r.subscriptionId, r.units]));
}

/** A month's use against the plan's quota, as the dashboards show it. */
export function usageAgainstQuota(month: string, units: number, includedUnits: number) {
  return { month, units, includedUnits, overUnits: unitsOverQuota(units, includedUnits) };
}
