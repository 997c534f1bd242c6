import type { Tx } from "@ciar/db/client";
import { rowsOf } from "@ciar/db/rows";
import { communes } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { TwoStepPolicy } from "@ciar/domain/schemas/two-step";
import { eq, sql } from "drizzle-orm";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";

/**
 * Who must use two-step verification in the commune: admins, everyone, or nobody beyond the
 * platform's own rule. Takes effect at once: the tenant door refuses a covered member without a
 * factor (auth.two_step_enrolment_required) until they enrol in Mi cuenta.
 */
export async function setTwoStepPolicy(tx: Tx, actor: Actor, policy: TwoStepPolicy) {
  const [before] = await tx
    .select({ policy: communes.twoStepPolicy })
    .from(communes)
    .where(eq(communes.id, actor.communeId))
    .for("update");
  if (before?.policy === policy) return { policy };
  // An admin without a factor would lock themself out of the commune by requiring one.
  if (policy !== "none") {
    const [own] = rowsOf<{ has: boolean }>(await tx.execute(sql`select app_has_second_factor() as has`));
    if (own?.has !== true) throw new AppError("two_step.enrol_yourself_first");
  }
  await tx
    .update(communes)
    .set({ twoStepPolicy: policy, updatedAt: new Date() })
    .where(eq(communes.id, actor.communeId));
  await recordAudit(tx, actor, {
    action: "commune.two_step_policy_changed",
    entityType: "commune",
    entityId: actor.communeId,
    changes: { twoStepPolicy: { from: before?.policy ?? null, to: policy } },
  });
  return { policy };
}
