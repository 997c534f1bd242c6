import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorNotice } from "../../components/StatusMessages";
import { useCoalition } from "../../lib/coalition";
import { useAccountTRPC } from "../../lib/trpc";

/**
 * Whether member communes see each other's individual results. Off by default: communes then
 * see only aggregates of groups of three or more. Every member's audit log records a change.
 */
export function SharingToggle({ shareResults }: { shareResults: boolean }) {
  const { t } = useTranslation();
  const coalition = useCoalition();
  const trpc = useAccountTRPC();
  const queryClient = useQueryClient();
  const setSharing = useMutation(
    trpc.coalitions.setSharing.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.coalitions.get.pathFilter()),
    }),
  );
  // While the change is on its way the box already shows it (the server's answer then confirms it).
  const checked = setSharing.isPending ? setSharing.variables.shareResults : shareResults;
  return (
    <section className="section card" aria-labelledby="sharing-heading">
      <h2 id="sharing-heading">{t("sharing.heading")}</h2>
      <p>{t("sharing.explanation")}</p>
      <p>{t("sharing.aggregates")}</p>
      <div className="checkbox-field">
        <input
          id="share-results"
          type="checkbox"
          checked={checked}
          disabled={setSharing.isPending}
          onChange={(e) => setSharing.mutate({ coalitionId: coalition.id, shareResults: e.target.checked })}
          aria-describedby="share-results-state"
        />
        <label htmlFor="share-results">{t("sharing.label")}</label>
      </div>
      <p id="share-results-state" className="field-hint" aria-live="polite">
        {setSharing.isPending ? t("common.working") : checked ? t("sharing.on") : t("sharing.off")}
      </p>
      {setSharing.isError && <ErrorNotice error={setSharing.error} />}
    </section>
  );
}
