import type { Tx } from "@ciar/db/client";
import { gatewayQuotaHolds, usageMonthTotals } from "@ciar/db/schema";
import { rowsOf } from "@ciar/db/rows";
import { and, eq, sql } from "drizzle-orm";

/**
 * A `block` plan's units are held before the call is forwarded, so that the quota holds whatever
 * the concurrency and on every replica: the deciding transactions of one commune and module take
 * turns on a transaction-level advisory lock, and each counts the month's recorded units plus the
 * units held by calls still in flight. A hold ends with its call: replaced by a usage record on
 * 2xx (same transaction), deleted otherwise; a hold whose replica died expires on its own.
 */

export type HoldResult = { held: true; holdId: string; used: number } | { held: false; used: number };

export async function holdBlockUnit(
  tx: Tx,
  scope: { communeId: string; moduleId: string; month: string; includedUnits: number; holdSeconds: number },
): Promise<HoldResult> {
  const { communeId, moduleId, month } = scope;
  // Transaction-level: released at commit, so it also works through PgBouncer in transaction mode.
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`gateway-quota:${communeId}:${moduleId}:${month}`}, 0))`,
  );
  const t = usageMonthTotals;
  const h = gatewayQuotaHolds;
  // A fresh statement after the lock: it sees every hold and usage committed before it.
  const [row] = rowsOf<{ used: number; hold_id: string | null }>(
    await tx.execute(sql`
      with used as (
        select coalesce((select ${t.units} from ${t} where ${t.communeId} = ${communeId}
                  and ${t.moduleId} = ${moduleId} and ${t.month} = ${month}), 0)
             + (select count(*) from ${h} where ${h.communeId} = ${communeId} and ${h.moduleId} = ${moduleId}
                  and ${h.month} = ${month} and ${h.expiresAt} > now()) as n
      ), hold as (
        insert into ${h} (commune_id, id, module_id, month, expires_at)
        select ${communeId}, gen_random_uuid(), ${moduleId}, ${month},
               now() + make_interval(secs => ${scope.holdSeconds}::int)
        from used where used.n < ${scope.includedUnits}
        returning id
      )
      select used.n::int as used, (select id from hold) as hold_id from used`),
  );
  const used = Number(row?.used ?? 0);
  return row?.hold_id ? { held: true, holdId: row.hold_id, used } : { held: false, used };
}

export async function releaseHold(tx: Tx, communeId: string, holdId: string): Promise<void> {
  await tx
    .delete(gatewayQuotaHolds)
    .where(and(eq(gatewayQuotaHolds.communeId, communeId), eq(gatewayQuotaHolds.id, holdId)));
}
