import { describe, expect, it } from "vitest";
import v1 from "../../../db/data/maturity-framework-v1.json" with { type: "json" };
import { questionCodes, zFrameworkDefinition, type FrameworkOutline } from "./framework";
import { missingQuestions, scoreAssessment, type Answers } from "./scoring";

const framework = zFrameworkDefinition.parse(v1);
const codes = questionCodes(framework);
const all = (level: number): Answers => Object.fromEntries(codes.map((c) => [c, level]));

/** Small outlines make the hand computations below easy to follow. */
const outline = (...sizes: number[]): FrameworkOutline => ({
  dimensions: sizes.map((size, d) => ({
    code: `d${d + 1}`,
    questions: Array.from({ length: size }, (_, q) => ({ code: `d${d + 1}q${q + 1}` })),
  })),
});

/** Answers for an outline from one list of levels per dimension. */
const answersOf = (...levels: Array<Array<number | null>>): Answers =>
  Object.fromEntries(levels.flatMap((ls, d) => ls.map((level, q) => [`d${d + 1}q${q + 1}`, level])));

describe("scoreAssessment on the v1 framework", () => {
  it("gives 0 when every answer is level 1 and 100 when every answer is level 5", () => {
    const lowest = scoreAssessment(framework, all(1));
    expect(lowest.index).toBe(0);
    expect(lowest.dimensions.map((d) => d.score)).toEqual([0, 0, 0, 0, 0, 0]);
    const highest = scoreAssessment(framework, all(5));
    expect(highest.index).toBe(100);
    expect(highest.dimensions.every((d) => d.score === 100)).toBe(true);
    expect(highest).toMatchObject({ answered: 27, total: 27, complete: true });
  });

  it("gives 50 for level 3 everywhere, and reports dimensions in framework order with their sizes", () => {
    const result = scoreAssessment(framework, all(3));
    expect(result.index).toBe(50);
    expect(result.dimensions).toEqual([
      { code: "estrategia-gobernanza", score: 50, answered: 5, total: 5 },
      { code: "datos", score: 50, answered: 5, total: 5 },
      { code: "talento-capacidades", score: 50, answered: 4, total: 4 },
      { code: "infraestructura-conectividad", score: 50, answered: 4, total: 4 },
      { code: "servicios-casos-uso", score: 50, answered: 5, total: 5 },
      { code: "etica-transparencia-participacion", score: 50, answered: 4, total: 4 },
    ]);
  });

  it("weighs dimensions equally, not questions", () => {
    // Strategy (5 questions) at level 5, everything else at level 1: one dimension of six is
    // 100, so the index is 100 / 6 = 16.67 → 16.7. Weighting questions would give 5/27 → 18.5.
    const answers = { ...all(1), EG1: 5, EG2: 5, EG3: 5, EG4: 5, EG5: 5 };
    expect(scoreAssessment(framework, answers).index).toBe(16.7);
  });

  it("has no index while a dimension is unanswered, but scores the answered ones", () => {
    const answers = { ...all(4), TC1: null, TC2: undefined, TC3: null, TC4: null };
    const result = scoreAssessment(framework, answers);
    expect(result.index).toBeNull();
    expect(result.dimensions.find((d) => d.code === "talento-capacidades")).toEqual({
      code: "talento-capacidades",
      score: null,
      answered: 0,
      total: 4,
    });
    expect(result.dimensions.find((d) => d.code === "datos")?.score).toBe(75);
    expect(result).toMatchObject({ answered: 23, total: 27, complete: false });
  });

  it("scores an empty draft as nothing answered", () => {
    const result = scoreAssessment(framework, {});
    expect(result).toMatchObject({ index: null, answered: 0, total: 27, complete: false });
    expect(result.dimensions.every((d) => d.score === null)).toBe(true);
  });
});

