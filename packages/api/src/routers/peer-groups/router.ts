import {
  zCreatePeerGroupInput,
  zPeerGroupIdInput,
  zUpdatePeerGroupInput,
} from "@ciar/domain/schemas/comparisons";
import { coordinatorProcedure } from "../../procedures/coordinator";
import {
  createPeerGroup,
  listPeerGroups,
  removePeerGroup,
  updatePeerGroup,
  type GroupActor,
} from "../../services/comparisons/peer-groups";
import { router } from "../../trpc";

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
});
