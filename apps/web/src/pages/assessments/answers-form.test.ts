import { describe, expect, it } from "vitest";
import { formFromAnswers, levelsOf, linksOf, mergeSaved, parseAnswer } from "./answers-form";

const outline = {
  dimensions: [
    { code: "d1", questions: [{ code: "A1" }, { code: "A2" }] },
    { code: "d2", questions: [{ code: "B1" }] },
  ],
};

describe("formFromAnswers", () => {
  it("has every question of the framework, answered or not, with the links one per line", () => {
    const form = formFromAnswers(outline, [
      {
        questionCode: "A2",
        level: 3,
        evidence: "Decreto 123",
        evidenceLinks: ["https://a.example/1", "https://a.example/2"],
        comment: "",
      },
    ]);
    expect(Object.keys(form)).toEqual(["A1", "A2", "B1"]);
    expect(form.A1).toEqual({ level: null, evidence: "", links: "", comment: "" });
    expect(form.A2).toEqual({
      level: 3,
      evidence: "Decreto 123",
      links: "https://a.example/1\nhttps://a.example/2",
      comment: "",
    });
    expect(levelsOf(form)).toEqual({ A1: null, A2: 3, B1: null });
  });
});

describe("linksOf", () => {
  it("keeps the non-empty lines, trimmed", () => {
    expect(linksOf("  https://a.example \n\n\r\nhttps://b.example\n  ")).toEqual([
      "https://a.example",
      "https://b.example",
    ]);
    expect(linksOf("")).toEqual([]);
  });
});

describe("parseAnswer (the API's own schema)", () => {
  it("turns a valid draft into the API's input", () => {
    const parsed = parseAnswer("A1", {
      level: 2,
      evidence: " Acta ",
      links: "https://a.example",
      comment: "",
    });
    expect(parsed).toEqual({
      ok: true,
      input: {
        questionCode: "A1",
        level: 2,
        evidence: "Acta",
        evidenceLinks: ["https://a.example"],
        comment: "",
      },
    });
  });

  it("holds back a link that is not a web address, and says which field", () => {
    const parsed = parseAnswer("A1", {
      level: 2,
      evidence: "",
      links: "https://ok.example\nno es un enlace",
      comment: "",
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.issues[0]?.path).toEqual(["evidenceLinks", 1]);
  });

  it("accepts an unanswered question (a draft saves what is there)", () => {
    expect(parseAnswer("A1", { level: null, evidence: "", links: "", comment: "" }).ok).toBe(true);
  });
});

describe("mergeSaved", () => {
  it("replaces the saved answers and adds new ones, stamped with the save's time", () => {
    const stored = [
      { questionCode: "A1", level: 1, evidence: "", evidenceLinks: [], comment: "", updatedAt: "t0" },
      { questionCode: "A2", level: 2, evidence: "", evidenceLinks: [], comment: "", updatedAt: "t0" },
    ];
    const merged = mergeSaved(
      stored,
      [
        { questionCode: "A2", level: 4, evidence: "x", evidenceLinks: [], comment: "" },
        { questionCode: "B1", level: 5, evidence: "", evidenceLinks: [], comment: "" },
      ],
      "t1",
    );
    expect(merged.map((a) => [a.questionCode, a.level, a.updatedAt])).toEqual([
      ["A1", 1, "t0"],
      ["A2", 4, "t1"],
      ["B1", 5, "t1"],
    ]);
  });
});
