import {
  zCreateMilestoneInput,
  zMilestoneIdInput,
  zUpdateMilestoneInput,
} from "@ciar/domain/schemas/milestones";
import { permittedProcedure } from "../procedures/permitted";
import {
  createMilestone,
  listMilestones,
  removeMilestone,
  updateMilestone,
} from "../services/milestones/milestones";
import { router } from "../trpc";

/** The commune's roadmap: dated milestones, flagged overdue on Chile's calendar. */
export const milestonesRouter = router({
  list: permittedProcedure("milestones.read").query(({ ctx }) => listMilestones(ctx.tx, ctx.commune.id)),
  create: permittedProcedure("milestones.write")
    .input(zCreateMilestoneInput)
    .mutation(({ ctx, input }) => createMilestone(ctx.tx, ctx.actor, input)),
  update: permittedProcedure("milestones.write")
    .input(zUpdateMilestoneInput)
    .mutation(({ ctx, input }) => updateMilestone(ctx.tx, ctx.actor, input)),
  remove: permittedProcedure("milestones.write")
    .input(zMilestoneIdInput)
    .mutation(({ ctx, input }) => removeMilestone(ctx.tx, ctx.actor, input.id)),
});
