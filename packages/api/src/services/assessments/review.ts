import type { Tx } from "@ciar/db/client";
import { coalitionMembers, communes, selfAssessmentEvents, selfAssessments } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { nextStatus } from "@ciar/domain/progress/assessment-workflow";
import { questionCodes } from "@ciar/domain/progress/framework";
import { and, asc, desc, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import { frameworkById } from "../frameworks/frameworks";
import { assessmentDetail, findAssessment, publicAssessment } from "./assessment-rows";

/** A coordinator acting on one coalition, in one request. */
export interface Reviewer {
  userId: string;
  coalitionId: string;
  requestId: string;
}

/**
 * Assessments of the coalition's communes in a status (submitted: the review queue). Drafts never
 * appear: the database hides them from coordinators.
 */
export async function listForReview(
  tx: Tx,
  reviewer: Reviewer,
  status: "submitted" | "returned" | "validated",
) {
  const rows = await tx
    .select({
      id: selfAssessments.id,
      period: selfAssessments.period,
      status: selfAssessments.status,
      maturityIndex: selfAssessments.maturityIndex,
      submittedAt: selfAssessments.submittedAt,
      reviewedAt: selfAssessments.reviewedAt,
      communeId: communes.id,
      communeCode: communes.code,
      communeName: communes.name,
      region: communes.region,
    })
    .from(selfAssessments)
    .innerJoin(coalitionMembers, eq(coalitionMembers.communeId, selfAssessments.communeId))
    .innerJoin(communes, eq(communes.id, selfAssessments.communeId))
    .where(and(eq(coalitionMembers.coalitionId, reviewer.coalitionId), eq(selfAssessments.status, status)))
    .orderBy(status === "submitted" ? asc(selfAssessments.submittedAt) : desc(selfAssessments.reviewedAt))
    .limit(500);
  return rows;
}

/** An assessment of a commune of this coalition; anything else is "not found". */
async function findInCoalition(tx: Tx, reviewer: Reviewer, assessmentId: string, forUpdate = false) {
  const assessment = await findAssessment(tx, assessmentId, { forUpdate });
  const [member] = await tx
    .select({ communeId: coalitionMembers.communeId })
    .from(coalitionMembers)
    .where(
      and(
        eq(coalitionMembers.coalitionId, reviewer.coalitionId),
        eq(coalitionMembers.communeId, assessment.communeId),
      ),
    );
  if (!member) throw new AppError("assessments.not_found");
  return assessment;
}

export async function getForReview(tx: Tx, reviewer: Reviewer, assessmentId: string) {
  return assessmentDetail(tx, await findInCoalition(tx, reviewer, assessmentId));
}

/**
 * Returns a submitted assessment to its commune with a comment, and one per question where
 * something must change; or validates it. Both are recorded in the assessment's history and in
 * the commune's audit log, in this transaction.
 */
export async function reviewAssessment(
  tx: Tx,
  reviewer: Reviewer,
  input:
    | { decision: "return"; assessmentId: string; comment: string; questionComments: Record<string, string> }
    | { decision: "validate"; assessmentId: string; comment?: string | undefined },
) {
  // Checked before locking: FOR UPDATE only sees rows the coordinator may update (submitted
  // ones), so a validated assessment would otherwise look "not found".
  const current = await findInCoalition(tx, reviewer, input.assessmentId);
  const status = nextStatus(current.status, input.decision);
  const assessment = await findInCoalition(tx, reviewer, input.assessmentId, true).catch(() => {
    throw new AppError("assessments.invalid_transition");
  });
  if (assessment.status !== current.status) throw new AppError("assessments.invalid_transition");
  const questionComments = input.decision === "return" ? input.questionComments : {};
  if (input.decision === "return") {
    const framework = await frameworkById(tx, assessment.frameworkId);
    const known = new Set(questionCodes(framework.definition));
    if (Object.keys(questionComments).some((code) => !known.has(code))) {
      throw new AppError("assessments.unknown_question");
    }
  }
  const now = new Date();
  const comment = input.comment?.trim() ? input.comment.trim() : null;
  const [updated] = await tx
    .update(selfAssessments)
    .set({
      status,
      reviewComment: comment,
      questionComments,
      reviewedAt: now,
      reviewedBy: reviewer.userId,
      updatedAt: now,
      version: assessment.version + 1,
    })
    .where(and(eq(selfAssessments.communeId, assessment.communeId), eq(selfAssessments.id, assessment.id)))
    .returning();
  await tx.insert(selfAssessmentEvents).values({
    communeId: assessment.communeId,
    assessmentId: assessment.id,
    action: status === "returned" ? "returned" : "validated",
    actorUserId: reviewer.userId,
    comment,
    questionComments,
    maturityIndex: assessment.maturityIndex,
  });
  await recordAudit(
    tx,
    { userId: reviewer.userId, communeId: assessment.communeId, requestId: reviewer.requestId },
    {
      action: status === "returned" ? "assessment.returned" : "assessment.validated",
      entityType: "self_assessment",
      entityId: assessment.id,
      changes: {
        status: { from: assessment.status, to: status },
        coalitionId: reviewer.coalitionId,
        comment,
        questions: Object.keys(questionComments),
      },
    },
  );
  return publicAssessment(updated!);
}
