import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { TextField } from "../../components/Field";
import { ErrorNotice } from "../../components/StatusMessages";
import { useCommuneTRPC } from "../../lib/trpc";
import type { SectionProps } from "./form-section";
import { KpiIndicatorSelect } from "./KpiIndicatorSelect";
import { newKpiRow, type KpiRow } from "./use-case-form";

/**
 * KPIs as rows that can be added and removed; each field is labelled with its row's number.
 * A KPI can name the coalition indicator it rolls up to, when the commune's coalitions have any.
 */
export function KpiRowsField({ form, update, errors }: SectionProps) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const catalog = useQuery(trpc.indicators.catalog.queryOptions());
  const noIndicators = catalog.isSuccess && catalog.data.indicators.length === 0;
  const setRow = (index: number, patch: Partial<KpiRow>) =>
    update({ kpis: form.kpis.map((row, i) => (i === index ? { ...row, ...patch } : row)) });
  const remove = (index: number) => update({ kpis: form.kpis.filter((_, i) => i !== index) });
  const cell = (index: number, field: keyof Omit<KpiRow, "id" | "indicatorCode">, type = "text") => (
    <TextField
      label={t(`editor.kpi.${field}`, { n: index + 1 })}
      type={type}
      inputMode={type === "text" && field !== "name" && field !== "unit" ? "decimal" : undefined}
      value={form.kpis[index]![field]}
      onChange={(e) => setRow(index, { [field]: e.target.value })}
      errors={errors[`kpis.${index}.${field}`]}
    />
  );
  return (
    <fieldset className="form-section">
      <legend>{t("editor.kpis")}</legend>
      <p className="field-hint">{t("editor.kpisHint")}</p>
      {!noIndicators && form.kpis.length > 0 && <p className="field-hint">{t("editor.kpiIndicatorHint")}</p>}
      {form.kpis.map((row, index) => (
        <div key={row.id} className="kpi-row">
          {cell(index, "name")}
          {cell(index, "unit")}
          {cell(index, "baseline")}
          {cell(index, "current")}
          {cell(index, "target")}
          {cell(index, "measuredOn", "date")}
          {/* Without indicators in the commune's coalitions there is nothing to link to. */}
          {!(noIndicators && row.indicatorCode === "") && (
            <KpiIndicatorSelect
              n={index + 1}
              value={row.indicatorCode}
              catalog={catalog.data}
              loading={catalog.isPending}
              errors={errors[`kpis.${index}.indicatorCode`]}
              onChange={(code) => setRow(index, { indicatorCode: code })}
            />
          )}
          <button
            type="button"
            className="button danger-quiet"
            onClick={() => remove(index)}
            aria-label={t("editor.kpi.removeNamed", { n: index + 1 })}
          >
            {t("editor.kpi.remove")}
          </button>
        </div>
      ))}
      {catalog.isError && form.kpis.length > 0 && (
        <ErrorNotice error={catalog.error} onRetry={() => void catalog.refetch()} />
      )}
      {errors.kpis && <p className="field-error">{errors.kpis.join(" ")}</p>}
      <button
        type="button"
        className="button secondary"
        onClick={() => update({ kpis: [...form.kpis, newKpiRow()] })}
      >
        {t("editor.kpi.add")}
      </button>
    </fieldset>
  );
}
