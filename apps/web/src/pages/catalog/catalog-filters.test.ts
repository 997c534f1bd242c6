import { describe, expect, it } from "vitest";
import { catalogFilterInput, EMPTY_FILTERS, effectiveSort } from "./catalog-filters";

describe("catalogFilterInput", () => {
  it("sends nothing for an untouched form (every visible case)", () => {
    expect(catalogFilterInput(EMPTY_FILTERS)).toEqual({});
    expect(catalogFilterInput({ ...EMPTY_FILTERS, query: "   " })).toEqual({});
  });

  it("turns each chosen value into the API's list filter", () => {
    expect(
      catalogFilterInput({
        ...EMPTY_FILTERS,
        query: " permiso edificacion ",
        serviceArea: "obras_permisos",
        technique: "llm_nlp",
        stage: "pilot",
        regionIso: "CL-CO",
        communeId: "01936d3c-6f3a-7b8e-9c1d-2e3f4a5b6c7d",
        hasKpis: true,
      }),
    ).toEqual({
      query: "permiso edificacion",
      serviceAreas: ["obras_permisos"],
      techniques: ["llm_nlp"],
      stages: ["pilot"],
      regionIso: ["CL-CO"],
      communeIds: ["01936d3c-6f3a-7b8e-9c1d-2e3f4a5b6c7d"],
      hasKpis: true,
    });
  });

  it("never asks for cases without KPIs when the box is unticked", () => {
    expect(catalogFilterInput({ ...EMPTY_FILTERS, hasKpis: false })).not.toHaveProperty("hasKpis");
  });
});

describe("effectiveSort", () => {
  it("falls back to recent when sorting by relevance without a query", () => {
    expect(effectiveSort(EMPTY_FILTERS)).toBe("recent");
    expect(effectiveSort({ ...EMPTY_FILTERS, query: "oirs" })).toBe("relevance");
    expect(effectiveSort({ ...EMPTY_FILTERS, sort: "most_reused" })).toBe("most_reused");
  });
});
