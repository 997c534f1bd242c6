import {
  zCreatePeerGroupInput,
  zPeerGroupIdInput,
  zUpdatePeerGroupInput,
} from "@ciar/domain/schemas/comparisons";
import { zCoalitionIdInput } from "@ciar/domain/schemas/coalitions";
import { coordinatorProcedure } from "../procedures/coordinator";
import { permittedProcedure } from "../procedures/permitted";
import {
  createPeerGroup,
  groupsOfCommune,
  listPeerGroups,
  removePeerGroup,
  updatePeerGroup,
} from "../services/comparisons/peer-groups";
import { router } from "../trpc";

/** A coordinator's custom comparison groups inside their coalition. */
export const peerGroupsRouter = router({
  list: coordinatorProcedure.query(({ ctx }) => listPeerGroups(ctx.tx, ctx.coalition.id)),
  create: coordinatorProcedure
    .input(zCreatePeerGroupInput)
    .mutation(({ ctx, input }) => createPeerGroup(ctx.tx, ctx.actor, input)),
  update: coordinatorProcedure
    .input(zUpdatePeerGroupInput)
    .mutation(({ ctx, input }) => updatePeerGroup(ctx.tx, ctx.actor, input)),
  remove: coordinatorProcedure
    .input(zPeerGroupIdInput)
    .mutation(({ ctx, input }) => removePeerGroup(ctx.tx, ctx.actor, input.groupId)),
  /** The active commune's custom groups in a coalition (for its own comparison). */
  mine: permittedProcedure("progress.compare")
    .input(zCoalitionIdInput)
    .query(({ ctx, input }) => groupsOfCommune(ctx.tx, ctx.commune.id, input.coalitionId)),
});
