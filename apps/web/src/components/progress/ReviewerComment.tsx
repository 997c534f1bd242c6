import { useTranslation } from "react-i18next";

/** The coordinator's note on one question of a returned assessment: what to fix, where to fix it. */
export function ReviewerComment({ comment }: { comment: string }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-warning reviewer-comment">
      <p>
        <strong>{t("assessments.reviewerComment")}</strong> {comment}
      </p>
    </div>
  );
}
