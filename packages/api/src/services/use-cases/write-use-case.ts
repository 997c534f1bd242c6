import type { AuditAction } from "@ciar/domain/audit-actions";
import type { Tx } from "@ciar/db/client";
import { adoptions, useCases } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { CreateUseCaseInput, UseCaseContent } from "@ciar/domain/schemas/use-cases";
import type { Stage } from "@ciar/domain/use-cases";
import { and, eq } from "drizzle-orm";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { snapshotOf } from "@ciar/domain/use-case-versions";
import { lockOwnUseCase } from "./use-case-rows";
import { recordVersion } from "./versions";

/** A new use case starts private and in draft; version 1 is its first snapshot. */
export async function createUseCase(tx: Tx, actor: Actor, input: CreateUseCaseInput) {
  const [created] = await tx
    .insert(useCases)
    .values({ ...input, communeId: actor.communeId, createdBy: actor.userId, updatedBy: actor.userId })
    .returning();
  const row = created!;
  await recordVersion(tx, actor, row.id, 1, null, snapshotOf(row));
  await recordAudit(tx, actor, {
    action: "use_case.created",
    entityType: "use_case",
    entityId: row.id,
    changes: { title: row.title },
  });
  return { id: row.id, version: row.version };
}

/**
 * Saves an edit if nobody saved since `expectedVersion` (otherwise a clear conflict instead of a
 * silent overwrite), and keeps the version with what changed.
 */
export async function updateUseCase(
  tx: Tx,
  actor: Actor,
  input: { id: string; expectedVersion: number; content: Partial<UseCaseContent>; stage?: Stage | undefined },
) {
  const current = await lockOwnUseCase(tx, actor.communeId, input.id);
  if (current.version !== input.expectedVersion) throw new AppError("useCases.version_conflict");
  if (current.stage === "retired") throw new AppError("useCases.retired");
  const patch =
    input.stage && input.stage !== current.stage ? { ...input.content, stage: input.stage } : input.content;
  const result = await applyChange(tx, actor, current, patch, "use_case.updated");
  if (patch !== input.content) await mirrorStageOnAdoption(tx, actor.communeId, current.id, input.stage!);
  return result;
}

/** A reuse's stage is mirrored on its adoption record: how the source commune sees its progress. */
export async function mirrorStageOnAdoption(tx: Tx, communeId: string, useCaseId: string, stage: Stage) {
  await tx
    .update(adoptions)
    .set({ stage, updatedAt: new Date() })
    .where(and(eq(adoptions.communeId, communeId), eq(adoptions.useCaseId, useCaseId)));
}

/**
 * Writes `patch` onto a locked row, bumps the version, records the version and the audit event.
 * Every state change of a use case goes through here, so its history is complete.
 */
export async function applyChange(
  tx: Tx,
  actor: Actor,
  current: Awaited<ReturnType<typeof lockOwnUseCase>>,
  patch: Partial<typeof useCases.$inferInsert>,
  action: AuditAction,
) {
  const before = snapshotOf(current);
  const after = snapshotOf({ ...current, ...patch });
  const version = current.version + 1;
  const [updated] = await tx
    .update(useCases)
    .set({ ...patch, version, updatedBy: actor.userId, updatedAt: new Date() })
    .where(and(eq(useCases.communeId, actor.communeId), eq(useCases.id, current.id)))
    .returning({
      id: useCases.id,
      version: useCases.version,
      status: useCases.status,
      stage: useCases.stage,
      visibility: useCases.visibility,
    });
  const changes = await recordVersion(tx, actor, current.id, version, before, after);
  await recordAudit(tx, actor, { action, entityType: "use_case", entityId: current.id, changes });
  return updated!;
}
