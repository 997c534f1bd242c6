import { AI_TECHNIQUES, CATALOG_SORTS, SERVICE_AREAS, STAGES } from "@ciar/domain/use-cases";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "../../components/Field";
import { CHILE_REGIONS } from "../../lib/regions";
import type { CatalogFilterState } from "./catalog-filters";
import type { CatalogPage } from "./use-catalog-search";

interface Props {
  value: CatalogFilterState;
  onChange: (next: CatalogFilterState) => void;
  facets: CatalogPage["facets"];
}

export function CatalogFilters({ value, onChange, facets }: Props) {
  const { t } = useTranslation();
  const set = <K extends keyof CatalogFilterState>(key: K, v: CatalogFilterState[K]) =>
    onChange({ ...value, [key]: v });
  const count = (n: number | undefined) => (facets ? ` (${n ?? 0})` : "");

  return (
    <div className="filters">
      <div className="filters-search">
        <TextField
          label={t("catalog.search")}
          hint={t("catalog.searchHint")}
          type="search"
          value={value.query}
          onChange={(e) => set("query", e.target.value)}
        />
      </div>
      <SelectField
        label={t("catalog.serviceArea")}
        value={value.serviceArea}
        onChange={(e) => set("serviceArea", e.target.value as CatalogFilterState["serviceArea"])}
      >
        <option value="">{t("catalog.any")}</option>
        {SERVICE_AREAS.map((area) => (
          <option key={area} value={area}>
            {t(`serviceAreas.${area}`)}
            {count(facets?.serviceArea[area])}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("catalog.technique")}
        value={value.technique}
        onChange={(e) => set("technique", e.target.value as CatalogFilterState["technique"])}
      >
        <option value="">{t("catalog.any")}</option>
        {AI_TECHNIQUES.map((technique) => (
          <option key={technique} value={technique}>
            {t(`techniques.${technique}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("catalog.stage")}
        value={value.stage}
        onChange={(e) => set("stage", e.target.value as CatalogFilterState["stage"])}
      >
        <option value="">{t("catalog.any")}</option>
        {STAGES.map((stage) => (
          <option key={stage} value={stage}>
            {t(`stages.${stage}`)}
            {count(facets?.stage[stage])}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("catalog.region")}
        value={value.regionIso}
        onChange={(e) => set("regionIso", e.target.value)}
      >
        <option value="">{t("catalog.anyRegion")}</option>
        {CHILE_REGIONS.map((region) => (
          <option key={region.iso} value={region.iso}>
            {region.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("catalog.commune")}
        value={value.communeId}
        onChange={(e) => set("communeId", e.target.value)}
      >
        <option value="">{t("catalog.anyCommune")}</option>
        {(facets?.commune ?? []).map((commune) => (
          <option key={commune.id} value={commune.id}>
            {commune.name}
            {count(commune.n)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("catalog.sort")}
        value={value.sort}
        onChange={(e) => set("sort", e.target.value as CatalogFilterState["sort"])}
      >
        {CATALOG_SORTS.map((sort) => (
          <option key={sort} value={sort}>
            {t(`catalog.sorts.${sort}`)}
          </option>
        ))}
      </SelectField>
      <div className="field checkbox-field">
        <input
          id="catalog-has-kpis"
          type="checkbox"
          checked={value.hasKpis}
          onChange={(e) => set("hasKpis", e.target.checked)}
        />
        <label htmlFor="catalog-has-kpis">{t("catalog.hasKpis")}</label>
      </div>
    </div>
  );
}
