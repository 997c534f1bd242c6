import { coalitionCoordinators } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { zUuid } from "@ciar/domain/schemas/common";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { CoordinatorActor } from "../services/actor";
import { authedProcedure } from "./authed";

/**
 * The door to a coalition's progress data: `coalitionId` in the input names the coalition; the
 * caller must coordinate it. Opens a transaction with app.user_id only (no commune), so the
 * database policies decide what crosses communes: the submitted and validated results of this
 * coalition's (and any other coordinated coalition's) member communes, never drafts.
 * Handlers must still filter by ctx.coalition.id: a coordinator of two coalitions reads both.
 * `ctx.actor` is who acts, in which coalition and request (what services stamp on audit events).
 */
export const coordinatorProcedure = authedProcedure
  .input(z.object({ coalitionId: zUuid }))
  .use(async ({ ctx, input, next }) => {
    const afterCommit: Array<() => Promise<void>> = [];
    const result = await ctx.runAs({ userId: ctx.user.id }, async (tx) => {
      const [row] = await tx
        .select({ coalitionId: coalitionCoordinators.coalitionId })
        .from(coalitionCoordinators)
        .where(
          and(
            eq(coalitionCoordinators.coalitionId, input.coalitionId),
            eq(coalitionCoordinators.userId, ctx.user.id),
          ),
        );
      // An unknown coalition gets the same answer as one the caller does not coordinate.
      if (!row) throw new AppError("coalitions.forbidden");
      const actor: CoordinatorActor = {
        userId: ctx.user.id,
        coalitionId: input.coalitionId,
        requestId: ctx.requestId,
      };
      const outcome = await next({
        ctx: {
          tx,
          coalition: { id: input.coalitionId },
          actor,
          afterCommit: (work: () => Promise<void>) => void afterCommit.push(work),
        },
      });
      if (!outcome.ok) throw outcome.error;
      return outcome;
    });
    for (const work of afterCommit) await work();
    return result;
  });