describe("scoreAssessment arithmetic (hand-computed)", () => {
  it("averages the answered levels of a dimension only", () => {
    // d1: levels 2, 4 answered, third open → mean 3 → (3 − 1) / 4 × 100 = 50.
    // d2: levels 1, 2 → mean 1.5 → 12.5.
    const result = scoreAssessment(outline(3, 2), answersOf([2, 4, null], [1, 2]));
    expect(result.dimensions).toEqual([
      { code: "d1", score: 50, answered: 2, total: 3 },
      { code: "d2", score: 12.5, answered: 2, total: 2 },
    ]);
    // Every dimension has a score, so there is an index even though d1q3 is open: (50 + 12.5) / 2.
    expect(result.index).toBe(31.3);
    expect(result.complete).toBe(false);
  });

  it("rounds dimension scores to one decimal", () => {
    // Levels 1, 1, 2: mean 4/3 → 25 × 1/3 = 8.333… → 8.3. Levels 2, 3, 3: 25 × 5/3 = 41.666… → 41.7.
    const result = scoreAssessment(outline(3, 3), answersOf([1, 1, 2], [2, 3, 3]));
    expect(result.dimensions.map((d) => d.score)).toEqual([8.3, 41.7]);
    // (8.333… + 41.666…) / 2 = 25 exactly.
    expect(result.index).toBe(25);
  });

  it("computes the index from unrounded dimension scores", () => {
    // 16.666… (shown 16.7) and 0: the index is 8.333… → 8.3, not (16.7 + 0) / 2 = 8.35 → 8.4.
    const result = scoreAssessment(outline(3, 1), answersOf([1, 1, 3], [1]));
    expect(result.dimensions.map((d) => d.score)).toEqual([16.7, 0]);
    expect(result.index).toBe(8.3);
  });

  it("rounds an exact half up, where floating-point sums would land just below it", () => {
    // Scores 0, 25, 41.666…, 8.333…: the mean is 75 / 4 = 18.75 exactly → 18.8. Adding the
    // floats gives 18.749999…, which Math.round would take down to 18.7.
    const answers = answersOf([1, 1, 1], [2, 2, 2], [2, 3, 3], [1, 1, 2]);
    const result = scoreAssessment(outline(3, 3, 3, 3), answers);
    expect(result.dimensions.map((d) => d.score)).toEqual([0, 25, 41.7, 8.3]);
    expect(result.index).toBe(18.8);
    // A second case of the same kind: 0, 33.33…, 83.33…, 8.33… → 125 / 4 = 31.25 → 31.3.
    const other = answersOf([1, 1, 1], [2, 2, 3], [5, 5, 3], [1, 1, 2]);
    expect(scoreAssessment(outline(3, 3, 3, 3), other).index).toBe(31.3);
  });
});

describe("scoreAssessment refuses bad answers", () => {
  it("throws RangeError for levels that are not integers from 1 to 5", () => {
    for (const level of [0, 6, 2.5, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => scoreAssessment(framework, { EG1: level })).toThrow(RangeError);
    }
    expect(() => scoreAssessment(framework, { EG1: "3" as unknown as number })).toThrow(RangeError);
  });

  it("throws RangeError for a question the framework does not have, even unanswered", () => {
    expect(() => scoreAssessment(framework, { EG9: 3 })).toThrow(/Unknown question code: EG9/);
    expect(() => scoreAssessment(framework, { ...all(3), XX1: null })).toThrow(RangeError);
  });

  it("reads only the answers' own keys", () => {
    // A question coded like an Object.prototype member must not see the inherited function.
    const tricky: FrameworkOutline = { dimensions: [{ code: "d", questions: [{ code: "constructor" }] }] };
    expect(scoreAssessment(tricky, {})).toMatchObject({ index: null, answered: 0, complete: false });
    expect(missingQuestions(tricky, {})).toEqual(["constructor"]);
    expect(scoreAssessment(tricky, { constructor: 5 }).index).toBe(100);
  });
});

describe("missingQuestions", () => {
  it("lists unanswered codes in framework order", () => {
    const answers = { ...all(2), ET4: null, EG2: undefined, DA1: null };
    expect(missingQuestions(framework, answers)).toEqual(["EG2", "DA1", "ET4"]);
  });

  it("is empty when complete and everything when nothing is answered", () => {
    expect(missingQuestions(framework, all(3))).toEqual([]);
    expect(missingQuestions(framework, {})).toEqual(codes);
  });
});
