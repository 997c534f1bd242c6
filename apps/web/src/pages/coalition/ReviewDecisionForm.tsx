import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TextAreaField } from "../../components/Field";
import { ErrorNotice } from "../../components/StatusMessages";
import { serverFieldErrors } from "../../lib/api-errors";
import { useCoalition } from "../../lib/coalition";
import { useAccountTRPC } from "../../lib/trpc";

/** A general comment is what the commune reads first when its assessment comes back. */
const MIN_RETURN_COMMENT = 3;

/**
 * The coordinator's decision. Returning needs a general comment (and sends the per-question
 * ones typed under the answers); validating takes an optional one.
 */
export function ReviewDecisionForm({
  assessmentId,
  questionComments,
}: {
  assessmentId: string;
  questionComments: Record<string, string>;
}) {
  const { t } = useTranslation();
  const coalition = useCoalition();
  const trpc = useAccountTRPC();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState("");
  const [commentMissing, setCommentMissing] = useState(false);
  const onSuccess = () => queryClient.invalidateQueries(trpc.assessmentReview.pathFilter());
  const returnIt = useMutation(trpc.assessmentReview.return.mutationOptions({ onSuccess }));
  const validate = useMutation(trpc.assessmentReview.validate.mutationOptions({ onSuccess }));
  const pending = returnIt.isPending || validate.isPending;
  const error = returnIt.error ?? validate.error;
  const filled = Object.fromEntries(
    Object.entries(questionComments)
      .map(([code, text]) => [code, text.trim()] as const)
      .filter(([, text]) => text.length > 0),
  );
  const filledCount = Object.keys(filled).length;

  function sendBack() {
    if (comment.trim().length < MIN_RETURN_COMMENT) return setCommentMissing(true);
    setCommentMissing(false);
    returnIt.mutate({
      coalitionId: coalition.id,
      assessmentId,
      comment: comment.trim(),
      questionComments: filled,
    });
  }

  const commentErrors = [
    ...(commentMissing ? [t("review.commentRequired")] : []),
    ...(serverFieldErrors(error).comment ?? []),
  ];
  return (
    <section className="card review-decision" aria-labelledby="review-decision">
      <h2 id="review-decision">{t("review.decisionHeading")}</h2>
      <TextAreaField
        label={t("review.generalComment")}
        hint={t("review.generalCommentHint")}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        errors={commentErrors.length > 0 ? commentErrors : undefined}
        rows={4}
      />
      <p className="field-hint">{t("review.questionCommentsCount", { count: filledCount })}</p>
      <div className="button-row">
        <button type="button" className="button danger-quiet" disabled={pending} onClick={sendBack}>
          {t("review.return")}
        </button>
        <button
          type="button"
          className="button primary"
          disabled={pending}
          onClick={() =>
            validate.mutate({
              coalitionId: coalition.id,
              assessmentId,
              ...(comment.trim() ? { comment: comment.trim() } : {}),
            })
          }
        >
          {t("review.validate")}
        </button>
      </div>
      <p className="field-hint" aria-live="polite">
        {pending ? t("common.working") : ""}
      </p>
      {error && !serverFieldErrors(error).comment ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
