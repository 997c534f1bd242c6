import { useTranslation } from "react-i18next";
import { ErrorNotice } from "../../components/StatusMessages";
import { formatTime } from "../../lib/format-time";
import { useLocale } from "../../lib/use-locale";
import type { SaveStatus } from "./use-autosave-answers";

interface Props {
  status: SaveStatus;
  /** Changed questions not saved yet. */
  pendingCodes: readonly string[];
  /** Of those, the ones held back because a field is not valid. */
  invalidCodes: readonly string[];
  onRetry: () => void;
  onReload: () => void;
}

/**
 * Where the answers stand: saving, saved (and when), or why not. A conflict or a lock stops
 * autosaving and says so loudly; everything else is announced politely.
 */
export function AutosaveStatus({ status, pendingCodes, invalidCodes, onRetry, onReload }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (status.state === "conflict" || status.state === "locked") {
    return (
      <div className="notice notice-error" role="alert">
        <p>
          <strong>
            {status.state === "conflict" ? t("assessments.conflictTitle") : t("assessments.lockedTitle")}
          </strong>{" "}
          {status.state === "conflict" ? t("assessments.conflictText") : t("assessments.lockedText")}
        </p>
        {pendingCodes.length > 0 && (
          <p>{t("assessments.unsavedQuestions", { codes: pendingCodes.join(", ") })}</p>
        )}
        <button type="button" className="button secondary" onClick={onReload}>
          {t("assessments.reload")}
        </button>
      </div>
    );
  }
  const message =
    status.state === "saving"
      ? t("assessments.saving")
      : pendingCodes.length > invalidCodes.length
        ? t("assessments.unsaved")
        : status.state === "saved"
          ? t("assessments.savedAt", { time: formatTime(status.at, locale) })
          : "";
  return (
    <div className="autosave-status">
      <p className="save-state" aria-live="polite">
        {message}
      </p>
      {invalidCodes.length > 0 && (
        <p className="field-error">{t("assessments.invalidHeld", { codes: invalidCodes.join(", ") })}</p>
      )}
      {status.state === "failed" && (
        <>
          <p className="field-error">{t("assessments.saveFailed")}</p>
          <ErrorNotice error={status.error} onRetry={onRetry} />
        </>
      )}
    </div>
  );
}
