import type { CatalogSearchInput } from "@ciar/domain/schemas/use-cases";
import type { AiTechnique, CatalogSort, ServiceArea, Stage } from "@ciar/domain/use-cases";

/** What the catalog's controls hold: "" means "any". */
export interface CatalogFilterState {
  query: string;
  serviceArea: ServiceArea | "";
  technique: AiTechnique | "";
  stage: Stage | "";
  regionIso: string;
  communeId: string;
  hasKpis: boolean;
  sort: CatalogSort;
}

export const EMPTY_FILTERS: CatalogFilterState = {
  query: "",
  serviceArea: "",
  technique: "",
  stage: "",
  regionIso: "",
  communeId: "",
  hasKpis: false,
  sort: "relevance",
};

export type CatalogFilterInput = Omit<CatalogSearchInput, "sort" | "cursor" | "limit">;

/**
 * The API's filters: only what is set. An unticked "has KPIs" means "any", not "without KPIs"
 * (hasKpis: false would hide every case that has them).
 */
export function catalogFilterInput(state: CatalogFilterState): CatalogFilterInput {
  const input: CatalogFilterInput = {};
  const query = state.query.trim();
  if (query) input.query = query;
  if (state.serviceArea) input.serviceAreas = [state.serviceArea];
  if (state.technique) input.techniques = [state.technique];
  if (state.stage) input.stages = [state.stage];
  if (state.regionIso) input.regionIso = [state.regionIso];
  if (state.communeId) input.communeIds = [state.communeId];
  if (state.hasKpis) input.hasKpis = true;
  return input;
}

/** "Relevance" only means something with a query; without one the API sorts by recency. */
export function effectiveSort(state: CatalogFilterState): CatalogSort {
  return state.sort === "relevance" && !state.query.trim() ? "recent" : state.sort;
}
