import { useTranslation } from "react-i18next";
import { ErrorNotice } from "../../components/StatusMessages";
import { appCodeOf } from "../../lib/api-errors";

interface Props {
  maySubmit: boolean;
  missingCodes: readonly string[];
  /** Changes not on the server yet: submitting now would send an older version. */
  unsaved: boolean;
  /** Changed questions held back because a field is invalid: they must be fixed first. */
  invalidCodes: readonly string[];
  blocked: boolean;
  resubmission: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: () => void;
  onReload: () => void;
}

/**
 * Sending the assessment to the coordination: admins only, once every question is answered and
 * saved. Otherwise it says what is missing, with a link to each unanswered question.
 */
export function SubmitPanel({
  maySubmit,
  missingCodes,
  unsaved,
  invalidCodes,
  blocked,
  resubmission,
  pending,
  error,
  onSubmit,
  onReload,
}: Props) {
  const { t } = useTranslation();
  if (!maySubmit) return <p className="field-hint">{t("assessments.submitAdminsOnly")}</p>;
  const complete = missingCodes.length === 0;
  return (
    <div className="submit-panel">
      {!complete && (
        <div className="notice">
          <p>{t("assessments.missing", { count: missingCodes.length })}</p>
          <ul className="missing-list">
            {missingCodes.map((code) => (
              <li key={code}>
                <a href={`#pregunta-${code}`}>{code}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {complete && invalidCodes.length > 0 && (
        <p className="field-error">{t("assessments.fixBeforeSubmit", { codes: invalidCodes.join(", ") })}</p>
      )}
      {complete && unsaved && invalidCodes.length === 0 && (
        <p className="field-hint">{t("assessments.waitForSave")}</p>
      )}
      <button
        type="button"
        className="button primary"
        disabled={!complete || unsaved || blocked || pending}
        onClick={onSubmit}
      >
        {pending ? t("common.working") : resubmission ? t("assessments.resubmit") : t("assessments.submit")}
      </button>
      {error ? (
        <ErrorNotice
          error={error}
          onRetry={appCodeOf(error) === "assessments.version_conflict" ? onReload : undefined}
        />
      ) : null}
    </div>
  );
}
