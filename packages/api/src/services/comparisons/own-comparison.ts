import type { Tx } from "@ciar/db/client";
import { rowsOf } from "@ciar/db/rows";
import {
  coalitionMembers,
  coalitions,
  communes,
  indicatorValues,
  peerGroups,
  selfAssessments,
} from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { OwnGroup } from "@ciar/domain/schemas/comparisons";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { countedAssessment } from "./counted";
import { coalitionIndicator } from "./indicator-trend";

/**
 * A commune's side of the comparisons: itself against the quartiles of its peers. The peers and
 * the statistics come from the database's peer functions (migration 0007), which compute the
 * group from the active commune and return only aggregates (the median from 3 communes, the
 * quartiles from 5: migration 0010); individual
 * peer results are read through RLS, and only when the coalition chose to share them.
 */

/** The coalition, if the active commune belongs to it; otherwise "coalitions.not_member". */
async function ownCoalition(tx: Tx, communeId: string, coalitionId: string) {
  const [coalition] = await tx
    .select({ id: coalitions.id, name: coalitions.name, shareResults: coalitions.shareResults })
    .from(coalitionMembers)
    .innerJoin(coalitions, eq(coalitions.id, coalitionMembers.coalitionId))
    .where(and(eq(coalitionMembers.coalitionId, coalitionId), eq(coalitionMembers.communeId, communeId)));
  if (!coalition) throw new AppError("coalitions.not_member");
  return coalition;
}

/** A custom group must be one of this coalition's groups that the commune is in (RLS shows only those). */
async function checkGroup(tx: Tx, coalitionId: string, group: OwnGroup) {
  if (group === "coalition" || group === "region" || group === "band") return;
  const [row] = await tx
    .select({ id: peerGroups.id })
    .from(peerGroups)
    .where(and(eq(peerGroups.id, group), eq(peerGroups.coalitionId, coalitionId)));
  if (!row) throw new AppError("peerGroups.not_found");
}

/** The peers' array, evaluated once per statement (the cast keeps `= any` on the array itself). */
const peersOf = (coalitionId: string, group: OwnGroup) =>
  sql`((select peer_communes(${coalitionId}::uuid, ${group}::text))::uuid[])`;

type StatRow = {
  period: string;
  n: number;
  p25: number | null;
  median: number | null;
  p75: number | null;
};

const toNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const statOf = (r: StatRow) => ({
  period: r.period,
  n: Number(r.n),
  p25: toNumber(r.p25),
  median: toNumber(r.median),
  p75: toNumber(r.p75),
});

export async function myComparison(
  tx: Tx,
  communeId: string,
  input: { coalitionId: string; group: OwnGroup },
) {
  const { coalitionId, group } = input;
  const [coalition] = await Promise.all([
    ownCoalition(tx, communeId, coalitionId),
    checkGroup(tx, coalitionId, group),
  ]);
  const [size, own, stats] = await Promise.all([
    tx.execute(
      sql`select coalesce(cardinality(peer_communes(${coalitionId}::uuid, ${group}::text)), 0)::int as n`,
    ),
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
    tx.execute(
      sql`select period, metric, n, p25, median, p75 from peer_score_stats(${coalitionId}::uuid, ${group}::text) order by period, metric`,
    ),
  ]);
  const peers = coalition.shareResults
    ? await tx
        .select({
          communeId: communes.id,
          code: communes.code,
          name: communes.name,
          period: selfAssessments.period,
          maturityIndex: selfAssessments.maturityIndex,
          scores: selfAssessments.scores,
        })
        .from(selfAssessments)
        .innerJoin(communes, eq(communes.id, selfAssessments.communeId))
        .where(
          and(
            sql`${selfAssessments.communeId} = any(${peersOf(coalitionId, group)})`,
            ne(selfAssessments.communeId, communeId),
            countedAssessment,
          ),
        )
        .orderBy(asc(selfAssessments.period), asc(communes.name))
    : null;
  return {
    coalition,
    groupSize: Number(rowsOf<{ n: number }>(size)[0]?.n ?? 0),
    own: own.map((o) => ({ ...o, status: o.status as string })),
    peerStats: rowsOf<StatRow & { metric: string }>(stats).map((r) => ({
      ...statOf(r),
      metric: r.metric,
    })),
    peers,
  };
}

export async function myIndicatorComparison(
  tx: Tx,
  communeId: string,
  input: { coalitionId: string; indicatorId: string; group: OwnGroup },
) {
  const { coalitionId, indicatorId, group } = input;
  await Promise.all([
    ownCoalition(tx, communeId, coalitionId),
    checkGroup(tx, coalitionId, group),
    coalitionIndicator(tx, coalitionId, indicatorId),
  ]);
  const [own, stats] = await Promise.all([
    tx
      .select({ period: indicatorValues.period, value: indicatorValues.value })
      .from(indicatorValues)
      .where(and(eq(indicatorValues.communeId, communeId), eq(indicatorValues.indicatorId, indicatorId)))
      .orderBy(asc(indicatorValues.period)),
    tx.execute(
      sql`select period, n, p25, median, p75 from peer_indicator_stats(${coalitionId}::uuid, ${group}::text, ${indicatorId}::uuid) order by period`,
    ),
  ]);
  return { own, peerStats: rowsOf<StatRow>(stats).map(statOf) };
}
