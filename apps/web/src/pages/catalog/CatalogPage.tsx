import { useState } from "react";
import { useTranslation } from "react-i18next";
import { communeLabel, useCommune } from "../../lib/commune";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { useDocumentTitle } from "../../lib/use-document-title";
import { catalogFilterInput, EMPTY_FILTERS, type CatalogFilterState } from "./catalog-filters";
import { CatalogFilters } from "./CatalogFilters";
import { CatalogResults } from "./CatalogResults";
import { ExportButtons } from "./ExportButtons";
import { useCatalogSearch } from "./use-catalog-search";

/** Every use case visible to this commune: its own and those other communes shared. */
export function CatalogPage() {
  const { t } = useTranslation();
  const commune = useCommune();
  useDocumentTitle(`${t("catalog.title")} · ${communeLabel(commune)}`);
  const [filters, setFilters] = useState<CatalogFilterState>(EMPTY_FILTERS);
  const query = useDebouncedValue(filters.query, 300);
  const input = catalogFilterInput({ ...filters, query });
  const result = useCatalogSearch(input, filters.sort);

  return (
    <>
      <h1>{t("catalog.title")}</h1>
      <p className="lead">{t("catalog.lead")}</p>
      <section aria-labelledby="catalog-filters-heading" className="section card">
        <h2 id="catalog-filters-heading" className="visually-hidden">
          {t("catalog.filtersHeading")}
        </h2>
        <CatalogFilters value={filters} onChange={setFilters} facets={result.facets} />
      </section>
      <ExportButtons filters={input} />
      <section aria-labelledby="catalog-results-heading" className="section">
        <h2 id="catalog-results-heading" className="visually-hidden">
          {t("catalog.resultsHeading")}
        </h2>
        <CatalogResults result={result} filtered={Object.keys(input).length > 0} />
      </section>
    </>
  );
}
