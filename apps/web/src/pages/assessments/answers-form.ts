import type { FrameworkOutline } from "@ciar/domain/progress/framework";
import { questionCodes } from "@ciar/domain/progress/framework";
import { zAnswerInput, type AnswerInput } from "@ciar/domain/schemas/assessments";
import type { z } from "zod";

/** One question as the form holds it: the links as typed (one per line), not yet an array. */
export interface AnswerDraft {
  level: number | null;
  evidence: string;
  links: string;
  comment: string;
}

export type AnswersForm = Record<string, AnswerDraft>;

const EMPTY_ANSWER: AnswerDraft = { level: null, evidence: "", links: "", comment: "" };

interface StoredAnswer {
  questionCode: string;
  level: number | null;
  evidence: string;
  evidenceLinks: string[];
  comment: string;
}

/** Every question of the framework, answered or not, filled from what the server stored. */
export function formFromAnswers(def: FrameworkOutline, answers: readonly StoredAnswer[]): AnswersForm {
  const byCode = new Map(answers.map((a) => [a.questionCode, a]));
  return Object.fromEntries(
    questionCodes(def).map((code) => {
      const a = byCode.get(code);
      const draft: AnswerDraft = a
        ? { level: a.level, evidence: a.evidence, links: a.evidenceLinks.join("\n"), comment: a.comment }
        : EMPTY_ANSWER;
      return [code, draft];
    }),
  );
}

/** The non-empty lines of the links box, trimmed. */
export function linksOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

export type ParsedAnswer = { ok: true; input: AnswerInput } | { ok: false; error: z.ZodError };

/**
 * The answer as the API takes it, checked with the API's own schema (a link that is not a web
 * address, a text over the limit), so an answer the server would refuse is held back and shown.
 */
export function parseAnswer(questionCode: string, draft: AnswerDraft): ParsedAnswer {
  const parsed = zAnswerInput.safeParse({
    questionCode,
    level: draft.level,
    evidence: draft.evidence,
    evidenceLinks: linksOf(draft.links),
    comment: draft.comment,
  });
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, error: parsed.error };
}

/** Levels by question code, as scoring reads them (null: not answered yet). */
export function levelsOf(form: AnswersForm): Record<string, number | null> {
  return Object.fromEntries(Object.entries(form).map(([code, draft]) => [code, draft.level]));
}

/** The stored answers after a save, so the cached assessment matches what the server now holds. */
export function mergeSaved<A extends StoredAnswer & { updatedAt: string }>(
  stored: readonly A[],
  saved: readonly AnswerInput[],
  updatedAt: string,
): A[] {
  const byCode = new Map<string, A>(stored.map((a) => [a.questionCode, a]));
  for (const input of saved) {
    const previous = byCode.get(input.questionCode);
    byCode.set(input.questionCode, { ...(previous as A), ...input, updatedAt });
  }
  return [...byCode.values()];
}
