import {
  zEndSessionInput,
  zSetNotificationPreferencesInput,
  zUpdateProfileInput,
} from "@ciar/domain/schemas/account";
import { authedProcedure } from "../procedures/authed";
import { endOtherSessions, endSession, listSessions } from "../services/account/sessions";
import {
  getNotificationPreferences,
  setNotificationPreferences,
  updateProfile,
} from "../services/account/profile";
import { router } from "../trpc";

/** Mi cuenta: the caller's own account only (no commune). Changes go to the platform's log. */
export const accountRouter = router({
  sessions: authedProcedure.query(({ ctx }) =>
    ctx.runAs({ userId: ctx.user.id }, (tx) => listSessions(tx, ctx.user)),
  ),

  endSession: authedProcedure
    .input(zEndSessionInput)
    .mutation(({ ctx, input }) =>
      ctx.runAs({ userId: ctx.user.id }, (tx) => endSession(tx, ctx.user, input, ctx.requestId)),
    ),

  endOtherSessions: authedProcedure.mutation(({ ctx }) =>
    ctx.runAs({ userId: ctx.user.id }, (tx) => endOtherSessions(tx, ctx.user, ctx.requestId)),
  ),

  updateProfile: authedProcedure
    .input(zUpdateProfileInput)
    .mutation(({ ctx, input }) =>
      ctx.runAs({ userId: ctx.user.id }, (tx) => updateProfile(tx, ctx.user.id, input, ctx.requestId)),
    ),

  notificationPreferences: authedProcedure.query(({ ctx }) =>
    ctx.runAs({ userId: ctx.user.id }, (tx) => getNotificationPreferences(tx, ctx.user.id)),
  ),

  setNotificationPreferences: authedProcedure
    .input(zSetNotificationPreferencesInput)
    .mutation(({ ctx, input }) =>
      ctx.runAs({ userId: ctx.user.id }, (tx) =>
        setNotificationPreferences(tx, ctx.user.id, input, ctx.requestId),
      ),
    ),
});
