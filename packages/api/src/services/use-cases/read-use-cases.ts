import type { Tx } from "@ciar/db/client";
import { adoptions, communes, endorsements, useCases } from "@ciar/db/schema";
import { and, count, desc, eq, sql } from "drizzle-orm";
import { decodeCursor, encodeCursor } from "../pagination/keyset-cursor";
import { findVisibleUseCase } from "./use-case-rows";

/**
 * The use-case page: every section, who reused it and how far they got, where it comes from,
 * and whether the active commune already endorsed or reused it.
 */
export async function getUseCase(tx: Tx, communeId: string, id: string) {
  const useCase = await findVisibleUseCase(tx, communeId, id);
  const [reuses, endorsed, mine, source] = await Promise.all([
    tx
      .select({
        communeId: adoptions.communeId,
        communeName: communes.name,
        useCaseId: adoptions.useCaseId,
        stage: adoptions.stage,
        since: adoptions.createdAt,
      })
      .from(adoptions)
      .innerJoin(communes, eq(communes.id, adoptions.communeId))
      .where(eq(adoptions.sourceUseCaseId, id))
      .orderBy(adoptions.createdAt),
    tx.select({ n: count() }).from(endorsements).where(eq(endorsements.useCaseId, id)),
    tx
      .select({
        endorsed: sql<boolean>`exists (select 1 from ${endorsements} e where e.use_case_id = ${id} and e.commune_id = ${communeId})`,
      })
      .from(sql`(select 1) as one`),
    useCase.adoptedFromId
      ? tx
          .select({
            id: useCases.id,
            title: useCases.title,
            communeName: communes.name,
            communeId: useCases.communeId,
          })
          .from(useCases)
          .innerJoin(communes, eq(communes.id, useCases.communeId))
          .where(eq(useCases.id, useCase.adoptedFromId))
      : Promise.resolve([]),
  ]);
  const isOwn = useCase.isOwn;
  return {
    ...useCase,
    isOwn,
    // Another commune sees the record as published, not the owner's review notes.
    reviewNote: isOwn ? useCase.reviewNote : null,
    reuses,
    endorsementCount: endorsed[0]?.n ?? 0,
    endorsedByMe: mine[0]?.endorsed ?? false,
    adoptedByMe: reuses.find((r) => r.communeId === communeId)?.useCaseId ?? null,
    // The source may have been made private since: then the lineage shows only that it exists.
    adoptedFrom: useCase.adoptedFromId
      ? (source[0] ?? {
          id: useCase.adoptedFromId,
          title: null,
          communeName: null,
          communeId: useCase.adoptedFromCommuneId,
        })
      : null,
  };
}

/** "My commune's use cases": every state, most recently edited first. */
export async function listOwnUseCases(
  tx: Tx,
  communeId: string,
  input: { cursor?: string | undefined; limit: number },
) {
  const after = decodeCursor(input.cursor, "timestamp");
  const rows = await tx
    .select({
      id: useCases.id,
      title: useCases.title,
      serviceArea: useCases.serviceArea,
      stage: useCases.stage,
      status: useCases.status,
      visibility: useCases.visibility,
      version: useCases.version,
      reviewNote: useCases.reviewNote,
      adoptedFromId: useCases.adoptedFromId,
      updatedAt: useCases.updatedAt,
      kpiCount: sql<number>`jsonb_array_length(${useCases.kpis})`,
    })
    .from(useCases)
    .where(
      and(
        eq(useCases.communeId, communeId),
        after
          ? sql`(${useCases.updatedAt}, ${useCases.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(useCases.updatedAt), desc(useCases.id))
    .limit(input.limit + 1);
  const [total] = await tx.select({ n: count() }).from(useCases).where(eq(useCases.communeId, communeId));
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page,
    total: total?.n ?? 0,
    nextCursor:
      rows.length > input.limit && last ? encodeCursor(last.updatedAt.toISOString(), last.id) : null,
  };
}

export type UseCaseDetail = Awaited<ReturnType<typeof getUseCase>>;
