import { describe, expect, it } from "vitest";
import v1 from "../../../db/data/maturity-framework-v1.json" with { type: "json" };
import {
  dimensionOfQuestion,
  questionCodes,
  sourceIdOf,
  zFrameworkDefinition,
  type FrameworkDefinition,
} from "./framework";

const valid: FrameworkDefinition = zFrameworkDefinition.parse(v1);

/** A deep copy of v1 changed by `edit`, as a stored file with a mistake would be. */
function variant(edit: (def: FrameworkDefinition) => void): unknown {
  const copy = JSON.parse(JSON.stringify(valid)) as FrameworkDefinition;
  edit(copy);
  return copy;
}

function issues(input: unknown): Array<{ path: string; message: string }> {
  const result = zFrameworkDefinition.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

const dimension = (def: FrameworkDefinition, i: number) => {
  const d = def.dimensions[i];
  if (!d) throw new Error(`no dimension ${i}`);
  return d;
};
const question = (def: FrameworkDefinition, d: number, q: number) => {
  const found = dimension(def, d).questions[q];
  if (!found) throw new Error(`no question ${d}.${q}`);
  return found;
};

describe("the v1 framework file", () => {
  it("parses unchanged: 6 dimensions, 27 questions, 5 levels each", () => {
    expect(valid).toEqual(v1);
    expect(valid.code).toBe("ciar-madurez-ia");
    expect(valid.version).toBe(1);
    expect(valid.dimensions).toHaveLength(6);
    expect(questionCodes(valid)).toHaveLength(27);
    expect(issues(v1)).toEqual([]);
  });
});

describe("zFrameworkDefinition refuses a broken definition", () => {
  it("with a dimension code used twice", () => {
    const input = variant((def) => {
      dimension(def, 1).code = dimension(def, 0).code;
    });
    expect(issues(input)).toEqual([
      { path: "dimensions.1.code", message: 'Dimension code "estrategia-gobernanza" is used twice' },
    ]);
  });

  it("with a question code used twice, even in another dimension", () => {
    const input = variant((def) => {
      question(def, 2, 1).code = "EG1";
    });
    expect(issues(input)).toEqual([
      {
        path: "dimensions.2.questions.1.code",
        message: 'Question code "EG1" is used twice in the framework',
      },
    ]);
  });

  it("with a question missing a level, repeating one, or adding a sixth", () => {
    const missing = variant((def) => {
      question(def, 0, 0).levels.splice(2, 1);
    });
    expect(issues(missing)).toEqual([
      {
        path: "dimensions.0.questions.0.levels",
        message: "A question must have levels 1 to 5, each exactly once (got 1, 2, 4, 5)",
      },
    ]);
    const repeated = variant((def) => {
      const levels = question(def, 0, 1).levels;
      const third = levels[2];
      if (third) third.level = 2;
    });
    expect(issues(repeated)[0]?.message).toBe(
      "A question must have levels 1 to 5, each exactly once (got 1, 2, 2, 4, 5)",
    );
    const sixth = variant((def) => {
      question(def, 0, 1).levels.push({ level: 5, descriptor: { es: "Otra", en: "Another" } });
    });
    expect(issues(sixth)[0]?.message).toBe(
      "A question must have levels 1 to 5, each exactly once (got 1, 2, 3, 4, 5, 5)",
    );
  });

  it("accepts the levels of a question in any order", () => {
    const input = variant((def) => {
      question(def, 0, 0).levels.reverse();
    });
    expect(issues(input)).toEqual([]);
  });

  it("with an empty or blank level descriptor, in either language", () => {
    const input = variant((def) => {
      const level = question(def, 3, 2).levels[4];
      if (level) level.descriptor = { es: "   ", en: "" };
    });
    expect(issues(input)).toEqual([
      { path: "dimensions.3.questions.2.levels.4.descriptor.es", message: "Text must not be empty" },
      { path: "dimensions.3.questions.2.levels.4.descriptor.en", message: "Text must not be empty" },
    ]);
  });

  it("with a level outside 1..5", () => {
    const input = variant((def) => {
      const level = question(def, 0, 0).levels[0];
      if (level) level.level = 0;
    });
    expect(issues(input).map((i) => i.path)).toContain("dimensions.0.questions.0.levels.0.level");
  });

  it("with a scale that is not 1..5", () => {
    const input = variant((def) => {
      def.scale.pop();
    });
    expect(issues(input)).toEqual([
      { path: "scale", message: "The scale must have levels 1 to 5, each exactly once (got 1, 2, 3, 4)" },
    ]);
  });

  it("citing a source that is not listed, by whole id or by part", () => {
    const input = variant((def) => {
      dimension(def, 0).sources.push("who-knows:chapter-2");
      question(def, 1, 0).sources.push("cl-ley-99999");
    });
    expect(issues(input)).toEqual([
      {
        path: "dimensions.0.sources.6",
        message:
          'Dimension "estrategia-gobernanza" cites "who-knows:chapter-2", but there is no source with id "who-knows"',
      },
      {
        path: `dimensions.1.questions.0.sources.${question(valid, 1, 0).sources.length}`,
        message: 'Question "DA1" cites "cl-ley-99999", but there is no source with id "cl-ley-99999"',
      },
    ]);
  });

  it("when a cited source is removed from the list", () => {
    const input = variant((def) => {
      def.sources = def.sources.filter((s) => s.id !== "wwc");
    });
    const found = issues(input);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((i) => i.message.endsWith('but there is no source with id "wwc"'))).toBe(true);
  });

  it("with a source id listed twice", () => {
    const input = variant((def) => {
      const first = def.sources[0];
      if (first) def.sources.push({ ...first });
    });
    expect(issues(input)).toEqual([
      { path: `sources.${valid.sources.length}.id`, message: 'Source id "oecd-dgi" is used twice' },
    ]);
  });

  it("without dimensions", () => {
    expect(issues({ ...valid, dimensions: [] })).toEqual([
      { path: "dimensions", message: "A framework needs at least one dimension" },
    ]);
  });

  it("with a dimension of no questions or more than 10", () => {
    const empty = variant((def) => {
      dimension(def, 2).questions = [];
    });
    expect(issues(empty)).toEqual([
      { path: "dimensions.2.questions", message: "A dimension needs at least one question" },
    ]);
    const crowded = variant((def) => {
      const d = dimension(def, 0);
      const template = question(def, 0, 0);
      for (let i = d.questions.length + 1; i <= 11; i++) d.questions.push({ ...template, code: `EGX${i}` });
    });
    expect(dimension(crowded as FrameworkDefinition, 0).questions).toHaveLength(11);
    expect(issues(crowded)).toEqual([
      { path: "dimensions.0.questions", message: "A dimension has at most 10 questions" },
    ]);
  });

  it("with a misspelt key (evidenceHint instead of evidence_hint)", () => {
    const input = variant((def) => {
      const q = question(def, 0, 0) as Record<string, unknown>;
      q.evidenceHint = q.evidence_hint;
      delete q.evidence_hint;
    });
    expect(issues(input).map((i) => i.path)).toEqual([
      "dimensions.0.questions.0.evidence_hint",
      "dimensions.0.questions.0",
    ]);
  });
});

describe("framework helpers", () => {
  it("list question codes in framework order", () => {
    expect(questionCodes(valid).slice(0, 7)).toEqual(["EG1", "EG2", "EG3", "EG4", "EG5", "DA1", "DA2"]);
    expect(questionCodes(valid).at(-1)).toBe("ET4");
  });

  it("map every question to its dimension", () => {
    const map = dimensionOfQuestion(valid);
    expect(map.size).toBe(27);
    expect(map.get("EG1")).toBe("estrategia-gobernanza");
    expect(map.get("DA3")).toBe("datos");
    expect(map.get("ET4")).toBe("etica-transparencia-participacion");
    expect(map.get("XX1")).toBeUndefined();
  });

  it("read the source id out of a citation", () => {
    expect(sourceIdOf("oecd-dgi:digital-by-design")).toBe("oecd-dgi");
    expect(sourceIdOf("ilia:gobernanza/regulacion")).toBe("ilia");
    expect(sourceIdOf("cl-ley-21180")).toBe("cl-ley-21180");
  });
});
