import type { Tx } from "@ciar/db/client";
import { coalitionMembers, indicators, indicatorValues, useCases } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { summarize } from "@ciar/domain/progress/stats";
import type { GroupSelection } from "@ciar/domain/schemas/comparisons";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { inCoalition, sharedUseCase } from "./counted";
import { groupMembers } from "./group-members";

/** One of the coalition's indicators, or "indicators.not_found" (also for another coalition's). */
export async function coalitionIndicator(tx: Tx, coalitionId: string, indicatorId: string) {
  const [indicator] = await tx
    .select({
      id: indicators.id,
      code: indicators.code,
      nameEs: indicators.nameEs,
      nameEn: indicators.nameEn,
      unit: indicators.unit,
      direction: indicators.direction,
      referenceValue: indicators.referenceValue,
      referenceNote: indicators.referenceNote,
      sourceUrl: indicators.sourceUrl,
    })
    .from(indicators)
    .where(and(eq(indicators.id, indicatorId), eq(indicators.coalitionId, coalitionId)));
  if (!indicator) throw new AppError("indicators.not_found");
  return indicator;
}

/** Every value of one indicator reported by the coalition's members, oldest period first. */
function indicatorValuesOf(tx: Tx, coalitionId: string, indicatorId: string) {
  return tx
    .select({
      communeId: indicatorValues.communeId,
      period: indicatorValues.period,
      value: indicatorValues.value,
    })
    .from(indicatorValues)
    .innerJoin(coalitionMembers, inCoalition(coalitionId, indicatorValues.communeId))
    .where(eq(indicatorValues.indicatorId, indicatorId))
    .orderBy(asc(indicatorValues.period));
}

/** Shared use cases per member with a KPI whose indicatorCode is the indicator's code. */
function linkedUseCaseCounts(tx: Tx, coalitionId: string, indicatorId: string) {
  const code = tx.select({ code: indicators.code }).from(indicators).where(eq(indicators.id, indicatorId));
  return tx
    .select({ communeId: useCases.communeId, n: count() })
    .from(useCases)
    .innerJoin(coalitionMembers, inCoalition(coalitionId, useCases.communeId))
    .where(
      and(
        sharedUseCase,
        sql`${useCases.kpis} @> jsonb_build_array(jsonb_build_object('indicatorCode', (${code})))`,
      ),
    )
    .groupBy(useCases.communeId);
}

const byName = new Intl.Collator("es").compare;

/**
 * One indicator across the group's members, period by period (oldest first): every value and the
 * quartiles (suppressed under 3 communes); and how many shared use cases of the group's members
 * have a KPI that rolls up to it. Called by the benchmark.
 */
export async function indicatorTrend(
  tx: Tx,
  coalitionId: string,
  indicatorId: string,
  selection: GroupSelection = {},
) {
  const [indicator, members, values, linked] = await Promise.all([
    coalitionIndicator(tx, coalitionId, indicatorId),
    groupMembers(tx, coalitionId, selection),
    indicatorValuesOf(tx, coalitionId, indicatorId),
    linkedUseCaseCounts(tx, coalitionId, indicatorId),
  ]);
  const byId = new Map(members.map((m) => [m.id, m]));
  const periods = new Map<string, Array<{ communeId: string; code: string; name: string; value: number }>>();
  for (const v of values) {
    const member = byId.get(v.communeId);
    if (!member) continue;
    const list = periods.get(v.period) ?? [];
    list.push({ communeId: member.id, code: member.code, name: member.name, value: v.value });
    periods.set(v.period, list);
  }
  return {
    indicator,
    periods: [...periods.entries()].map(([period, list]) => ({
      period,
      summary: summarize(list.map((v) => v.value)),
      values: list.sort((a, b) => byName(a.name, b.name)),
    })),
    linkedUseCases: linked.reduce((sum, row) => (byId.has(row.communeId) ? sum + row.n : sum), 0),
  };
}
