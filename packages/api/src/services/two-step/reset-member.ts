import type { Tx } from "@ciar/db/client";
import { communes, memberships, userPasskeys, userRecoveryCodes, userTotp } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { and, eq } from "drizzle-orm";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { recordPlatformAudit } from "../audit/record-platform-audit";
import type { SecretBox } from "../crypto/secret-box";
import { queueTwoStepNotice } from "./notices";

/**
 * The lost-factor path: an admin of the commune removes a member's TOTP, recovery codes and
 * passkeys, so that the person can sign in with their password and enrol again. Only a member of
 * this commune (the database checks it too: app_may_reset_two_step). Recorded in the commune's log
 * and in the platform's (it changes an account).
 */
export async function resetMemberTwoStep(
  tx: Tx,
  actor: Actor,
  userId: string,
  facts: { ip: string; userAgent: string | undefined; secretBox: SecretBox; publicUrl: string },
) {
  const [member] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.communeId, actor.communeId), eq(memberships.userId, userId)));
  if (!member) throw new AppError("members.not_found");
  const totp = await tx
    .delete(userTotp)
    .where(eq(userTotp.userId, userId))
    .returning({ userId: userTotp.userId });
  await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
  const passkeys = await tx
    .delete(userPasskeys)
    .where(eq(userPasskeys.userId, userId))
    .returning({ id: userPasskeys.id });
  const changes = { totpRemoved: totp.length > 0, passkeysRemoved: passkeys.length };
  await recordAudit(tx, actor, {
    action: "member.two_step_reset",
    entityType: "membership",
    entityId: userId,
    changes,
  });
  await recordPlatformAudit(tx, {
    action: "account.two_step_reset",
    actorUserId: actor.userId,
    subjectUserId: userId,
    changes: { ...changes, communeId: actor.communeId },
    requestId: actor.requestId,
    ip: facts.ip,
    userAgent: facts.userAgent ?? null,
  });
  const [commune] = await tx
    .select({ name: communes.name, displayName: communes.displayName })
    .from(communes)
    .where(eq(communes.id, actor.communeId));
  await queueTwoStepNotice(tx, facts, userId, {
    template: "two_step_reset",
    communeName: commune?.displayName ?? commune?.name ?? "",
  });
  return { userId, ...changes };
}
