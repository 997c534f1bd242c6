import type { Tx } from "@ciar/db/client";
import { endorsements, notifications } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { and, eq } from "drizzle-orm";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { findVisibleUseCase } from "../use-cases/use-case-rows";

/** One endorsement per commune; endorsing twice is a no-op, so the button can be pressed safely. */
export async function endorse(tx: Tx, actor: Actor, useCaseId: string) {
  const useCase = await findVisibleUseCase(tx, actor.communeId, useCaseId);
  if (useCase.isOwn) throw new AppError("useCases.own_use_case");
  const inserted = await tx
    .insert(endorsements)
    .values({
      communeId: actor.communeId,
      useCaseCommuneId: useCase.communeId,
      useCaseId,
      userId: actor.userId,
    })
    .onConflictDoNothing()
    .returning({ useCaseId: endorsements.useCaseId });
  if (inserted.length > 0) {
    await recordAudit(tx, actor, {
      action: "use_case.endorsed",
      entityType: "use_case",
      entityId: useCaseId,
    });
    await tx.insert(notifications).values({
      communeId: useCase.communeId,
      kind: "endorsed",
      useCaseId,
      actorCommuneId: actor.communeId,
      actorUserId: actor.userId,
      payload: { title: useCase.title },
    });
  }
  return { endorsed: true };
}

export async function withdrawEndorsement(tx: Tx, actor: Actor, useCaseId: string) {
  await findVisibleUseCase(tx, actor.communeId, useCaseId);
  const removed = await tx
    .delete(endorsements)
    .where(and(eq(endorsements.communeId, actor.communeId), eq(endorsements.useCaseId, useCaseId)))
    .returning({ useCaseId: endorsements.useCaseId });
  if (removed.length > 0)
    await recordAudit(tx, actor, {
      action: "use_case.endorsement_withdrawn",
      entityType: "use_case",
      entityId: useCaseId,
    });
  return { endorsed: false };
}
