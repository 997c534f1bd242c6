import { MATURITY_LEVELS, type FrameworkOutline } from "./framework";

/**
 * Scores of a self-assessment, following the method of the OECD Digital Government Index: each
 * dimension is normalised to the same range and the index is the unweighted mean of the
 * dimensions, so that a dimension with more questions does not weigh more.
 *
 * - Dimension score (0–100) = (mean of its answered levels − 1) / 4 × 100: level 1 everywhere
 *   is 0, level 5 everywhere is 100. It is null while none of its questions is answered.
 * - Index (0–100) = mean of the dimension scores, equal weights. It is null until every
 *   dimension has a score: an index over some dimensions would not compare with one over all.
 * - Both are rounded to one decimal, half up. The index is computed from the unrounded
 *   dimension scores (rounding happens once, at the end), and the arithmetic is exact
 *   (fractions of integers), so 12.25 always shows as 12.3 and never as 12.2 because of floats.
 */

/** Answers keyed by question code; null or undefined means "not answered yet" (drafts). */
export type Answers = Readonly<Record<string, number | null | undefined>>;

export type DimensionScore = { code: string; score: number | null; answered: number; total: number };

export type AssessmentScore = {
  dimensions: DimensionScore[];
  index: number | null;
  answered: number;
  total: number;
  /** Every question of the framework is answered (what submitting requires). */
  complete: boolean;
};

const MIN_LEVEL = MATURITY_LEVELS[0];
const MAX_LEVEL = MATURITY_LEVELS[MATURITY_LEVELS.length - 1] ?? MIN_LEVEL;

/** Exact fraction; denominators stay small (questions per dimension × dimensions). */
type Fraction = { num: number; den: number };

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

function add(a: Fraction, b: Fraction): Fraction {
  const num = a.num * b.den + b.num * a.den;
  const den = a.den * b.den;
  const g = gcd(num, den) || 1;
  return { num: num / g, den: den / g };
}

/** One division of exact integers: a true x.x5 stays x.x5, so Math.round rounds it up. */
function roundToTenth({ num, den }: Fraction): number {
  return Math.round((num * 10) / den) / 10;
}

// Own properties only: a question coded "constructor" must not read Object.prototype.
function answerOf(answers: Answers, code: string): number | null {
  return Object.hasOwn(answers, code) ? (answers[code] ?? null) : null;
}

function checkAnswers(def: FrameworkOutline, answers: Answers): void {
  const known = new Set(def.dimensions.flatMap((d) => d.questions.map((q) => q.code)));
  for (const [code, level] of Object.entries(answers)) {
    if (!known.has(code)) throw new RangeError(`Unknown question code: ${code}`);
    if (level === null || level === undefined) continue;
    if (!Number.isInteger(level) || level < MIN_LEVEL || level > MAX_LEVEL) {
      throw new RangeError(`Question ${code}: level must be an integer from 1 to 5, got ${level}`);
    }
  }
}

export function scoreAssessment(def: FrameworkOutline, answers: Answers): AssessmentScore {
  checkAnswers(def, answers);
  const exact: Array<Fraction | null> = [];
  const dimensions = def.dimensions.map((dimension): DimensionScore => {
    let answered = 0;
    let sum = 0;
    for (const question of dimension.questions) {
      const level = answerOf(answers, question.code);
      if (level === null) continue;
      answered += 1;
      sum += level;
    }
    // (sum/answered − 1) / 4 × 100 = 25 × (sum − answered) / answered
    const score = answered === 0 ? null : { num: 25 * (sum - answered), den: answered };
    exact.push(score);
    return {
      code: dimension.code,
      score: score && roundToTenth(score),
      answered,
      total: dimension.questions.length,
    };
  });

  let index: number | null = null;
  if (exact.length > 0 && exact.every((s) => s !== null)) {
    const sum = exact.reduce<Fraction>((acc, s) => add(acc, s ?? { num: 0, den: 1 }), { num: 0, den: 1 });
    index = roundToTenth({ num: sum.num, den: sum.den * exact.length });
  }

  const answered = dimensions.reduce((n, d) => n + d.answered, 0);
  const total = dimensions.reduce((n, d) => n + d.total, 0);
  return { dimensions, index, answered, total, complete: answered === total };
}

/** Question codes still unanswered, in framework order (what the form points the user to). */
export function missingQuestions(def: FrameworkOutline, answers: Answers): string[] {
  return def.dimensions.flatMap((d) =>
    d.questions.filter((q) => answerOf(answers, q.code) === null).map((q) => q.code),
  );
}
