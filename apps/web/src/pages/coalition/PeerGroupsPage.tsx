import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCoalition } from "../../lib/coalition";
import { useAccountTRPC, type RouterOutputs } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { PeerGroupForm } from "./PeerGroupForm";

export type PeerGroup = RouterOutputs["peerGroups"]["list"][number];

/**
 * The coordinator's own comparison groups ("ciudades puerto"): views can be filtered by them and
 * their members compare themselves with them (aggregates only, never under 3 communes).
 */
export function PeerGroupsPage() {
  const { t } = useTranslation();
  const coalition = useCoalition();
  const trpc = useAccountTRPC();
  const queryClient = useQueryClient();
  useDocumentTitle(`${t("groups.title")} · ${coalition.name}`);
  const groups = useQuery(trpc.peerGroups.list.queryOptions({ coalitionId: coalition.id }));
  const [editing, setEditing] = useState<PeerGroup | null>(null);
  const [removing, setRemoving] = useState<PeerGroup | null>(null);
  const remove = useMutation(
    trpc.peerGroups.remove.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.peerGroups.pathFilter());
        setRemoving(null);
      },
    }),
  );

  return (
    <>
      <h1>{t("groups.title")}</h1>
      <p className="lead">{t("groups.lead")}</p>
      <section className="section" aria-labelledby="groups-list">
        <h2 id="groups-list">{t("groups.listHeading")}</h2>
        {groups.isPending ? (
          <Loading />
        ) : groups.isError ? (
          <ErrorNotice error={groups.error} onRetry={() => void groups.refetch()} />
        ) : groups.data.length === 0 ? (
          <EmptyState title={t("groups.empty")} />
        ) : (
          <ul className="card-list">
            {groups.data.map((group) => (
              <li key={group.id} className="card">
                <h3>{group.name}</h3>
                {group.description && <p className="prose">{group.description}</p>}
                <p className="muted">
                  {t("groups.members", { count: group.members.length })}:{" "}
                  {group.members.map((m) => m.name).join(", ")}
                </p>
                {group.members.length < 3 && <p className="field-hint">{t("groups.tooSmall")}</p>}
                <div className="button-row">
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() => setEditing(group)}
                    aria-label={t("groups.editLabel", { name: group.name })}
                  >
                    {t("groups.edit")}
                  </button>
                  <button
                    type="button"
                    className="button danger-quiet"
                    onClick={() => setRemoving(group)}
                    aria-label={t("groups.removeLabel", { name: group.name })}
                  >
                    {t("platform.remove")}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <PeerGroupForm key={editing?.id ?? "new"} group={editing} onDone={() => setEditing(null)} />
      <ConfirmDialog
        open={removing !== null}
        title={t("groups.removeTitle", { name: removing?.name ?? "" })}
        confirmLabel={t("platform.remove")}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate({ coalitionId: coalition.id, groupId: removing.id })}
        onCancel={() => {
          remove.reset();
          setRemoving(null);
        }}
      >
        <p>{t("groups.removeText")}</p>
      </ConfirmDialog>
    </>
  );
}
