import { AI_TECHNIQUES, SERVICE_AREAS, STAGES } from "@ciar/domain/use-cases";
import { useTranslation } from "react-i18next";
import { CheckboxGroup } from "../../components/CheckboxGroup";
import { SelectField, TextAreaField, TextField } from "../../components/Field";
import type { UseCaseForm } from "./use-case-form";
import type { SectionProps } from "./form-section";

/** What the case is: title, summary, problem, solution, area, techniques, tags and stage. */
export function BasicsFields({ form, update, errors, stages }: SectionProps & { stages: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <fieldset className="form-section">
      <legend>{t("editor.basics")}</legend>
      <TextField
        label={t("editor.title")}
        value={form.title}
        onChange={(e) => update({ title: e.target.value })}
        errors={errors.title}
      />
      <TextAreaField
        label={t("editor.summary")}
        hint={t("editor.summaryHint")}
        value={form.summary}
        onChange={(e) => update({ summary: e.target.value })}
        errors={errors.summary}
        rows={3}
      />
      <TextAreaField
        label={t("editor.problem")}
        value={form.problem}
        onChange={(e) => update({ problem: e.target.value })}
        errors={errors.problem}
      />
      <TextAreaField
        label={t("editor.solution")}
        value={form.solution}
        onChange={(e) => update({ solution: e.target.value })}
        errors={errors.solution}
      />
      <SelectField
        label={t("editor.serviceArea")}
        value={form.serviceArea}
        onChange={(e) => update({ serviceArea: e.target.value as UseCaseForm["serviceArea"] })}
        errors={errors.serviceArea}
      >
        <option value="">{t("editor.chooseArea")}</option>
        {SERVICE_AREAS.map((area) => (
          <option key={area} value={area}>
            {t(`serviceAreas.${area}`)}
          </option>
        ))}
      </SelectField>
      <CheckboxGroup
        legend={t("editor.techniques")}
        options={AI_TECHNIQUES.map((value) => ({ value, label: t(`techniques.${value}`) }))}
        value={form.techniques}
        onChange={(techniques) => update({ techniques })}
        errors={errors.techniques}
      />
      <TextField
        label={t("editor.tags")}
        hint={t("editor.tagsHint")}
        value={form.tags}
        onChange={(e) => update({ tags: e.target.value })}
        errors={errors.tags}
      />
      <SelectField
        label={t("editor.stage")}
        value={form.stage}
        onChange={(e) => update({ stage: e.target.value as UseCaseForm["stage"] })}
        errors={errors.stage}
      >
        {STAGES.filter((s) => stages.includes(s) || s === form.stage).map((stage) => (
          <option key={stage} value={stage}>
            {t(`stages.${stage}`)}
          </option>
        ))}
      </SelectField>
    </fieldset>
  );
}
