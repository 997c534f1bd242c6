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
  type GroupActor,
} from "../services/comparisons/peer-groups";
import { router } from "../trpc";

const groupActorOf = (ctx: {
  user: { id: string };
  coalition: { id: string };
  requestId: string;
}): GroupActor => ({ userId: ctx.user.id, coalitionId: ctx.coalition.id, requestId: ctx.requestId });

/** A coordinator's custom comparison groups inside their coalition. */
export const peerGroupsRouter = router({
  list: coordinatorProcedure.query(({ ctx }) => listPeerGroups(ctx.tx, ctx.coalition.id)),
  create: coordinatorProcedure
    .input(zCreatePeerGroupInput)
    .mutation(({ ctx, input }) => createPeerGroup(ctx.tx, groupActorOf(ctx), input)),
  update: coordinatorProcedure
    .input(zUpdatePeerGroupInput)
    .mutation(({ ctx, input }) => updatePeerGroup(ctx.tx, groupActorOf(ctx), input)),
  remove: coordinatorProcedure
    .input(zPeerGroupIdInput)
    .mutation(({ ctx, input }) => removePeerGroup(ctx.tx, groupActorOf(ctx), input.groupId)),
  /** The active commune's custom groups in a coalition (for its own comparison). */
  mine: permittedProcedure("progress.compare")
    .input(zCoalitionIdInput)
    .query(({ ctx, input }) => groupsOfCommune(ctx.tx, ctx.commune.id, input.coalitionId)),
});
