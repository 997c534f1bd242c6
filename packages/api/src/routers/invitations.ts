import { zAcceptInvitationInput, zPreviewInvitationInput } from "@ciar/domain/schemas/members";
import { optionalUser } from "../procedures/authed";
import { publicProcedure } from "../procedures/public";
import { publicRateLimit } from "../procedures/rate-limit";
import { acceptInvitation, previewInvitation } from "../services/invitations/accept-invitation";
import { router } from "../trpc";

/** Reached from an invitation link, before the person belongs to the commune. */
export const invitationsRouter = router({
  preview: publicProcedure
    .use(publicRateLimit)
    .input(zPreviewInvitationInput)
    .query(({ ctx, input }) => previewInvitation(ctx, input.token)),

  accept: publicProcedure
    .use(publicRateLimit)
    .use(optionalUser)
    .input(zAcceptInvitationInput)
    .mutation(async ({ ctx, input }) => {
      const result = await acceptInvitation(ctx, ctx.user, input);
      ctx.refreshCookie.write(result.session.refreshToken, result.session.refreshTokenExpiresAt);
      return {
        communeId: result.communeId,
        accessToken: result.session.accessToken,
        expiresAt: result.session.accessTokenExpiresAt,
      };
    }),
});
