import { can } from "@ciar/domain/permissions";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorNotice } from "../../components/StatusMessages";
import { useCommune } from "../../lib/commune";
import { caseDetailPath } from "../../lib/commune-paths";
import { useCommuneTRPC } from "../../lib/trpc";
import { ExportPubliccodeButton } from "./ExportPubliccodeButton";
import { ReviewControls } from "./ReviewControls";
import { StateSelects } from "./StateSelects";
import type { UseCase } from "./UseCasePage";

/** On the commune's own case: edit, send for review, review, and move visibility and stage. */
export function WorkflowActions({ useCase }: { useCase: UseCase }) {
  const { t } = useTranslation();
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const submit = useMutation(
    trpc.useCases.submit.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.pathFilter()),
    }),
  );
  const retired = useCase.stage === "retired";

  return (
    <section className="action-bar card" aria-labelledby="uc-workflow">
      <h2 id="uc-workflow" className="visually-hidden">
        {t("useCase.workflow")}
      </h2>
      {useCase.status === "draft" && useCase.reviewNote && (
        <div className="notice notice-error">
          <p>
            <strong>{t("useCase.rejected")}</strong> {useCase.reviewNote}
          </p>
        </div>
      )}
      {useCase.status === "submitted" && <p className="notice">{t("useCase.awaitingReview")}</p>}
      <div className="button-row">
        {can(commune.role, "useCases.write") && !retired && (
          <Link className="button secondary" to={caseDetailPath(commune.code, useCase.id, true)}>
            {t("useCase.edit")}
          </Link>
        )}
        {useCase.status === "draft" && can(commune.role, "useCases.submit") && !retired && (
          <button
            type="button"
            className="button primary"
            disabled={submit.isPending}
            onClick={() => submit.mutate({ id: useCase.id })}
          >
            {submit.isPending ? t("common.working") : t("useCase.submit")}
          </button>
        )}
        <ExportPubliccodeButton id={useCase.id} />
      </div>
      <p className="field-hint" aria-live="polite">
        {submit.isSuccess ? t("useCase.submitted") : ""}
      </p>
      {submit.isError && <ErrorNotice error={submit.error} />}
      {useCase.status === "submitted" && can(commune.role, "useCases.publish") && (
        <ReviewControls id={useCase.id} />
      )}
      {!retired && <StateSelects useCase={useCase} />}
    </section>
  );
}
