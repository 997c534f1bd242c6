import {
  zCoalitionMemberInput,
  zCoordinatorInput,
  zCreateCoalitionInput,
  zRemoveCoalitionMemberInput,
  zRemoveCoordinatorInput,
  zSharingInput,
  zUpdateCoalitionInput,
  zCoalitionIdInput,
} from "@ciar/domain/schemas/coalitions";
import { coordinatorProcedure } from "../procedures/coordinator";
import { permittedProcedure } from "../procedures/permitted";
import { platformProcedure } from "../procedures/platform";
import {
  addCoalitionMember,
  addCoordinator,
  coalitionDetail,
  coalitionsOfCommune,
  createCoalition,
  getCoalition,
  coalitionMembersOf,
  listCoalitions,
  removeCoalitionMember,
  removeCoordinator,
  setSharing,
  updateCoalition,
} from "../services/coalitions/coalitions";
import { router } from "../trpc";

/**
 * Coalitions: platform admins manage them, their members and coordinators; a coordinator reads
 * their coalition and decides whether members share individual results; a commune sees the
 * coalitions it belongs to.
 */
export const coalitionsRouter = router({
  list: platformProcedure.query(({ ctx }) => listCoalitions(ctx.tx)),
  detail: platformProcedure
    .input(zCoalitionIdInput)
    .query(({ ctx, input }) => coalitionDetail(ctx.tx, input.coalitionId)),
  create: platformProcedure
    .input(zCreateCoalitionInput)
    .mutation(({ ctx, input }) => createCoalition(ctx.tx, input)),
  update: platformProcedure
    .input(zUpdateCoalitionInput)
    .mutation(({ ctx, input }) => updateCoalition(ctx.tx, input)),
  addMember: platformProcedure
    .input(zCoalitionMemberInput)
    .mutation(({ ctx, input }) => addCoalitionMember(ctx.tx, ctx.actor, input)),
  removeMember: platformProcedure
    .input(zRemoveCoalitionMemberInput)
    .mutation(({ ctx, input }) => removeCoalitionMember(ctx.tx, ctx.actor, input)),
  addCoordinator: platformProcedure
    .input(zCoordinatorInput)
    .mutation(({ ctx, input }) => addCoordinator(ctx.tx, ctx.setAccess, input)),
  removeCoordinator: platformProcedure
    .input(zRemoveCoordinatorInput)
    .mutation(({ ctx, input }) => removeCoordinator(ctx.tx, input)),

  /** The coordinator's coalition and its member communes. */
  get: coordinatorProcedure.query(async ({ ctx }) => ({
    coalition: await getCoalition(ctx.tx, ctx.coalition.id),
    members: await coalitionMembersOf(ctx.tx, ctx.coalition.id),
  })),
  setSharing: coordinatorProcedure
    .input(zSharingInput)
    .mutation(({ ctx, input }) => setSharing(ctx.tx, ctx.actor, input.shareResults)),

  /** The coalitions the active commune belongs to. */
  mine: permittedProcedure("assessments.read").query(({ ctx }) =>
    coalitionsOfCommune(ctx.tx, ctx.commune.id),
  ),
});
