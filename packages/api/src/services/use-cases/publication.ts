import type { Tx } from "@ciar/db/client";
import { AppError } from "@ciar/domain/errors";
import type { Stage, Visibility } from "@ciar/domain/use-cases";
import type { Actor } from "../actor";
import { lockOwnUseCase } from "./use-case-rows";
import { applyChange, mirrorStageOnAdoption } from "./write-use-case";

/** Editor: asks the commune's admins to publish. */
export async function submitUseCase(tx: Tx, actor: Actor, id: string) {
  const current = await lockOwnUseCase(tx, actor.communeId, id);
  if (current.status !== "draft") throw new AppError("useCases.invalid_transition");
  return applyChange(
    tx,
    actor,
    current,
    { status: "submitted", submittedAt: new Date(), reviewNote: null },
    "use_case.submitted",
  );
}

/** Admin: approves (published) or rejects with a reason (back to draft, reason kept for the editor). */
export async function reviewUseCase(
  tx: Tx,
  actor: Actor,
  input: { id: string; decision: "approve" } | { id: string; decision: "reject"; reason: string },
) {
  const current = await lockOwnUseCase(tx, actor.communeId, input.id);
  if (current.status !== "submitted") throw new AppError("useCases.invalid_transition");
  if (input.decision === "approve") {
    return applyChange(
      tx,
      actor,
      current,
      { status: "published", publishedAt: current.publishedAt ?? new Date(), reviewNote: null },
      "use_case.published",
    );
  }
  return applyChange(tx, actor, current, { status: "draft", reviewNote: input.reason }, "use_case.rejected");
}

/** Admin: who may read it. Takes effect in the catalog once published. */
export async function setVisibility(tx: Tx, actor: Actor, input: { id: string; visibility: Visibility }) {
  const current = await lockOwnUseCase(tx, actor.communeId, input.id);
  if (current.visibility === input.visibility)
    return { id: current.id, version: current.version, visibility: current.visibility };
  return applyChange(tx, actor, current, { visibility: input.visibility }, "use_case.visibility_changed");
}

/**
 * Moves along idea → design → pilot → production → scaled; retiring is an admin's decision
 * (checked by the caller's procedure). A reuse's stage is mirrored on its adoption record, which
 * is how the source commune sees how far the reuse got.
 */
export async function setStage(tx: Tx, actor: Actor, input: { id: string; stage: Stage }) {
  const current = await lockOwnUseCase(tx, actor.communeId, input.id);
  if (current.stage === "retired") throw new AppError("useCases.retired");
  if (current.stage === input.stage)
    return { id: current.id, version: current.version, stage: current.stage };
  const result = await applyChange(
    tx,
    actor,
    current,
    { stage: input.stage },
    input.stage === "retired" ? "use_case.retired" : "use_case.stage_changed",
  );
  await mirrorStageOnAdoption(tx, actor.communeId, input.id, input.stage);
  return result;
}
