import type { Tx } from "@ciar/db/client";
import { memberships } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { MembershipRole } from "@ciar/domain/roles";
import { and, eq } from "drizzle-orm";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { assertKeepsAnAdmin } from "./admins";

export async function updateMemberRole(
  tx: Tx,
  actor: Actor,
  input: { userId: string; role: MembershipRole },
) {
  const where = and(eq(memberships.communeId, actor.communeId), eq(memberships.userId, input.userId));
  const [current] = await tx.select().from(memberships).where(where).for("update");
  if (!current) throw new AppError("members.not_found");
  if (current.role === input.role) return { userId: input.userId, role: input.role };
  if (current.role === "admin") await assertKeepsAnAdmin(tx, actor.communeId, input.userId);

  await tx.update(memberships).set({ role: input.role, updatedAt: new Date() }).where(where);
  await recordAudit(tx, actor, {
    action: "member.role_changed",
    entityType: "membership",
    entityId: input.userId,
    changes: { role: { from: current.role, to: input.role } },
  });
  return { userId: input.userId, role: input.role };
}
