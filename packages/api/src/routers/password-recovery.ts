import { zRequestPasswordRecoveryInput, zResetPasswordInput } from "@ciar/domain/schemas/account";
import { publicProcedure } from "../procedures/public";
import { publicRateLimit, recoveryRateLimit } from "../procedures/rate-limit";
import { requestPasswordRecovery, resetPassword } from "../services/account/password-recovery";
import { router } from "../trpc";

/** "¿Olvidaste tu contraseña?" and the link it e-mails: before the person can sign in. */
export const passwordRecoveryRouter = router({
  /** Same answer whether or not the address has an account: the e-mail is on its way if it does. */
  request: publicProcedure
    .use(recoveryRateLimit)
    .input(zRequestPasswordRecoveryInput)
    .mutation(async ({ ctx, input }) => {
      await requestPasswordRecovery(ctx, input);
      return { ok: true as const };
    }),

  /** Sets the new password and ends every session of the account; the person then signs in. */
  reset: publicProcedure
    .use(publicRateLimit)
    .input(zResetPasswordInput)
    .mutation(async ({ ctx, input }) => {
      await resetPassword(ctx, input);
      return { ok: true as const };
    }),
});
