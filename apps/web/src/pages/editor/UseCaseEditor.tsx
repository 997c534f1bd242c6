import { STAGES } from "@ciar/domain/use-cases";
import { canSetStage } from "@ciar/domain/permissions";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ErrorNotice } from "../../components/StatusMessages";
import { appCodeOf, serverFieldErrors, type FieldErrors } from "../../lib/api-errors";
import { useCommune } from "../../lib/commune";
import { caseDetailPath } from "../../lib/commune-paths";
import { formatTime } from "../../lib/format-time";
import { useLocale } from "../../lib/use-locale";
import { mergeFieldErrors, zodFieldErrors } from "../../lib/validation";
import { BasicsFields } from "./BasicsFields";
import { DetailsFields } from "./DetailsFields";
import { draftStore, type LocalDraft } from "./draft-store";
import { DraftRestorePrompt } from "./DraftRestorePrompt";
import { KpiRowsField } from "./KpiRowsField";
import { TransparencyFields } from "./TransparencyFields";
import { useAutosaveDraft } from "./use-autosave-draft";
import { formFieldErrors, type UseCaseForm } from "./use-case-form";
import { useSaveUseCase, type EditTarget } from "./use-save-use-case";

interface Props {
  initial: UseCaseForm;
  target: EditTarget | null;
  draftKey: string;
  storedDraft: LocalDraft | null;
  onReload?: () => void;
}

export function UseCaseEditor({ initial, target, draftKey, storedDraft, onReload }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const commune = useCommune();
  const navigate = useNavigate();
  const [form, setForm] = useState(initial);
  const [dirty, setDirty] = useState(false);
  const [offer, setOffer] = useState(storedDraft);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const { save, pending, error } = useSaveUseCase(target);
  const savedAt = useAutosaveDraft(draftKey, form, target?.version ?? null, dirty);
  const stages = STAGES.filter((s) => (target ? canSetStage(commune.role, s) : s !== "retired"));

  const update = (patch: Partial<UseCaseForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setDirty(true);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const result = await save(form);
      if ("issues" in result && result.issues) {
        setClientErrors(zodFieldErrors(result.issues, (key, values) => t(key, values)));
        return;
      }
      setClientErrors({});
      draftStore.clear(draftKey);
      setDirty(false);
      await navigate(caseDetailPath(commune.code, result.id));
    } catch {
      // shown below from the mutation's error; the local draft stays
    }
  }

  const errors = mergeFieldErrors(clientErrors, formFieldErrors(serverFieldErrors(error)));
  const conflict = appCodeOf(error) === "useCases.version_conflict";
  const hasClientErrors = Object.keys(clientErrors).length > 0;
  return (
    <>
      {offer && (
        <DraftRestorePrompt
          draft={offer}
          onRestore={() => {
            setForm(offer.form);
            setDirty(true);
            setOffer(null);
          }}
          onDiscard={() => {
            draftStore.clear(draftKey);
            setOffer(null);
          }}
        />
      )}
      <form className="form editor-form" onSubmit={(e) => void submit(e)} noValidate>
        <BasicsFields form={form} update={update} errors={errors} stages={stages} />
        <DetailsFields form={form} update={update} errors={errors} />
        <KpiRowsField form={form} update={update} errors={errors} />
        <TransparencyFields form={form} update={update} errors={errors} />
        <div className="editor-footer">
          <p className="field-hint" aria-live="polite">
            {savedAt ? t("editor.draftSaved", { time: formatTime(savedAt, locale) }) : ""}
          </p>
          {hasClientErrors && (
            <p className="field-error" role="alert">
              {t("editor.fixErrors")}
            </p>
          )}
          {error && !hasClientErrors ? <ErrorNotice error={error} /> : null}
          {conflict && onReload && (
            <button type="button" className="button secondary" onClick={onReload}>
              {t("editor.reloadLatest")}
            </button>
          )}
          <button type="submit" className="button primary" disabled={pending}>
            {pending ? t("common.working") : target ? t("editor.saveChanges") : t("editor.create")}
          </button>
        </div>
      </form>
    </>
  );
}
