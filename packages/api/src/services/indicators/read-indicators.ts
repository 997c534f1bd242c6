import type { Tx } from "@ciar/db/client";
import { coalitionMembers, coalitions, indicators, indicatorValues, useCases } from "@ciar/db/schema";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { findMemberIndicator, indicatorColumns, valueColumns } from "./indicator-rows";

/** The coalitions the commune belongs to and their indicators (by coalition name, then code). */
export async function indicatorCatalog(tx: Tx, communeId: string) {
  const memberOf = await tx
    .select({ id: coalitions.id, slug: coalitions.slug, name: coalitions.name })
    .from(coalitionMembers)
    .innerJoin(coalitions, eq(coalitions.id, coalitionMembers.coalitionId))
    .where(eq(coalitionMembers.communeId, communeId))
    .orderBy(asc(coalitions.name), asc(coalitions.id));
  if (memberOf.length === 0) return { coalitions: memberOf, indicators: [] };
  const rows = await tx
    .select(indicatorColumns)
    .from(indicators)
    .innerJoin(coalitions, eq(coalitions.id, indicators.coalitionId))
    .where(
      inArray(
        indicators.coalitionId,
        memberOf.map((c) => c.id),
      ),
    )
    .orderBy(asc(coalitions.name), asc(coalitions.id), asc(indicators.code));
  return { coalitions: memberOf, indicators: rows };
}

interface LinkedKpi {
  useCaseId: string;
  useCaseTitle: string;
  kpiId: string;
  kpiName: string;
  unit: string;
  indicatorCode: string;
  current: number | null;
  measuredOn: string | null;
}

/**
 * The active commune's own values, newest quarter first, and the roll-up: the KPIs of its own use
 * cases that name an indicator code. With `indicatorId`, both are narrowed to that indicator
 * (which must be one of the commune's coalitions).
 */
export async function indicatorValuesOf(
  tx: Tx,
  communeId: string,
  input: { indicatorId?: string | undefined },
) {
  const indicator = input.indicatorId ? await findMemberIndicator(tx, communeId, input.indicatorId) : null;
  const values = await tx
    .select(valueColumns)
    .from(indicatorValues)
    .where(
      and(
        eq(indicatorValues.communeId, communeId),
        indicator ? eq(indicatorValues.indicatorId, indicator.id) : undefined,
      ),
    )
    .orderBy(desc(indicatorValues.period), asc(indicatorValues.indicatorId));

  const own = await tx
    .select({ id: useCases.id, title: useCases.title, kpis: useCases.kpis })
    .from(useCases)
    .where(eq(useCases.communeId, communeId))
    .orderBy(asc(useCases.title), asc(useCases.id));
  const linkedKpis: LinkedKpi[] = own.flatMap((useCase) =>
    (useCase.kpis ?? []).flatMap((kpi) =>
      kpi.indicatorCode && (!indicator || kpi.indicatorCode === indicator.code)
        ? [
            {
              useCaseId: useCase.id,
              useCaseTitle: useCase.title,
              kpiId: kpi.id,
              kpiName: kpi.name,
              unit: kpi.unit,
              indicatorCode: kpi.indicatorCode,
              current: kpi.current ?? null,
              measuredOn: kpi.measuredOn ?? null,
            },
          ]
        : [],
    ),
  );
  return { values, linkedKpis };
}

/** A coalition's indicator catalog, for its coordinators (by code). */
export function coalitionIndicators(tx: Tx, coalitionId: string) {
  return tx
    .select(indicatorColumns)
    .from(indicators)
    .where(eq(indicators.coalitionId, coalitionId))
    .orderBy(asc(indicators.code));
}
