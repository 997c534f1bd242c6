import { can } from "@ciar/domain/permissions";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ErrorNotice } from "../../components/StatusMessages";
import { useCommune } from "../../lib/commune";
import { caseDetailPath } from "../../lib/commune-paths";
import { useCommuneTRPC } from "../../lib/trpc";
import { ExportPubliccodeButton } from "./ExportPubliccodeButton";
import type { UseCase } from "./UseCasePage";

/** On another commune's case: endorse (or withdraw), reuse it here, or download publiccode.yml. */
export function ReuseActions({ useCase }: { useCase: UseCase }) {
  const { t } = useTranslation();
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const refresh = () => queryClient.invalidateQueries(trpc.pathFilter());
  const endorse = useMutation(trpc.discussion.endorse.mutationOptions({ onSuccess: refresh }));
  const withdraw = useMutation(trpc.discussion.withdrawEndorsement.mutationOptions({ onSuccess: refresh }));
  const adopt = useMutation(
    trpc.useCases.adopt.mutationOptions({
      onSuccess: async ({ id }) => {
        await refresh();
        await navigate(caseDetailPath(commune.code, id));
      },
    }),
  );
  const mayEndorse = can(commune.role, "endorsements.write");
  const endorsing = endorse.isPending || withdraw.isPending;

  return (
    <div className="action-bar">
      <p className="muted">{t("useCase.endorsementCount", { count: useCase.endorsementCount })}</p>
      <div className="button-row">
        {mayEndorse &&
          (useCase.endorsedByMe ? (
            <button
              type="button"
              className="button secondary"
              disabled={endorsing}
              onClick={() => withdraw.mutate({ id: useCase.id })}
            >
              {t("useCase.withdrawEndorsement")}
            </button>
          ) : (
            <button
              type="button"
              className="button secondary"
              disabled={endorsing}
              onClick={() => endorse.mutate({ id: useCase.id })}
            >
              {t("useCase.endorse")}
            </button>
          ))}
        {useCase.adoptedByMe ? (
          <Link className="button secondary" to={caseDetailPath(commune.code, useCase.adoptedByMe)}>
            {t("useCase.openOurCopy")}
          </Link>
        ) : (
          can(commune.role, "useCases.adopt") && (
            <button
              type="button"
              className="button primary"
              disabled={adopt.isPending}
              onClick={() => adopt.mutate({ id: useCase.id })}
            >
              {adopt.isPending ? t("common.working") : t("useCase.adopt")}
            </button>
          )
        )}
        <ExportPubliccodeButton id={useCase.id} />
      </div>
      <p className="field-hint" aria-live="polite">
        {endorse.isSuccess || withdraw.isSuccess
          ? t(useCase.endorsedByMe ? "useCase.endorsed" : "useCase.endorsementWithdrawn")
          : ""}
      </p>
      {[endorse, withdraw, adopt].map((m, i) => (m.isError ? <ErrorNotice key={i} error={m.error} /> : null))}
    </div>
  );
}
