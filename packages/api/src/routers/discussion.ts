import { zAcceptAnswerInput, zPostCommentInput, zUseCaseIdInput } from "@ciar/domain/schemas/use-cases";
import { permittedProcedure } from "../procedures/permitted";
import { acceptAnswer, listDiscussion, postComment } from "../services/discussion/discussion";
import { endorse, withdrawEndorsement } from "../services/discussion/endorsements";
import { router } from "../trpc";

/** Questions, comments and endorsements between communes on a visible use case. */
export const discussionRouter = router({
  list: permittedProcedure("useCases.read")
    .input(zUseCaseIdInput)
    .query(({ ctx, input }) => listDiscussion(ctx.tx, ctx.commune.id, input.id)),
  post: permittedProcedure("discussion.post")
    .input(zPostCommentInput)
    .mutation(({ ctx, input }) => postComment(ctx.tx, ctx.actor, input)),
  acceptAnswer: permittedProcedure("discussion.accept")
    .input(zAcceptAnswerInput)
    .mutation(({ ctx, input }) => acceptAnswer(ctx.tx, ctx.actor, input)),
  endorse: permittedProcedure("endorsements.write")
    .input(zUseCaseIdInput)
    .mutation(({ ctx, input }) => endorse(ctx.tx, ctx.actor, input.id)),
  withdrawEndorsement: permittedProcedure("endorsements.write")
    .input(zUseCaseIdInput)
    .mutation(({ ctx, input }) => withdrawEndorsement(ctx.tx, ctx.actor, input.id)),
});
