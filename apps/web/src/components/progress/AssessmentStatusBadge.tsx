import { useTranslation } from "react-i18next";
import { useProgressLabels } from "../../lib/progress-labels";

/** The status of a self-assessment as a label; the text carries the meaning, colour only helps. */
export function AssessmentStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const labels = useProgressLabels();
  return (
    <span className={`badge assessment-status assessment-${status}`}>
      <span className="visually-hidden">{t("assessments.status")}: </span>
      {labels.status(status)}
    </span>
  );
}
