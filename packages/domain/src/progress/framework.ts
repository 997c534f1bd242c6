import { z } from "zod";

/**
 * The municipal AI maturity framework: dimensions of questions, each answered on one 1–5 scale.
 * A version is immutable once an assessment uses it (a change is a new version), so this schema
 * is the gate a definition passes before it is stored: it rejects what would make scores or
 * comparisons meaningless (a missing level, a question in two dimensions) or an uncited claim.
 */

/** Every question is answered on this scale; a definition that describes another one is refused. */
export const MATURITY_LEVELS = [1, 2, 3, 4, 5] as const;
export type MaturityLevel = (typeof MATURITY_LEVELS)[number];

export type LocalizedText = { es: string; en: string };

const MAX_QUESTIONS_PER_DIMENSION = 10;

// Codes end up in URLs, CSV headers and answer keys: short, no spaces.
const zCode = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { message: "Codes are 1–64 letters, digits, '-' or '_'" });

const zNonBlank = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.trim().length > 0, { message: "Text must not be empty" });

// No .trim(): the stored definition must equal the file it came from, byte for byte.
const zLocalizedText = (max: number) => z.strictObject({ es: zNonBlank(max), en: zNonBlank(max) });

/** Levels 1..5, each exactly once; order is free (the file lists them ascending). */
function checkLevels(what: string) {
  return (items: ReadonlyArray<{ level: number }>, ctx: z.RefinementCtx) => {
    const got = items.map((i) => i.level).sort((a, b) => a - b);
    if (got.length !== MATURITY_LEVELS.length || got.some((level, i) => level !== MATURITY_LEVELS[i])) {
      ctx.addIssue({
        code: "custom",
        message: `${what} must have levels 1 to 5, each exactly once (got ${got.join(", ") || "none"})`,
      });
    }
  };
}

const zLevel = z.number().int().min(1).max(5);

/** "oecd-dgi:digital-by-design" cites part of source "oecd-dgi"; "cl-ley-21180" cites it whole. */
const zCitation = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}(:\S.{0,199})?$/, {
  message: 'Citations look like "source-id" or "source-id:part"',
});

export function sourceIdOf(citation: string): string {
  const colon = citation.indexOf(":");
  return colon === -1 ? citation : citation.slice(0, colon);
}

const zQuestion = z.strictObject({
  code: zCode,
  text: zLocalizedText(1000),
  levels: z
    .array(z.strictObject({ level: zLevel, descriptor: zLocalizedText(1000) }))
    .superRefine(checkLevels("A question")),
  evidence_hint: zLocalizedText(1000),
  sources: z.array(zCitation).max(30),
});

const zDimension = z.strictObject({
  code: zCode,
  title: zLocalizedText(200),
  description: zLocalizedText(2000),
  sources: z.array(zCitation).max(30),
  questions: z
    .array(zQuestion)
    .min(1, { message: "A dimension needs at least one question" })
    .max(MAX_QUESTIONS_PER_DIMENSION, {
      message: `A dimension has at most ${MAX_QUESTIONS_PER_DIMENSION} questions`,
    }),
});

const zSource = z.strictObject({
  id: zCode,
  title: zNonBlank(500),
  publisher: zNonBlank(200),
  year: z.number().int().min(1900).max(2100),
  url: z.url({ protocol: /^https?$/ }).max(1000),
});

export const zFrameworkDefinition = z
  .strictObject({
    code: zCode,
    version: z.number().int().min(1),
    title: zLocalizedText(200),
    scale: z
      .array(z.strictObject({ level: zLevel, label: zLocalizedText(80) }))
      .superRefine(checkLevels("The scale")),
    dimensions: z.array(zDimension).min(1, { message: "A framework needs at least one dimension" }),
    sources: z.array(zSource),
  })
  .superRefine((def, ctx) => {
    const report = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });

    const sourceIds = new Set<string>();
    def.sources.forEach((source, i) => {
      if (sourceIds.has(source.id)) report(["sources", i, "id"], `Source id "${source.id}" is used twice`);
      sourceIds.add(source.id);
    });

    const checkCitations = (citations: string[], path: PropertyKey[], owner: string) => {
      citations.forEach((citation, i) => {
        const id = sourceIdOf(citation);
        if (!sourceIds.has(id)) {
          report([...path, i], `${owner} cites "${citation}", but there is no source with id "${id}"`);
        }
      });
    };

    const dimensionCodes = new Set<string>();
    const questionCodes = new Set<string>();
    def.dimensions.forEach((dimension, d) => {
      if (dimensionCodes.has(dimension.code)) {
        report(["dimensions", d, "code"], `Dimension code "${dimension.code}" is used twice`);
      }
      dimensionCodes.add(dimension.code);
      checkCitations(dimension.sources, ["dimensions", d, "sources"], `Dimension "${dimension.code}"`);
      dimension.questions.forEach((question, q) => {
        // Answers are keyed by question code alone, so codes are unique across dimensions.
        if (questionCodes.has(question.code)) {
          report(
            ["dimensions", d, "questions", q, "code"],
            `Question code "${question.code}" is used twice in the framework`,
          );
        }
        questionCodes.add(question.code);
        checkCitations(
          question.sources,
          ["dimensions", d, "questions", q, "sources"],
          `Question "${question.code}"`,
        );
      });
    });
  });

export type FrameworkDefinition = z.infer<typeof zFrameworkDefinition>;
export type FrameworkDimension = FrameworkDefinition["dimensions"][number];
export type FrameworkQuestion = FrameworkDimension["questions"][number];
export type FrameworkSource = FrameworkDefinition["sources"][number];

/**
 * What scoring and the helpers below need of a framework: its dimensions and their question
 * codes, in order. A full FrameworkDefinition fits, and so does a lighter shape read from rows.
 */
export type FrameworkOutline = {
  dimensions: ReadonlyArray<{ code: string; questions: ReadonlyArray<{ code: string }> }>;
};

/** Question codes in framework order (dimension by dimension), the order forms and exports use. */
export function questionCodes(def: FrameworkOutline): string[] {
  return def.dimensions.flatMap((d) => d.questions.map((q) => q.code));
}

export function dimensionOfQuestion(def: FrameworkOutline): Map<string, string> {
  return new Map(def.dimensions.flatMap((d) => d.questions.map((q) => [q.code, d.code] as const)));
}
