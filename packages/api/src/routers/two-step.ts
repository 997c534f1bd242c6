import {
  zConfirmTotpInput,
  zDisableTotpInput,
  zFinishPasskeyInput,
  zRemovePasskeyInput,
} from "@ciar/domain/schemas/two-step";
import { authedProcedure } from "../procedures/authed";
import { passwordCheckingProcedure } from "../procedures/rate-limit";
import {
  finishPasskeyRegistration,
  removePasskey,
  startPasskeyRegistration,
} from "../services/two-step/manage-passkeys";
import {
  confirmTotpEnrolment,
  disableTotp,
  regenerateRecoveryCodes,
  startTotpEnrolment,
} from "../services/two-step/manage-totp";
import { twoStepStatus } from "../services/two-step/status";
import { router } from "../trpc";

/**
 * One's own second factors (Mi cuenta): authed, not tenant, so that a person whom a policy
 * requires to enrol can do so before any commune's door lets them in. Calls that check a code or
 * the password are throttled per account like a password change.
 */
export const twoStepRouter = router({
  status: authedProcedure.query(({ ctx }) => twoStepStatus(ctx, ctx.user)),
  startTotp: authedProcedure.mutation(({ ctx }) => startTotpEnrolment(ctx, ctx.user)),
  confirmTotp: passwordCheckingProcedure
    .input(zConfirmTotpInput)
    .mutation(({ ctx, input }) => confirmTotpEnrolment(ctx, ctx.user, input.code)),
  disableTotp: passwordCheckingProcedure
    .input(zDisableTotpInput)
    .mutation(({ ctx, input }) => disableTotp(ctx, ctx.user, input)),
  regenerateRecoveryCodes: passwordCheckingProcedure
    .input(zDisableTotpInput)
    .mutation(({ ctx, input }) => regenerateRecoveryCodes(ctx, ctx.user, input)),
  passkeyOptions: authedProcedure.mutation(({ ctx }) => startPasskeyRegistration(ctx, ctx.user)),
  addPasskey: authedProcedure
    .input(zFinishPasskeyInput)
    .mutation(({ ctx, input }) => finishPasskeyRegistration(ctx, ctx.user, input)),
  removePasskey: authedProcedure
    .input(zRemovePasskeyInput)
    .mutation(({ ctx, input }) => removePasskey(ctx, ctx.user, input.id)),
});
