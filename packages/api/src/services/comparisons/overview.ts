import type { Tx } from "@ciar/db/client";
import { rowsOf } from "@ciar/db/rows";
import { adoptions, coalitionMembers, useCases } from "@ciar/db/schema";
import { COUNTED_STATUSES } from "@ciar/domain/progress/assessment-workflow";
import { summarize, type Summary } from "@ciar/domain/progress/stats";
import type { GroupSelection } from "@ciar/domain/schemas/comparisons";
import { count, eq, inArray, sql } from "drizzle-orm";
import { currentDimensions, inCoalition, parseJson, sharedUseCase } from "./counted";
import { groupMembers } from "./group-members";

export interface OverviewOptions extends GroupSelection {
  /** Default: the latest period with counted data in the coalition. */
  period?: string | undefined;
}

type PeriodRow = {
  periods: string[] | null;
  commune_id: string | null;
  status: string | null;
  maturity_index: number | null;
  scores: Record<string, number> | string | null;
};

/**
 * In one statement (one pass through the rows and their policies): the periods with counted
 * assessments of the coalition's members, newest first, and the counted assessments of one
 * period (the latest when none is given). The periods travel on the first row only.
 */
async function periodAssessments(tx: Tx, coalitionId: string, period: string | undefined) {
  const result = await tx.execute(sql`
    with counted as materialized (
      select a.commune_id, a.period, a.status, a.maturity_index, a.scores
      from self_assessments a
      join coalition_members m on m.commune_id = a.commune_id and m.coalition_id = ${coalitionId}::uuid
      where a.status in (${sql.join(
        COUNTED_STATUSES.map((s) => sql`${s}`),
        sql`, `,
      )})
    ), periods as (
      select array_agg(distinct period order by period desc) as list from counted
    )
    select case when row_number() over () = 1 then p.list end as periods,
      c.commune_id, c.status, c.maturity_index, c.scores
    from periods p
    left join counted c on c.period = coalesce(${period ?? null}::text, p.list[1])`);
  const rows = rowsOf<PeriodRow>(result);
  const periods = rows.find((r) => r.periods !== null)?.periods ?? [];
  const assessments = rows.flatMap((r) =>
    r.commune_id === null
      ? []
      : [
          {
            communeId: r.commune_id,
            status: r.status as string,
            maturityIndex: r.maturity_index === null ? null : Number(r.maturity_index),
            scores: parseJson(r.scores),
          },
        ],
  );
  return { periods, assessments };
}

/** Published, non-private use cases of the coalition's members, by commune and stage. */
function useCaseStages(tx: Tx, coalitionId: string) {
  return tx
    .select({ communeId: useCases.communeId, stage: useCases.stage, n: count() })
    .from(useCases)
    .innerJoin(coalitionMembers, inCoalition(coalitionId, useCases.communeId))
    .where(sharedUseCase)
    .groupBy(useCases.communeId, useCases.stage);
}

/**
 * Adoptions the coordinator can see (the source use case is visible to them), counted per member:
 * given = its use cases reused by others (source_commune_id), received = reuses it made (commune_id).
 */
function adoptionCounts(tx: Tx, coalitionId: string) {
  const members = tx
    .select({ communeId: coalitionMembers.communeId })
    .from(coalitionMembers)
    .where(eq(coalitionMembers.coalitionId, coalitionId));
  const given = tx
    .select({
      communeId: adoptions.sourceCommuneId,
      given: sql<number>`1`.as("given"),
      received: sql<number>`0`.as("received"),
    })
    .from(adoptions)
    .where(inArray(adoptions.sourceCommuneId, members));
  const received = tx
    .select({
      communeId: adoptions.communeId,
      given: sql<number>`0`.as("given"),
      received: sql<number>`1`.as("received"),
    })
    .from(adoptions)
    .where(inArray(adoptions.communeId, members));
  const all = given.unionAll(received).as("x");
  return tx
    .select({
      communeId: all.communeId,
      given: sql<number>`sum(${all.given})::int`.mapWith(Number),
      received: sql<number>`sum(${all.received})::int`.mapWith(Number),
    })
    .from(all)
    .groupBy(all.communeId);
}

/**
 * The coalition at a glance for one period: every member of the group with its counted result
 * (none for a draft or returned assessment), its rank by maturity index among those with one,
 * its shared use cases by stage and its adoptions; the group's quartiles (suppressed under 3
 * communes). One query per concern, all sent at once: the cost does not grow with the number of
 * communes beyond the rows themselves. Called by the benchmark.
 */
export async function coalitionOverview(tx: Tx, coalitionId: string, options: OverviewOptions = {}) {
  const [members, { periods, assessments }, dimensions, stages, adopted] = await Promise.all([
    groupMembers(tx, coalitionId, options),
    periodAssessments(tx, coalitionId, options.period),
    currentDimensions(tx),
    useCaseStages(tx, coalitionId),
    adoptionCounts(tx, coalitionId),
  ]);
  const period = options.period ?? periods[0] ?? null;

  const byCommune = new Map(assessments.map((a) => [a.communeId, a]));
  const ranks = rankByIndex(
    members.flatMap((m) => {
      const index = byCommune.get(m.id)?.maturityIndex;
      return index === null || index === undefined ? [] : [{ id: m.id, index }];
    }),
  );
  const stagesOf = new Map<string, Record<string, number>>();
  for (const row of stages) {
    const entry = stagesOf.get(row.communeId) ?? {};
    entry[row.stage] = row.n;
    stagesOf.set(row.communeId, entry);
  }
  const adoptedBy = new Map(adopted.map((a) => [a.communeId, a]));

  const communes = members.map((m) => {
    const a = byCommune.get(m.id);
    return {
      id: m.id,
      code: m.code,
      name: m.name,
      regionCode: m.regionCode,
      region: m.region,
      population: m.population,
      populationYear: m.populationYear,
      band: m.band,
      assessmentStatus: (a?.status ?? null) as string | null,
      maturityIndex: a?.maturityIndex ?? null,
      scores: a?.scores ?? null,
      rank: ranks.get(m.id) ?? null,
      useCasesByStage: stagesOf.get(m.id) ?? {},
      adoptionsGiven: adoptedBy.get(m.id)?.given ?? 0,
      adoptionsReceived: adoptedBy.get(m.id)?.received ?? 0,
    };
  });
  communes.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));

  const useCasesByStage: Record<string, number> = {};
  for (const c of communes) {
    for (const [stage, n] of Object.entries(c.useCasesByStage)) {
      useCasesByStage[stage] = (useCasesByStage[stage] ?? 0) + n;
    }
  }
  const withData = communes.filter((c) => c.maturityIndex !== null);
  const summary: { index: Summary; dimensions: Record<string, Summary> } = {
    index: summarize(withData.map((c) => c.maturityIndex!)),
    dimensions: Object.fromEntries(
      dimensions.map((d) => [
        d.code,
        summarize(
          withData.flatMap((c) => (typeof c.scores?.[d.code] === "number" ? [c.scores[d.code]!] : [])),
        ),
      ]),
    ),
  };
  return { period, periods, dimensions, communes, summary, useCasesByStage };
}

/** Competition ranking ("1, 2, 2, 4") by index, highest first. */
function rankByIndex(rows: ReadonlyArray<{ id: string; index: number }>): Map<string, number> {
  const sorted = [...rows].sort((a, b) => b.index - a.index);
  const ranks = new Map<string, number>();
  sorted.forEach((row, i) => {
    const previous = sorted[i - 1];
    ranks.set(row.id, previous && previous.index === row.index ? ranks.get(previous.id)! : i + 1);
  });
  return ranks;
}
