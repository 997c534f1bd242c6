import {
  zInviteMemberInput,
  zListMembersInput,
  zRemoveMemberInput,
  zRevokeInvitationInput,
  zUpdateRoleInput,
} from "@ciar/domain/schemas/members";
import { permittedProcedure } from "../procedures/permitted";
import { inviteMember, listPendingInvitations, revokeInvitation } from "../services/members/invitations";
import type { Delivery } from "../mail";
import { queueMail } from "../services/mail/queue-mail";
import { listMembers } from "../services/members/list-members";
import { removeMember } from "../services/members/remove-member";
import { updateMemberRole } from "../services/members/update-member-role";
import { router } from "../trpc";

export const membersRouter = router({
  list: permittedProcedure("members.read")
    .input(zListMembersInput)
    .query(({ ctx, input }) => listMembers(ctx.tx, ctx.commune.id, input)),

  invite: permittedProcedure("members.invite")
    .input(zInviteMemberInput)
    .mutation(async ({ ctx, input }) => {
      const created = await inviteMember(ctx.tx, ctx.actor, input, ctx.deps.publicUrl);
      // Queued with the invitation: sent by the mail job once both are committed. The invitee
      // has no language yet; the template is Spanish first with English below.
      await queueMail(ctx.tx, ctx.deps.secretBox, {
        to: created.invitation.email,
        template: "invitation",
        locale: "es",
        data: {
          communeName: created.communeName,
          role: created.invitation.role,
          acceptUrl: created.acceptUrl,
          expiresAt: created.invitation.expiresAt.toISOString(),
        },
      });
      return { ...created, delivery: "queued" as Delivery };
    }),

  updateRole: permittedProcedure("members.updateRole")
    .input(zUpdateRoleInput)
    .mutation(({ ctx, input }) => updateMemberRole(ctx.tx, ctx.actor, input)),

  remove: permittedProcedure("members.remove")
    .input(zRemoveMemberInput)
    .mutation(({ ctx, input }) => removeMember(ctx.tx, ctx.actor, input)),

  /** Pending invitations show e-mail addresses: only for those who may invite. */
  invitations: permittedProcedure("members.invite").query(({ ctx }) =>
    listPendingInvitations(ctx.tx, ctx.commune.id),
  ),

  revokeInvitation: permittedProcedure("members.invite")
    .input(zRevokeInvitationInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.tx, ctx.actor, input)),
});
