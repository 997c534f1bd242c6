import type { Tx } from "@ciar/db/client";
import { communes, memberships, users } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "../actor";
import type { SecretBox } from "../crypto/secret-box";
import { queueMail } from "../mail/queue-mail";
import { recordAudit } from "../audit/record-audit";
import { assertKeepsAnAdmin } from "./admins";

/**
 * Suspends a member's access to the commune: the membership stays (role, history), the tenant door
 * refuses it from the next request on. An admin cannot suspend themself, nor the last active admin.
 * Suspending someone already suspended changes nothing (and records nothing). The person is told
 * by e-mail (queued in this transaction: sent only if the suspension commits).
 */
export async function suspendMember(
  tx: Tx,
  box: SecretBox,
  actor: Actor,
  input: { userId: string; reason?: string | undefined },
) {
  const where = and(eq(memberships.communeId, actor.communeId), eq(memberships.userId, input.userId));
  const [current] = await tx
    .select({
      role: memberships.role,
      suspendedAt: memberships.suspendedAt,
      // Compared in SQL (uuid equality), like assertKeepsAnAdmin: ids spelt differently are one id.
      self: sql<boolean>`${memberships.userId} = ${actor.userId}`,
    })
    .from(memberships)
    .where(where)
    .for("update");
  if (!current) throw new AppError("members.not_found");
  if (current.self) throw new AppError("members.cannot_suspend_self");
  if (current.suspendedAt) return { userId: input.userId, suspended: true };
  if (current.role === "admin") await assertKeepsAnAdmin(tx, actor.communeId, input.userId);

  const reason = input.reason ? input.reason : null;
  await tx
    .update(memberships)
    .set({
      suspendedAt: new Date(),
      suspendedBy: actor.userId,
      suspensionReason: reason,
      updatedAt: new Date(),
    })
    .where(where);
  await recordAudit(tx, actor, {
    action: "member.suspended",
    entityType: "membership",
    entityId: input.userId,
    changes: { role: current.role, reason },
  });
  const [notice] = await tx
    .select({ email: users.email, name: users.name, locale: users.locale, communeName: communes.name })
    .from(users)
    .innerJoin(communes, eq(communes.id, actor.communeId))
    .where(eq(users.id, input.userId));
  if (notice) {
    await queueMail(tx, box, {
      to: notice.email,
      template: "access_suspended",
      locale: notice.locale,
      data: { name: notice.name, communeName: notice.communeName, reason, at: new Date().toISOString() },
    });
  }
  return { userId: input.userId, suspended: true };
}

/** Gives a suspended member their access back, with the role they had. */
export async function reactivateMember(tx: Tx, actor: Actor, input: { userId: string }) {
  const where = and(eq(memberships.communeId, actor.communeId), eq(memberships.userId, input.userId));
  const [current] = await tx
    .select({ role: memberships.role, suspendedAt: memberships.suspendedAt })
    .from(memberships)
    .where(where)
    .for("update");
  if (!current) throw new AppError("members.not_found");
  if (!current.suspendedAt) return { userId: input.userId, suspended: false };

  await tx
    .update(memberships)
    .set({ suspendedAt: null, suspendedBy: null, suspensionReason: null, updatedAt: new Date() })
    .where(where);
  await recordAudit(tx, actor, {
    action: "member.reactivated",
    entityType: "membership",
    entityId: input.userId,
    changes: { role: current.role, suspendedSince: current.suspendedAt.toISOString() },
  });
  return { userId: input.userId, suspended: false };
}
