import { can } from "@ciar/domain/permissions";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { MilestonesTable } from "../../components/progress/MilestonesTable";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { communeLabel, useCommune } from "../../lib/commune";
import { localized } from "../../lib/localized";
import { useAccountTRPC, useCommuneTRPC, type RouterOutputs } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useLocale } from "../../lib/use-locale";
import { MilestoneForm } from "./MilestoneForm";

export type Milestone = RouterOutputs["milestones"]["list"][number];

/** The commune's AI roadmap: dated milestones by maturity dimension, late ones flagged. */
export function RoadmapPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  const account = useAccountTRPC();
  const queryClient = useQueryClient();
  useDocumentTitle(`${t("roadmap.title")} · ${communeLabel(commune)}`);
  const milestones = useQuery(trpc.milestones.list.queryOptions());
  const framework = useQuery(account.frameworks.current.queryOptions());
  const [editing, setEditing] = useState<Milestone | null>(null);
  const [removing, setRemoving] = useState<Milestone | null>(null);
  const remove = useMutation(
    trpc.milestones.remove.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.milestones.pathFilter());
        setRemoving(null);
      },
    }),
  );
  const mayWrite = can(commune.role, "milestones.write");
  const dimensions = framework.data?.definition.dimensions ?? [];
  const dimensionTitle = (code: string) => {
    const d = dimensions.find((x) => x.code === code);
    return d ? localized(d.title, locale) : code;
  };
  const overdue = milestones.data?.filter((m) => m.overdue).length ?? 0;

  return (
    <>
      <h1>{t("roadmap.title")}</h1>
      <p className="lead">{t("roadmap.lead")}</p>
      <section className="section" aria-labelledby="roadmap-list">
        <h2 id="roadmap-list">{t("roadmap.listHeading")}</h2>
        {milestones.isPending ? (
          <Loading />
        ) : milestones.isError ? (
          <ErrorNotice error={milestones.error} onRetry={() => void milestones.refetch()} />
        ) : milestones.data.length === 0 ? (
          <EmptyState title={t("roadmap.empty")} />
        ) : (
          <>
            <p className="result-count" role="status">
              {t("roadmap.count", { count: milestones.data.length })}
              {overdue > 0 && ` · ${t("roadmap.overdueCount", { count: overdue })}`}
            </p>
            <MilestonesTable
              milestones={milestones.data}
              dimensionTitle={dimensionTitle}
              caption={t("roadmap.listHeading")}
              renderActions={
                mayWrite
                  ? (m) => (
                      <div className="button-row">
                        <button
                          type="button"
                          className="button secondary"
                          onClick={() => setEditing(m)}
                          aria-label={t("roadmap.editLabel", { title: m.title })}
                        >
                          {t("groups.edit")}
                        </button>
                        <button
                          type="button"
                          className="button danger-quiet"
                          onClick={() => setRemoving(m)}
                          aria-label={t("roadmap.removeLabel", { title: m.title })}
                        >
                          {t("platform.remove")}
                        </button>
                      </div>
                    )
                  : undefined
              }
            />
          </>
        )}
      </section>
      {mayWrite && (
        <MilestoneForm
          key={editing?.id ?? "new"}
          milestone={editing}
          dimensions={dimensions}
          onDone={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t("roadmap.removeTitle", { title: removing?.title ?? "" })}
        confirmLabel={t("platform.remove")}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate({ id: removing.id })}
        onCancel={() => {
          remove.reset();
          setRemoving(null);
        }}
      >
        <p>{t("roadmap.removeText")}</p>
      </ConfirmDialog>
    </>
  );
}
