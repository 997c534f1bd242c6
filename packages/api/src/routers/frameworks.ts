import { zFrameworkDefinition } from "@ciar/domain/progress/framework";
import { zUuid } from "@ciar/domain/schemas/common";
import { z } from "zod";
import { authedProcedure } from "../procedures/authed";
import { platformProcedure } from "../procedures/platform";
import {
  createFrameworkVersion,
  currentFramework,
  frameworkById,
  listFrameworks,
} from "../services/frameworks/frameworks";
import { router } from "../trpc";

/** The maturity framework is reference data: any signed-in user reads it; platform admins version it. */
export const frameworksRouter = router({
  current: authedProcedure.query(({ ctx }) =>
    ctx.runAs({ userId: ctx.user.id }, (tx) => currentFramework(tx)),
  ),
  list: authedProcedure.query(({ ctx }) => ctx.runAs({ userId: ctx.user.id }, (tx) => listFrameworks(tx))),
  get: authedProcedure
    .input(z.object({ id: zUuid }))
    .query(({ ctx, input }) => ctx.runAs({ userId: ctx.user.id }, (tx) => frameworkById(tx, input.id))),
  createVersion: platformProcedure
    .input(z.object({ definition: zFrameworkDefinition }))
    .mutation(({ ctx, input }) => createFrameworkVersion(ctx.tx, ctx.user.id, input.definition)),
});
