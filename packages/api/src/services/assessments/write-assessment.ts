import type { Tx } from "@ciar/db/client";
import { rowsOf } from "@ciar/db/rows";
import { selfAssessmentAnswers, selfAssessmentEvents, selfAssessments } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { nextStatus, isEditable } from "@ciar/domain/progress/assessment-workflow";
import { questionCodes, type FrameworkDefinition } from "@ciar/domain/progress/framework";
import { missingQuestions, scoreAssessment } from "@ciar/domain/progress/scoring";
import type { AnswerInput } from "@ciar/domain/schemas/assessments";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit";
import { currentFramework, frameworkById } from "../frameworks/frameworks";
import { findAssessment, publicAssessment } from "./assessment-rows";

/**
 * Opens the commune's assessment of a quarter as a draft, on the current framework version.
 * By default it starts from the latest earlier assessment's answers (same framework version only:
 * question codes of another version need not mean the same thing).
 */
export async function startAssessment(
  tx: Tx,
  actor: Actor,
  input: { period: string; copyPrevious: boolean },
) {
  const [taken] = await tx
    .select({ id: selfAssessments.id })
    .from(selfAssessments)
    .where(and(eq(selfAssessments.communeId, actor.communeId), eq(selfAssessments.period, input.period)));
  if (taken) throw new AppError("assessments.period_exists");
  const framework = await currentFramework(tx);
  const [created] = await tx
    .insert(selfAssessments)
    .values({
      communeId: actor.communeId,
      frameworkId: framework.id,
      period: input.period,
      createdBy: actor.userId,
    })
    .returning();
  const assessment = created!;

  let copied = 0;
  if (input.copyPrevious) {
    const [previous] = await tx
      .select({ id: selfAssessments.id })
      .from(selfAssessments)
      .where(
        and(
          eq(selfAssessments.communeId, actor.communeId),
          eq(selfAssessments.frameworkId, framework.id),
          lt(selfAssessments.period, input.period),
        ),
      )
      .orderBy(desc(selfAssessments.period))
      .limit(1);
    if (previous) {
      const rows = await tx.execute(sql`
        insert into self_assessment_answers (commune_id, assessment_id, question_code, level, evidence, evidence_links, comment, updated_by)
        select commune_id, ${assessment.id}, question_code, level, evidence, evidence_links, '', ${actor.userId}
        from self_assessment_answers where commune_id = ${actor.communeId} and assessment_id = ${previous.id}
        returning question_code`);
      copied = rowsOf(rows).length;
    }
  }
  await tx.insert(selfAssessmentEvents).values({
    communeId: actor.communeId,
    assessmentId: assessment.id,
    action: "created",
    actorUserId: actor.userId,
  });
  await recordAudit(tx, actor, {
    action: "assessment.created",
    entityType: "self_assessment",
    entityId: assessment.id,
    changes: { period: input.period, frameworkVersion: framework.version, copiedAnswers: copied },
  });
  return { assessment: publicAssessment(assessment), copiedAnswers: copied };
}

/** Question codes the framework knows; anything else is refused before touching the database. */
function checkQuestions(definition: FrameworkDefinition, answers: AnswerInput[]) {
  const known = new Set(questionCodes(definition));
  for (const answer of answers) {
    if (!known.has(answer.questionCode)) throw new AppError("assessments.unknown_question");
  }
}

/** Takes the row lock and refuses a stale or non-editable assessment. */
async function lockEditable(tx: Tx, actor: Actor, id: string, expectedVersion: number) {
  const assessment = await findAssessment(tx, id, { communeId: actor.communeId, forUpdate: true });
  if (!isEditable(assessment.status)) throw new AppError("assessments.not_editable");
  if (assessment.version !== expectedVersion) throw new AppError("assessments.version_conflict");
  return assessment;
}

/**
 * The draft's autosave: upserts the given answers and bumps the version, so that a second tab
 * that saves from an older version is told instead of overwriting. Returns the score so far.
 */
