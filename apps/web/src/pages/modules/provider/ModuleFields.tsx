import { MODULE_DOCUMENTATION_MAX } from "@ciar/domain/schemas/modules";
import { useTranslation } from "react-i18next";
import { TextAreaField, TextField } from "../../../components/Field";
import type { FieldErrors } from "../../../lib/api-errors";
import type { ModuleForm } from "./module-form";
import { UseCaseSelect } from "./UseCaseSelect";

interface Props {
  form: ModuleForm;
  update: (patch: Partial<ModuleForm>) => void;
  errors: FieldErrors;
  /** Published or retired: the slug is how subscribers' keys call the module, it no longer changes. */
  slugLocked?: boolean;
  useCaseTitle?: string | null;
}

/** What the catalog shows of a module: its use case, name, slug, description, unit and documentation. */
export function ModuleFields({ form, update, errors, slugLocked = false, useCaseTitle }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <UseCaseSelect
        value={form.useCaseId}
        onChange={(useCaseId) => update({ useCaseId })}
        errors={errors.useCaseId}
        currentTitle={useCaseTitle ?? null}
      />
      <TextField
        label={t("moduleEditor.name")}
        value={form.name}
        onChange={(e) => update({ name: e.target.value })}
        errors={errors.name}
        maxLength={200}
      />
      <TextField
        label={t("moduleEditor.slug")}
        hint={slugLocked ? t("moduleEditor.slugLocked") : t("moduleEditor.slugHint")}
        value={form.slug}
        onChange={(e) => update({ slug: e.target.value })}
        errors={errors.slug}
        readOnly={slugLocked}
        autoCapitalize="none"
        spellCheck={false}
        maxLength={60}
      />
      <TextAreaField
        label={t("moduleEditor.description")}
        hint={t("moduleEditor.descriptionHint")}
        value={form.description}
        onChange={(e) => update({ description: e.target.value })}
        errors={errors.description}
        rows={3}
        maxLength={1000}
      />
      <TextField
        label={t("moduleEditor.usageUnit")}
        hint={t("moduleEditor.usageUnitHint")}
        value={form.usageUnit}
        onChange={(e) => update({ usageUnit: e.target.value })}
        errors={errors.usageUnit}
        maxLength={80}
      />
      <TextAreaField
        label={t("moduleEditor.documentation")}
        hint={t("moduleEditor.documentationHint")}
        value={form.documentation}
        onChange={(e) => update({ documentation: e.target.value })}
        errors={errors.documentation}
        rows={8}
        maxLength={MODULE_DOCUMENTATION_MAX}
      />
    </>
  );
}
