import type { Tx } from "@ciar/db/client";
import { communes, invitations, memberships, users } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { InviteMemberInput } from "@ciar/domain/schemas/members";
import { and, desc, eq, gt, isNull, lte, sql } from "drizzle-orm";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { newSecretToken } from "../auth/secret-tokens";

const INVITATION_TTL_DAYS = 7;

const open = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));

/**
 * Creates a single-use invitation and returns its link once (only the token's hash is stored).
 * An expired open invitation for the same e-mail is revoked first, so it can be sent again.
 */
export async function inviteMember(tx: Tx, actor: Actor, input: InviteMemberInput, publicUrl: string) {
  const [existing] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.communeId, actor.communeId), eq(sql`lower(${users.email})`, input.email)));
  if (existing) throw new AppError("members.already_member");

  const sameEmail = and(
    eq(invitations.communeId, actor.communeId),
    eq(sql`lower(${invitations.email})`, input.email),
    open,
  );
  const [pending] = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(sameEmail, gt(invitations.expiresAt, new Date())));
  if (pending) throw new AppError("invitations.already_pending");
  await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(sameEmail, lte(invitations.expiresAt, new Date())));

  const { token, hash } = newSecretToken();
  const [invitation] = await tx
    .insert(invitations)
    .values({
      communeId: actor.communeId,
      email: input.email,
      role: input.role,
      tokenHash: hash,
      invitedBy: actor.userId,
      expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000),
    })
    .returning({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
    });
  await recordAudit(tx, actor, {
    action: "invitation.created",
    entityType: "invitation",
    entityId: invitation!.id,
    changes: { email: input.email, role: input.role },
  });
  const [commune] = await tx
    .select({ name: communes.name })
    .from(communes)
    .where(eq(communes.id, actor.communeId));
  return {
    invitation: invitation!,
    communeName: commune?.name ?? "",
    acceptUrl: `${publicUrl.replace(/\/$/, "")}/invitacion/${token}`,
  };
}

export async function listPendingInvitations(tx: Tx, communeId: string) {
  return tx
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
      invitedByName: users.name,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.communeId, communeId), open))
    .orderBy(desc(invitations.createdAt))
    .limit(200);
}

export async function revokeInvitation(tx: Tx, actor: Actor, input: { invitationId: string }) {
  const [revoked] = await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.communeId, actor.communeId), eq(invitations.id, input.invitationId), open))
    .returning({ id: invitations.id, email: invitations.email });
  if (!revoked) throw new AppError("invitations.not_found");
  await recordAudit(tx, actor, {
    action: "invitation.revoked",
    entityType: "invitation",
    entityId: revoked.id,
    changes: { email: revoked.email },
  });
  return { invitationId: revoked.id };
}