export async function saveAnswers(
  tx: Tx,
  actor: Actor,
  input: { id: string; expectedVersion: number; answers: AnswerInput[] },
) {
  const assessment = await lockEditable(tx, actor, input.id, input.expectedVersion);
  const framework = await frameworkById(tx, assessment.frameworkId);
  checkQuestions(framework.definition, input.answers);
  // The last answer for a question wins if the same code is sent twice.
  const byCode = new Map(input.answers.map((a) => [a.questionCode, a]));
  await tx
    .insert(selfAssessmentAnswers)
    .values(
      [...byCode.values()].map((a) => ({
        communeId: actor.communeId,
        assessmentId: assessment.id,
        questionCode: a.questionCode,
        level: a.level,
        evidence: a.evidence,
        evidenceLinks: a.evidenceLinks,
        comment: a.comment,
        updatedBy: actor.userId,
      })),
    )
    .onConflictDoUpdate({
      target: [
        selfAssessmentAnswers.communeId,
        selfAssessmentAnswers.assessmentId,
        selfAssessmentAnswers.questionCode,
      ],
      set: {
        level: sql`excluded.level`,
        evidence: sql`excluded.evidence`,
        evidenceLinks: sql`excluded.evidence_links`,
        comment: sql`excluded.comment`,
        updatedBy: sql`excluded.updated_by`,
        updatedAt: sql`now()`,
      },
    });
  const [updated] = await tx
    .update(selfAssessments)
    .set({ version: assessment.version + 1, updatedAt: new Date() })
    .where(and(eq(selfAssessments.communeId, actor.communeId), eq(selfAssessments.id, assessment.id)))
    .returning({ version: selfAssessments.version, updatedAt: selfAssessments.updatedAt });
  const levels = await answerLevels(tx, actor.communeId, assessment.id);
  return {
    version: updated!.version,
    updatedAt: updated!.updatedAt,
    score: scoreAssessment(framework.definition, levels),
  };
}

async function answerLevels(tx: Tx, communeId: string, assessmentId: string) {
  const rows = await tx
    .select({ questionCode: selfAssessmentAnswers.questionCode, level: selfAssessmentAnswers.level })
    .from(selfAssessmentAnswers)
    .where(
      and(
        eq(selfAssessmentAnswers.communeId, communeId),
        eq(selfAssessmentAnswers.assessmentId, assessmentId),
      ),
    );
  return Object.fromEntries(rows.map((r) => [r.questionCode, r.level]));
}

/** An admin submits: every question answered; the scores are computed and stored with it. */
export async function submitAssessment(tx: Tx, actor: Actor, input: { id: string; expectedVersion: number }) {
  const assessment = await lockEditable(tx, actor, input.id, input.expectedVersion);
  const status = nextStatus(assessment.status, "submit");
  const framework = await frameworkById(tx, assessment.frameworkId);
  const levels = await answerLevels(tx, actor.communeId, assessment.id);
  const missing = missingQuestions(framework.definition, levels);
  if (missing.length > 0) throw new AppError("assessments.incomplete");
  const score = scoreAssessment(framework.definition, levels);
  const scores = Object.fromEntries(score.dimensions.map((d) => [d.code, d.score ?? 0]));
  const now = new Date();
  const [updated] = await tx
    .update(selfAssessments)
    .set({
      status,
      scores,
      maturityIndex: score.index,
      version: assessment.version + 1,
      submittedAt: now,
      submittedBy: actor.userId,
      updatedAt: now,
    })
    .where(and(eq(selfAssessments.communeId, actor.communeId), eq(selfAssessments.id, assessment.id)))
    .returning();
  await tx.insert(selfAssessmentEvents).values({
    communeId: actor.communeId,
    assessmentId: assessment.id,
    action: "submitted",
    actorUserId: actor.userId,
    maturityIndex: score.index,
  });
  await recordAudit(tx, actor, {
    action: assessment.status === "returned" ? "assessment.resubmitted" : "assessment.submitted",
    entityType: "self_assessment",
    entityId: assessment.id,
    changes: {
      status: { from: assessment.status, to: status },
      maturityIndex: score.index,
      period: assessment.period,
    },
  });
  return publicAssessment(updated!);
}
