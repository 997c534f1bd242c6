import { hashPassword } from "@ciar/db/password";
import { communes, invitations, memberships, users } from "@ciar/db/schema";
import type { Tx } from "@ciar/db/client";
import { AppError } from "@ciar/domain/errors";
import type { AcceptInvitationInput } from "@ciar/domain/schemas/members";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import { assertStrongPassword } from "../auth/password-policy";
import { hashSecretToken } from "../auth/secret-tokens";
import { issueSession } from "../auth/sessions";
import type { AuthCall, SignedInUser } from "../ports";

/** Finds an open, unexpired invitation by its token (RLS lets the token holder see only that row). */
async function findOpenInvitation(tx: Tx, tokenHash: string) {
  const [row] = await tx
    .select({
      id: invitations.id,
      communeId: invitations.communeId,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      communeName: communes.name,
    })
    .from(invitations)
    .innerJoin(communes, eq(communes.id, invitations.communeId))
    .where(
      and(
        eq(invitations.tokenHash, tokenHash),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
        eq(communes.status, "active"),
      ),
    );
  return row;
}

/** What the invitation page shows before accepting. */
export async function previewInvitation(ctx: AuthCall, token: string) {
  const tokenHash = hashSecretToken(token);
  return ctx.runAs({ invitationTokenHash: tokenHash }, async (tx, setAccess) => {
    const invitation = await findOpenInvitation(tx, tokenHash);
    if (!invitation) throw new AppError("invitations.not_found");
    await setAccess({ authEmail: invitation.email.toLowerCase() });
    const [account] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(sql`lower(${users.email})`, invitation.email.toLowerCase()));
    return {
      communeName: invitation.communeName,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
      accountExists: Boolean(account),
    };
  });
}

/**
 * Joins the commune named by the invitation. A new person creates their account here; an existing
 * account must be signed in as itself (possession of the link alone does not prove who you are).
 * The invitation is used up, the membership and its audit event land in one transaction, and the
 * person leaves signed in.
 *
 * The invitation is looked up before any expensive work: an unknown, used or expired token costs
 * one indexed query, never a strength check or an argon2 hash (public and unauthenticated, that
 * work would let anyone keep the server busy).
 */
export async function acceptInvitation(
  ctx: AuthCall,
  signedIn: SignedInUser | null,
  input: AcceptInvitationInput,
) {
  const tokenHash = hashSecretToken(input.token);
  let newPasswordHash: string | null = null;
  if (input.password) {
    const found = await ctx.runAs({ invitationTokenHash: tokenHash }, (tx) =>
      findOpenInvitation(tx, tokenHash),
    );
    if (!found) throw new AppError("invitations.not_found");
    await assertStrongPassword(input.password, [found.email, input.name ?? "", found.communeName]);
    // Hashed between the transactions: argon2 must not hold a connection.
    newPasswordHash = await hashPassword(input.password);
  }

  // A signed-in caller's session must be live (checked with the settings, no extra round trip).
  return ctx.runAs(
    { invitationTokenHash: tokenHash },
    async (tx, setAccess) => {
      const invitation = await findOpenInvitation(tx, tokenHash);
      if (!invitation) throw new AppError("invitations.not_found");
      const email = invitation.email.toLowerCase();
      await setAccess({ authEmail: email, communeId: invitation.communeId });

      // Claim it: of two concurrent acceptances only one updates the row; a later failure in this
      // transaction rolls the claim back.
      const claimed = await tx
        .update(invitations)
        .set({ acceptedAt: new Date() })
        .where(
          and(
            eq(invitations.communeId, invitation.communeId),
            eq(invitations.id, invitation.id),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
          ),
        )
        .returning({ id: invitations.id });
      if (claimed.length === 0) throw new AppError("invitations.not_found");

      const [existing] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(sql`lower(${users.email})`, email));
      let userId: string;
      if (existing) {
        if (existing.id !== signedIn?.id) throw new AppError("invitations.sign_in_required");
        userId = existing.id;
      } else {
        if (!input.name || !newPasswordHash) throw new AppError("invitations.account_details_required");
        const [created] = await tx
          .insert(users)
          .values({ email, name: input.name, passwordHash: newPasswordHash })
          .returning({ id: users.id });
        userId = created!.id;
      }

      await setAccess({ userId, communeId: invitation.communeId });
      await tx
        .insert(memberships)
        .values({ communeId: invitation.communeId, userId, role: invitation.role })
        .onConflictDoNothing();
      await tx
        .update(invitations)
        .set({ acceptedBy: userId })
        .where(and(eq(invitations.communeId, invitation.communeId), eq(invitations.id, invitation.id)));
      const actor = { userId, communeId: invitation.communeId, requestId: ctx.requestId };
      await recordAudit(tx, actor, {
        action: "invitation.accepted",
        entityType: "invitation",
        entityId: invitation.id,
        changes: { email, role: invitation.role, newAccount: !existing },
      });

      const session = await issueSession(tx, ctx.deps, userId, { userAgent: ctx.userAgent });
      return { communeId: invitation.communeId, userId, session };
    },
    signedIn?.session,
  );
}
