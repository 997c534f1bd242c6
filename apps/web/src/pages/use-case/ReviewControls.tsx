import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { TextAreaField } from "../../components/Field";
import { ErrorNotice } from "../../components/StatusMessages";
import { serverFieldErrors } from "../../lib/api-errors";
import { useCommuneTRPC } from "../../lib/trpc";

/** Admins: approve a submitted case, or send it back with a reason the editors will read. */
export function ReviewControls({ id }: { id: string }) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [tooShort, setTooShort] = useState(false);
  const review = useMutation(
    trpc.useCases.review.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.pathFilter()),
    }),
  );

  function reject(event: FormEvent) {
    event.preventDefault();
    if (reason.trim().length < 5) return setTooShort(true);
    setTooShort(false);
    review.mutate({ id, decision: "reject", reason: reason.trim() });
  }

  const errors = [
    ...(tooShort ? [t("validation.tooShort", { min: 5 })] : []),
    ...(serverFieldErrors(review.error).reason ?? []),
  ];
  return (
    <div className="review-controls">
      <h3>{t("useCase.review")}</h3>
      <button
        type="button"
        className="button primary"
        disabled={review.isPending}
        onClick={() => review.mutate({ id, decision: "approve" })}
      >
        {t("useCase.approve")}
      </button>
      <form className="form" onSubmit={reject} noValidate>
        <TextAreaField
          label={t("useCase.rejectReason")}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          errors={errors.length ? errors : undefined}
          rows={2}
        />
        <button type="submit" className="button danger-quiet" disabled={review.isPending}>
          {t("useCase.reject")}
        </button>
      </form>
      {review.isError && !serverFieldErrors(review.error).reason && <ErrorNotice error={review.error} />}
    </div>
  );
}
