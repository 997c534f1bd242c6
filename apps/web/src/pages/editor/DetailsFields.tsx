import { formatClp } from "@ciar/domain/format";
import { useTranslation } from "react-i18next";
import { TextAreaField, TextField } from "../../components/Field";
import type { SectionProps } from "./form-section";
import { parseClp } from "./use-case-form";

/** The amount as it will be saved, e.g. "$18.000.000", or nothing while it is not a whole number. */
function clpPreview(text: string): string | undefined {
  const amount = parseClp(text);
  return amount === null || Number.isNaN(amount) ? undefined : formatClp(amount);
}

/** Licence, repository, data sources, costs and the public source of the facts. */
export function DetailsFields({ form, update, errors }: SectionProps) {
  const { t } = useTranslation();
  const costHint = (text: string) => {
    const preview = clpPreview(text);
    return preview ? t("editor.costPreview", { amount: preview }) : t("editor.costHint");
  };
  return (
    <fieldset className="form-section">
      <legend>{t("editor.details")}</legend>
      <TextField
        label={t("editor.license")}
        hint={t("editor.licenseHint")}
        value={form.license}
        onChange={(e) => update({ license: e.target.value })}
        errors={errors.license}
      />
      <TextField
        label={t("editor.repositoryUrl")}
        type="url"
        value={form.repositoryUrl}
        onChange={(e) => update({ repositoryUrl: e.target.value })}
        errors={errors.repositoryUrl}
      />
      <TextAreaField
        label={t("editor.dataSources")}
        hint={t("editor.onePerLine")}
        value={form.dataSources}
        onChange={(e) => update({ dataSources: e.target.value })}
        errors={errors.dataSources}
        rows={3}
      />
      <TextField
        label={t("editor.setupCost")}
        hint={costHint(form.setupCostClp)}
        inputMode="numeric"
        value={form.setupCostClp}
        onChange={(e) => update({ setupCostClp: e.target.value })}
        errors={errors.setupCostClp}
      />
      <TextField
        label={t("editor.monthlyCost")}
        hint={costHint(form.monthlyCostClp)}
        inputMode="numeric"
        value={form.monthlyCostClp}
        onChange={(e) => update({ monthlyCostClp: e.target.value })}
        errors={errors.monthlyCostClp}
      />
      <TextField
        label={t("editor.sourceUrl")}
        hint={t("editor.sourceUrlHint")}
        type="url"
        value={form.sourceUrl}
        onChange={(e) => update({ sourceUrl: e.target.value })}
        errors={errors.sourceUrl}
      />
    </fieldset>
  );
}
