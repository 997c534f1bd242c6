import { useTranslation } from "react-i18next";
import { TextField } from "../../components/Field";
import type { SectionProps } from "./form-section";
import { newKpiRow, type KpiRow } from "./use-case-form";

/** KPIs as rows that can be added and removed; each field is labelled with its row's number. */
export function KpiRowsField({ form, update, errors }: SectionProps) {
  const { t } = useTranslation();
  const setRow = (index: number, patch: Partial<KpiRow>) =>
    update({ kpis: form.kpis.map((row, i) => (i === index ? { ...row, ...patch } : row)) });
  const remove = (index: number) => update({ kpis: form.kpis.filter((_, i) => i !== index) });
  const cell = (index: number, field: keyof Omit<KpiRow, "id">, type = "text") => (
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
      {form.kpis.map((row, index) => (
        <div key={row.id} className="kpi-row">
          {cell(index, "name")}
          {cell(index, "unit")}
          {cell(index, "baseline")}
          {cell(index, "current")}
          {cell(index, "target")}
          {cell(index, "measuredOn", "date")}
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
