import type { Tx } from "@ciar/db/client";
import {
  coalitionMembers,
  indicators,
  indicatorValues,
  roadmapMilestones,
  selfAssessments,
  useCases,
} from "@ciar/db/schema";
import { isOverdue, todayIn } from "@ciar/domain/progress/milestones";
import { MIN_AGGREGATE_SIZE } from "@ciar/domain/progress/stats";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { countedAssessment, inCoalition, sharedUseCase } from "./counted";
import { memberOf } from "./group-members";

/** A quartile of a column over a group, NULL when the group is too small to show one. */
const quartile = (q: number, column: typeof selfAssessments.maturityIndex) =>
  sql<
    number | null
  >`case when count(*) >= ${MIN_AGGREGATE_SIZE} then percentile_cont(${q}::float8) within group (order by ${column}) end`;

/**
 * Quartiles of the coalition's maturity index, for every period with counted data, oldest first.
 * Computed in SQL (percentile_cont, the same arithmetic as @ciar/domain's quantile).
 */
function coalitionIndexStats(tx: Tx, coalitionId: string) {
  return tx
    .select({
      period: selfAssessments.period,
      n: sql<number>`count(*)::int`.mapWith(Number),
      p25: quartile(0.25, selfAssessments.maturityIndex),
      median: quartile(0.5, selfAssessments.maturityIndex),
      p75: quartile(0.75, selfAssessments.maturityIndex),
    })
    .from(selfAssessments)
    .innerJoin(coalitionMembers, inCoalition(coalitionId, selfAssessments.communeId))
    .where(countedAssessment)
    .groupBy(selfAssessments.period)
    .orderBy(asc(selfAssessments.period));
}

/** Published, non-private use cases of a commune, newest first. */
function sharedUseCasesOf(tx: Tx, communeId: string) {
  return tx
    .select({
      id: useCases.id,
      title: useCases.title,
      stage: useCases.stage,
      serviceArea: useCases.serviceArea,
    })
    .from(useCases)
    .where(and(eq(useCases.communeId, communeId), sharedUseCase))
    .orderBy(desc(sql`coalesce(${useCases.publishedAt}, ${useCases.updatedAt})`), asc(useCases.id));
}

/**
 * One member commune as its coalition's coordinator sees it: counted results over time against
 * the coalition's quartiles, its roadmap, its values of the coalition's indicators (every
 * indicator, values [] when it reported none) and its shared use cases. A commune of another
 * coalition is "communes.not_found".
 */
export async function communeProfile(tx: Tx, coalitionId: string, communeId: string) {
  const member = await memberOf(tx, coalitionId, communeId);
  const [history, groupStats, milestones, indicatorRows, shared] = await Promise.all([
    tx
      .select({
        period: selfAssessments.period,
        status: selfAssessments.status,
        maturityIndex: selfAssessments.maturityIndex,
        scores: selfAssessments.scores,
      })
      .from(selfAssessments)
      .where(and(eq(selfAssessments.communeId, communeId), countedAssessment))
      .orderBy(asc(selfAssessments.period)),
    coalitionIndexStats(tx, coalitionId),
    tx
      .select({
        id: roadmapMilestones.id,
        title: roadmapMilestones.title,
        dimensionCode: roadmapMilestones.dimensionCode,
        dueDate: roadmapMilestones.dueDate,
        status: roadmapMilestones.status,
      })
      .from(roadmapMilestones)
      .where(eq(roadmapMilestones.communeId, communeId))
      .orderBy(asc(roadmapMilestones.dueDate), asc(roadmapMilestones.id)),
    tx
      .select({
        indicatorId: indicators.id,
        code: indicators.code,
        nameEs: indicators.nameEs,
        nameEn: indicators.nameEn,
        unit: indicators.unit,
        direction: indicators.direction,
        period: indicatorValues.period,
        value: indicatorValues.value,
      })
      .from(indicators)
      .leftJoin(
        indicatorValues,
        and(eq(indicatorValues.indicatorId, indicators.id), eq(indicatorValues.communeId, communeId)),
      )
      .where(eq(indicators.coalitionId, coalitionId))
      .orderBy(asc(indicators.code), asc(indicatorValues.period)),
    sharedUseCasesOf(tx, communeId),
  ]);

  const today = todayIn();
  const byIndicator = new Map<
    string,
    {
      indicatorId: string;
      code: string;
      nameEs: string;
      nameEn: string;
      unit: string;
      direction: string;
      values: Array<{ period: string; value: number }>;
    }
  >();
  for (const { period, value, ...indicator } of indicatorRows) {
    let entry = byIndicator.get(indicator.indicatorId);
    if (!entry) byIndicator.set(indicator.indicatorId, (entry = { ...indicator, values: [] }));
    if (period !== null && value !== null) entry.values.push({ period, value });
  }

  return {
    commune: {
      id: member.id,
      code: member.code,
      name: member.name,
      region: member.region,
      population: member.population,
      populationYear: member.populationYear,
      band: member.band,
    },
    history: history.map((h) => ({ ...h, status: h.status as string })),
    groupStats,
    milestones: milestones.map((m) => ({ ...m, overdue: isOverdue(m, today) })),
    indicators: [...byIndicator.values()],
    useCases: shared,
  };
}
