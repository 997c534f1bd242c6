import {
  zAssessmentId,
  zReturnAssessmentInput,
  zReviewGetInput,
  zReviewListInput,
  zSaveAnswersInput,
  zStartAssessmentInput,
  zSubmitAssessmentInput,
  zValidateAssessmentInput,
} from "@ciar/domain/schemas/assessments";
import { coordinatorProcedure } from "../procedures/coordinator";
import { permittedProcedure } from "../procedures/permitted";
import { getOwnAssessment, listOwnAssessments } from "../services/assessments/read-assessments";
import { getForReview, listForReview, reviewAssessment } from "../services/assessments/review";
import { saveAnswers, startAssessment, submitAssessment } from "../services/assessments/write-assessment";
import { router } from "../trpc";

/** A commune's quarterly self-assessments: draft (autosaved), submitted by an admin. */
export const assessmentsRouter = router({
  list: permittedProcedure("assessments.read").query(({ ctx }) => listOwnAssessments(ctx.tx, ctx.commune.id)),
  get: permittedProcedure("assessments.read")
    .input(zAssessmentId)
    .query(({ ctx, input }) => getOwnAssessment(ctx.tx, ctx.commune.id, input.id)),
  start: permittedProcedure("assessments.write")
    .input(zStartAssessmentInput)
    .mutation(({ ctx, input }) => startAssessment(ctx.tx, ctx.actor, input)),
  saveAnswers: permittedProcedure("assessments.write")
    .input(zSaveAnswersInput)
    .mutation(({ ctx, input }) => saveAnswers(ctx.tx, ctx.actor, input)),
  submit: permittedProcedure("assessments.submit")
    .input(zSubmitAssessmentInput)
    .mutation(({ ctx, input }) => submitAssessment(ctx.tx, ctx.actor, input)),
});

/** A coordinator's side: the review queue, returning with comments, validating. */
export const assessmentReviewRouter = router({
  list: coordinatorProcedure
    .input(zReviewListInput)
    .query(({ ctx, input }) => listForReview(ctx.tx, ctx.actor, input.status)),
  get: coordinatorProcedure
    .input(zReviewGetInput)
    .query(({ ctx, input }) => getForReview(ctx.tx, ctx.actor, input.assessmentId)),
  return: coordinatorProcedure
    .input(zReturnAssessmentInput)
    .mutation(({ ctx, input }) => reviewAssessment(ctx.tx, ctx.actor, { decision: "return", ...input })),
  validate: coordinatorProcedure
    .input(zValidateAssessmentInput)
    .mutation(({ ctx, input }) => reviewAssessment(ctx.tx, ctx.actor, { decision: "validate", ...input })),
});
