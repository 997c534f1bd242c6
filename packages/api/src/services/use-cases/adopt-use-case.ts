import type { Tx } from "@ciar/db/client";
import { adoptions, notifications, useCases } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { and, eq } from "drizzle-orm";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { snapshotOf } from "@ciar/domain/use-case-versions";
import { findVisibleUseCase } from "./use-case-rows";
import { recordVersion } from "./versions";

/**
 * Reuse: a linked copy of another commune's use case in the adopter's tenant, private and in
 * draft, at stage "idea", with the source's KPIs as a starting point (baseline kept, current value
 * cleared: the adopter measures its own). The source commune is told, and sees the reuse in its
 * lineage with the stage it reaches.
 */
export async function adoptUseCase(tx: Tx, actor: Actor, sourceId: string) {
  const source = await findVisibleUseCase(tx, actor.communeId, sourceId);
  if (source.isOwn) throw new AppError("useCases.own_use_case");
  const [existing] = await tx
    .select({ id: adoptions.useCaseId })
    .from(adoptions)
    .where(and(eq(adoptions.communeId, actor.communeId), eq(adoptions.sourceUseCaseId, sourceId)));
  if (existing) throw new AppError("useCases.already_adopted");

  const [copy] = await tx
    .insert(useCases)
    .values({
      communeId: actor.communeId,
      title: source.title,
      summary: source.summary,
      problem: source.problem,
      solution: source.solution,
      serviceArea: source.serviceArea,
      techniques: source.techniques,
      tags: source.tags,
      license: source.license,
      repositoryUrl: source.repositoryUrl,
      dataSources: source.dataSources,
      setupCostClp: source.setupCostClp,
      monthlyCostClp: source.monthlyCostClp,
      kpis: source.kpis.map((k) => ({ ...k, current: null, measuredOn: null })),
      transparency: source.transparency,
      sourceUrl: source.sourceUrl,
      stage: "idea",
      adoptedFromCommuneId: source.communeId,
      adoptedFromId: source.id,
      createdBy: actor.userId,
      updatedBy: actor.userId,
    })
    .returning();
  const row = copy!;
  await tx.insert(adoptions).values({
    communeId: actor.communeId,
    useCaseId: row.id,
    sourceCommuneId: source.communeId,
    sourceUseCaseId: source.id,
    stage: row.stage,
  });
  await recordVersion(tx, actor, row.id, 1, null, snapshotOf(row));
  await recordAudit(tx, actor, {
    action: "use_case.adopted",
    entityType: "use_case",
    entityId: row.id,
    changes: { sourceUseCaseId: source.id, sourceCommuneId: source.communeId },
  });
  await tx.insert(notifications).values({
    communeId: source.communeId,
    kind: "adopted",
    useCaseId: source.id,
    actorCommuneId: actor.communeId,
    actorUserId: actor.userId,
    payload: { title: source.title },
  });
  return { id: row.id };
}
