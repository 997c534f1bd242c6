import type { Tx } from "@ciar/db/client";
import { memberships } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { and, eq } from "drizzle-orm";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { assertKeepsAnAdmin } from "./admins";

/** Removes the membership (the account stays: it may belong to other communes). */
export async function removeMember(tx: Tx, actor: Actor, input: { userId: string }) {
  const where = and(eq(memberships.communeId, actor.communeId), eq(memberships.userId, input.userId));
  const [current] = await tx.select().from(memberships).where(where).for("update");
  if (!current) throw new AppError("members.not_found");
  if (current.role === "admin") await assertKeepsAnAdmin(tx, actor.communeId, input.userId);

  await tx.delete(memberships).where(where);
  await recordAudit(tx, actor, {
    action: "member.removed",
    entityType: "membership",
    entityId: input.userId,
    changes: { role: { from: current.role, to: null } },
  });
  return { userId: input.userId };
}
