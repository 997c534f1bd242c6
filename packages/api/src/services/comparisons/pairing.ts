import type { Tx } from "@ciar/db/client";
import { coalitionMembers, communes, maturityFrameworks, selfAssessments, useCases } from "@ciar/db/schema";
import { strongestPeers, weakestDimension } from "@ciar/domain/progress/pairing";
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { countedAssessment, inCoalition, parseJson, sharedUseCase } from "./counted";
import { bandOf, memberOf } from "./group-members";

/** Use cases listed per suggested peer: enough to start a conversation. */
const PAIRING_USE_CASES_PER_PEER = 20;
const PEERS = 3;

/**
 * Whom a member should learn from: its weakest dimension in its latest counted assessment, the
 * (at most 3) coalition members scoring strictly higher there in the same period, best first,
 * and those peers' shared use cases. Ties between dimensions go to the first in framework order.
 */
export async function pairing(tx: Tx, coalitionId: string, communeId: string) {
  await memberOf(tx, coalitionId, communeId);
  const [latest] = await tx
    .select({
      period: selfAssessments.period,
      scores: selfAssessments.scores,
      dimensionCodes: sql<string[] | null>`(
        select jsonb_agg(d.value ->> 'code' order by d.ord)
        from jsonb_array_elements(${maturityFrameworks.definition} -> 'dimensions') with ordinality as d(value, ord)
      )`,
    })
    .from(selfAssessments)
    .innerJoin(maturityFrameworks, eq(maturityFrameworks.id, selfAssessments.frameworkId))
    .where(and(eq(selfAssessments.communeId, communeId), countedAssessment))
    .orderBy(desc(selfAssessments.period))
    .limit(1);
  if (!latest) return { period: null, weakestDimension: null, ownScore: null, peers: [] };

  const scores = latest.scores ?? {};
  const codes = parseJson(latest.dimensionCodes) ?? Object.keys(scores);
  const weakest = weakestDimension(
    codes.map((code) => ({ code, score: typeof scores[code] === "number" ? scores[code] : null })),
  );
  if (weakest === null) return { period: latest.period, weakestDimension: null, ownScore: null, peers: [] };
  const ownScore = scores[weakest] ?? null;

  const candidates = await tx
    .select({
      communeId: communes.id,
      code: communes.code,
      name: communes.name,
      population: communes.population,
      region: communes.region,
      scores: selfAssessments.scores,
    })
    .from(selfAssessments)
    .innerJoin(coalitionMembers, inCoalition(coalitionId, selfAssessments.communeId))
    .innerJoin(communes, eq(communes.id, selfAssessments.communeId))
    .where(
      and(
        eq(selfAssessments.period, latest.period),
        countedAssessment,
        ne(selfAssessments.communeId, communeId),
      ),
    );
  const strongest = strongestPeers(
    candidates.map((c) => ({ ...c, scores: c.scores ?? {} })),
    weakest,
    PEERS,
    ownScore,
  );

  const peerIds = strongest.map((p) => p.communeId);
  const cases =
    peerIds.length === 0
      ? []
      : await tx
          .select({
            communeId: useCases.communeId,
            id: useCases.id,
            title: useCases.title,
            stage: useCases.stage,
            serviceArea: useCases.serviceArea,
          })
          .from(useCases)
          .where(and(inArray(useCases.communeId, peerIds), sharedUseCase))
          .orderBy(desc(sql`coalesce(${useCases.publishedAt}, ${useCases.updatedAt})`), asc(useCases.id));

  return {
    period: latest.period,
    weakestDimension: weakest,
    ownScore,
    peers: strongest.map((p) => ({
      communeId: p.communeId,
      code: p.code,
      name: p.name,
      score: p.scores[weakest]!,
      band: bandOf(p.population),
      region: p.region,
      useCases: cases
        .filter((c) => c.communeId === p.communeId)
        .slice(0, PAIRING_USE_CASES_PER_PEER)
        .map(({ communeId: _, ...c }) => c),
    })),
  };
}
