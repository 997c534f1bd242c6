import { z } from "zod";
import { zPeriod } from "../progress/periods";
import { zUuid, zVersion } from "./common";

const text = (max: number) => z.string().trim().max(max);
const zHttpUrl = z.url({ protocol: /^https?$/ }).max(500);
const zQuestionCode = z.string().trim().min(1).max(20);

export const zAssessmentId = z.object({ id: zUuid });

export const zStartAssessmentInput = z.object({
  period: zPeriod,
  /** Start from the answers and evidence of the commune's latest earlier assessment. */
  copyPrevious: z.boolean().default(true),
});

export const zAnswerInput = z.object({
  questionCode: zQuestionCode,
  level: z.number().int().min(1).max(5).nullable(),
  evidence: text(4000).default(""),
  evidenceLinks: z.array(zHttpUrl).max(10).default([]),
  comment: text(2000).default(""),
});
export type AnswerInput = z.infer<typeof zAnswerInput>;

/** An autosave: the changed answers and the version the editor started from. */
export const zSaveAnswersInput = z.object({
  id: zUuid,
  expectedVersion: zVersion,
  answers: z.array(zAnswerInput).min(1).max(100),
});

export const zSubmitAssessmentInput = z.object({
  id: zUuid,
  expectedVersion: zVersion,
});

export const zReviewListInput = z.object({
  status: z.enum(["submitted", "returned", "validated"]).default("submitted"),
});

export const zReturnAssessmentInput = z.object({
  assessmentId: zUuid,
  comment: text(4000).min(3),
  /** Question code → what to fix. */
  questionComments: z.record(zQuestionCode, text(2000).min(1)).default({}),
});

export const zValidateAssessmentInput = z.object({
  assessmentId: zUuid,
  comment: text(4000).optional(),
});

export const zReviewGetInput = z.object({ assessmentId: zUuid });
