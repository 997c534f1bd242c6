import { z } from "zod";
import { MEMBERSHIP_ROLES } from "../roles";
import { zEmail, zPageInput, zUuid } from "./common";
import { zPassword } from "./auth";

export const zMembershipRole = z.enum(MEMBERSHIP_ROLES);

export const zListMembersInput = zPageInput.extend({
  search: z.string().trim().max(100).optional(),
});

export const zInviteMemberInput = z.object({
  email: zEmail,
  role: zMembershipRole,
});
export type InviteMemberInput = z.infer<typeof zInviteMemberInput>;

export const zUpdateRoleInput = z.object({
  userId: zUuid,
  role: zMembershipRole,
});

export const zRemoveMemberInput = z.object({ userId: zUuid });

/** Why access is suspended or an account locked: optional, shown to admins, kept in the log. */
export const zSuspensionReason = z.string().trim().max(500).optional();

export const zSuspendMemberInput = z.object({ userId: zUuid, reason: zSuspensionReason });

export const zReactivateMemberInput = z.object({ userId: zUuid });

export const zRevokeInvitationInput = z.object({ invitationId: zUuid });

/** Invitation tokens are 32 random bytes in base64url (43 characters). */
export const zInvitationToken = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{43}$/);

export const zPreviewInvitationInput = z.object({ token: zInvitationToken });

export const zAcceptInvitationInput = z.object({
  token: zInvitationToken,
  /** Only for a new account: an existing user accepts while signed in. */
  name: z.string().trim().min(2).max(120).optional(),
  password: zPassword.optional(),
});
export type AcceptInvitationInput = z.infer<typeof zAcceptInvitationInput>;
