import { DECISION_MODES, RISK_LEVELS } from "@ciar/domain/use-cases";
import { useTranslation } from "react-i18next";
import { SelectField, TextAreaField, TextField } from "../../components/Field";
import type { SectionProps } from "./form-section";
import type { UseCaseForm } from "./use-case-form";

type Transparency = UseCaseForm["transparency"];

/** The algorithmic transparency record (Consejo para la Transparencia). */
export function TransparencyFields({ form, update, errors }: SectionProps) {
  const { t } = useTranslation();
  const tr = form.transparency;
  const set = (patch: Partial<Transparency>) => update({ transparency: { ...tr, ...patch } });
  const err = (field: keyof Transparency) => errors[`transparency.${field}`];
  return (
    <fieldset className="form-section">
      <legend>{t("editor.transparency")}</legend>
      <TextAreaField
        label={t("transparency.purpose")}
        value={tr.purpose}
        onChange={(e) => set({ purpose: e.target.value })}
        errors={err("purpose")}
        rows={3}
      />
      <TextAreaField
        label={t("transparency.legalBasis")}
        value={tr.legalBasis}
        onChange={(e) => set({ legalBasis: e.target.value })}
        errors={err("legalBasis")}
        rows={2}
      />
      <TextAreaField
        label={t("transparency.personalData")}
        hint={t("editor.onePerLine")}
        value={tr.personalData}
        onChange={(e) => set({ personalData: e.target.value })}
        errors={err("personalData")}
        rows={3}
      />
      <SelectField
        label={t("transparency.decisionMode")}
        value={tr.decisionMode}
        onChange={(e) => set({ decisionMode: e.target.value as Transparency["decisionMode"] })}
        errors={err("decisionMode")}
      >
        {DECISION_MODES.map((mode) => (
          <option key={mode} value={mode}>
            {t(`decisionModes.${mode}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("transparency.riskLevel")}
        value={tr.riskLevel}
        onChange={(e) => set({ riskLevel: e.target.value as Transparency["riskLevel"] })}
        errors={err("riskLevel")}
      >
        {RISK_LEVELS.map((level) => (
          <option key={level} value={level}>
            {t(`riskLevels.${level}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t("transparency.responsibleUnit")}
        value={tr.responsibleUnit}
        onChange={(e) => set({ responsibleUnit: e.target.value })}
        errors={err("responsibleUnit")}
      />
      <TextField
        label={t("transparency.contactEmail")}
        type="email"
        value={tr.contactEmail}
        onChange={(e) => set({ contactEmail: e.target.value })}
        errors={err("contactEmail")}
      />
    </fieldset>
  );
}
