import { zUpdateCommuneInput } from "@ciar/domain/schemas/communes";
import { zSetTwoStepPolicyInput } from "@ciar/domain/schemas/two-step";
import { permittedProcedure } from "../procedures/permitted";
import { getCommune, updateCommune } from "../services/communes/commune-settings";
import { setTwoStepPolicy } from "../services/two-step/commune-policy";
import { router } from "../trpc";

/** The active commune (x-commune-id): its official data and the settings its admins manage. */
export const communesRouter = router({
  get: permittedProcedure("commune.read").query(({ ctx }) => getCommune(ctx.tx, ctx.commune.id)),

  update: permittedProcedure("commune.update")
    .input(zUpdateCommuneInput)
    .mutation(({ ctx, input }) => updateCommune(ctx.tx, ctx.actor, input)),

  /** Who must use two-step verification in the commune (audited in its log). */
  setTwoStepPolicy: permittedProcedure("commune.update")
    .input(zSetTwoStepPolicyInput)
    .mutation(({ ctx, input }) => setTwoStepPolicy(ctx.tx, ctx.actor, input.policy)),
});
