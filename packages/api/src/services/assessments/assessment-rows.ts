import type { Tx } from "@ciar/db/client";
import {
  communes,
  selfAssessmentAnswers,
  selfAssessmentEvents,
  selfAssessments,
  users,
} from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { and, asc, eq } from "drizzle-orm";
import { frameworkById } from "../frameworks/frameworks";

/** One assessment, locked for update when a write follows. RLS decides whether the caller sees it. */
export async function findAssessment(
  tx: Tx,
  id: string,
  options: { communeId?: string; forUpdate?: boolean } = {},
) {
  const query = tx
    .select()
    .from(selfAssessments)
    .where(
      options.communeId
        ? and(eq(selfAssessments.communeId, options.communeId), eq(selfAssessments.id, id))
        : eq(selfAssessments.id, id),
    );
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new AppError("assessments.not_found");
  return row;
}

/** Everything a page needs to show an assessment: answers, history and the framework it uses. */
export async function assessmentDetail(tx: Tx, assessment: Awaited<ReturnType<typeof findAssessment>>) {
  const [answers, events, framework, [commune]] = await Promise.all([
    tx
      .select({
        questionCode: selfAssessmentAnswers.questionCode,
        level: selfAssessmentAnswers.level,
        evidence: selfAssessmentAnswers.evidence,
        evidenceLinks: selfAssessmentAnswers.evidenceLinks,
        comment: selfAssessmentAnswers.comment,
        updatedAt: selfAssessmentAnswers.updatedAt,
      })
      .from(selfAssessmentAnswers)
      .where(
        and(
          eq(selfAssessmentAnswers.communeId, assessment.communeId),
          eq(selfAssessmentAnswers.assessmentId, assessment.id),
        ),
      ),
    tx
      .select({
        id: selfAssessmentEvents.id,
        action: selfAssessmentEvents.action,
        comment: selfAssessmentEvents.comment,
        questionComments: selfAssessmentEvents.questionComments,
        maturityIndex: selfAssessmentEvents.maturityIndex,
        createdAt: selfAssessmentEvents.createdAt,
        actorName: users.name,
      })
      .from(selfAssessmentEvents)
      .leftJoin(users, eq(users.id, selfAssessmentEvents.actorUserId))
      .where(
        and(
          eq(selfAssessmentEvents.communeId, assessment.communeId),
          eq(selfAssessmentEvents.assessmentId, assessment.id),
        ),
      )
      .orderBy(asc(selfAssessmentEvents.createdAt), asc(selfAssessmentEvents.id)),
    frameworkById(tx, assessment.frameworkId),
    tx
      .select({ id: communes.id, code: communes.code, name: communes.name, region: communes.region })
      .from(communes)
      .where(eq(communes.id, assessment.communeId)),
  ]);
  return {
    assessment: publicAssessment(assessment),
    commune: commune!,
    answers,
    events,
    framework: {
      id: framework.id,
      code: framework.code,
      version: framework.version,
      definition: framework.definition,
    },
  };
}

export function publicAssessment(row: typeof selfAssessments.$inferSelect) {
  return {
    id: row.id,
    communeId: row.communeId,
    frameworkId: row.frameworkId,
    period: row.period,
    status: row.status,
    scores: row.scores,
    maturityIndex: row.maturityIndex,
    version: row.version,
    reviewComment: row.reviewComment,
    questionComments: row.questionComments,
    submittedAt: row.submittedAt,
    reviewedAt: row.reviewedAt,
    isDemo: row.isDemo,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
