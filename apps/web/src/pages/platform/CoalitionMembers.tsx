import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { TextField } from "../../components/Field";
import { EmptyState, ErrorNotice } from "../../components/StatusMessages";
import { useAccountTRPC } from "../../lib/trpc";
import type { CoalitionDetail } from "./PlatformCoalitionPage";

type Member = CoalitionDetail["members"][number];

/** Five digits: Chile's official commune code (CUT), e.g. 04101 for La Serena. */
const CUT_PATTERN = /^\d{5}$/;

/** Member communes: added by their CUT, removed after a confirmation (it hides their progress). */
export function CoalitionMembers({ detail }: { detail: CoalitionDetail }) {
  const { t } = useTranslation();
  const trpc = useAccountTRPC();
  const queryClient = useQueryClient();
  const coalitionId = detail.coalition.id;
  const [cut, setCut] = useState("");
  const [cutInvalid, setCutInvalid] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.coalitions.pathFilter());
  const add = useMutation(trpc.coalitions.addMember.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(
    trpc.coalitions.removeMember.mutationOptions({
      onSuccess: async () => {
        await refresh();
        setRemoving(null);
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const code = cut.trim();
    if (!CUT_PATTERN.test(code)) return setCutInvalid(true);
    setCutInvalid(false);
    add.mutate({ coalitionId, communeCode: code }, { onSuccess: () => setCut("") });
  }

  return (
    <section className="section" aria-labelledby="platform-members">
      <h2 id="platform-members">{t("platform.membersHeading", { count: detail.members.length })}</h2>
      {detail.members.length === 0 ? (
        <EmptyState title={t("coalition.noMembers")} />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("coalition.membersCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("review.commune")}</th>
                <th scope="col">{t("coalition.cut")}</th>
                <th scope="col">{t("review.region")}</th>
                <th scope="col">{t("members.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {detail.members.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.name}</th>
                  <td>{m.code}</td>
                  <td>{m.region}</td>
                  <td>
                    <button
                      type="button"
                      className="button danger-quiet"
                      onClick={() => setRemoving(m)}
                      aria-label={t("platform.removeMemberLabel", { commune: m.name })}
                    >
                      {t("platform.remove")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="form inline-form card" onSubmit={submit} noValidate>
        <TextField
          label={t("platform.addMemberCut")}
          hint={t("platform.addMemberHint")}
          value={cut}
          inputMode="numeric"
          maxLength={5}
          onChange={(e) => setCut(e.target.value)}
          errors={cutInvalid ? [t("platform.cutInvalid")] : undefined}
        />
        <button type="submit" className="button primary" disabled={add.isPending}>
          {add.isPending ? t("common.working") : t("platform.addMember")}
        </button>
        <p className="form-note" aria-live="polite">
          {add.isSuccess
            ? add.data.added
              ? t("platform.memberAdded", { commune: add.data.name })
              : t("platform.memberAlready", { commune: add.data.name })
            : ""}
        </p>
        {add.isError && <ErrorNotice error={add.error} />}
      </form>
      <ConfirmDialog
        open={removing !== null}
        title={t("platform.removeMemberTitle", { commune: removing?.name ?? "" })}
        confirmLabel={t("platform.remove")}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate({ coalitionId, communeId: removing.id })}
        onCancel={() => {
          remove.reset();
          setRemoving(null);
        }}
      >
        <p>{t("platform.removeMemberText")}</p>
      </ConfirmDialog>
    </section>
  );
}
