import { zEmail } from "@ciar/domain/schemas/common";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { TextField } from "../../components/Field";
import { EmptyState, ErrorNotice } from "../../components/StatusMessages";
import { useAccountTRPC } from "../../lib/trpc";
import type { CoalitionDetail } from "./PlatformCoalitionPage";

type Coordinator = CoalitionDetail["coordinators"][number];

/** People who coordinate the coalition: an existing account, named by its e-mail. */
export function CoalitionCoordinators({ detail }: { detail: CoalitionDetail }) {
  const { t } = useTranslation();
  const trpc = useAccountTRPC();
  const queryClient = useQueryClient();
  const coalitionId = detail.coalition.id;
  const [email, setEmail] = useState("");
  const [emailInvalid, setEmailInvalid] = useState(false);
  const [removing, setRemoving] = useState<Coordinator | null>(null);
  // The admin may have added or removed themselves: auth.me lists the coalitions one coordinates.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.coalitions.pathFilter()),
      queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
    ]);
  const add = useMutation(trpc.coalitions.addCoordinator.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(
    trpc.coalitions.removeCoordinator.mutationOptions({
      onSuccess: async () => {
        await refresh();
        setRemoving(null);
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = zEmail.safeParse(email);
    if (!parsed.success) return setEmailInvalid(true);
    setEmailInvalid(false);
    add.mutate({ coalitionId, email: parsed.data }, { onSuccess: () => setEmail("") });
  }

  return (
    <section className="section" aria-labelledby="platform-coordinators">
      <h2 id="platform-coordinators">{t("platform.coordinatorsHeading")}</h2>
      {detail.coordinators.length === 0 ? (
        <EmptyState title={t("platform.noCoordinators")} />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("platform.coordinatorsHeading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("members.name")}</th>
                <th scope="col">{t("members.email")}</th>
                <th scope="col">{t("members.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {detail.coordinators.map((c) => (
                <tr key={c.userId}>
                  <th scope="row">{c.name}</th>
                  <td>{c.email}</td>
                  <td>
                    <button
                      type="button"
                      className="button danger-quiet"
                      onClick={() => setRemoving(c)}
                      aria-label={t("platform.removeCoordinatorLabel", { name: c.name })}
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
          label={t("platform.coordinatorEmail")}
          hint={t("platform.coordinatorHint")}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          errors={emailInvalid ? [t("validation.email")] : undefined}
        />
        <button type="submit" className="button primary" disabled={add.isPending}>
          {add.isPending ? t("common.working") : t("platform.addCoordinator")}
        </button>
        <p className="form-note" aria-live="polite">
          {add.isSuccess ? t("platform.coordinatorAdded", { name: add.data.name }) : ""}
        </p>
        {add.isError && <ErrorNotice error={add.error} />}
      </form>
      <ConfirmDialog
        open={removing !== null}
        title={t("platform.removeCoordinatorTitle", { name: removing?.name ?? "" })}
        confirmLabel={t("platform.remove")}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate({ coalitionId, userId: removing.userId })}
        onCancel={() => {
          remove.reset();
          setRemoving(null);
        }}
      >
        <p>{t("platform.removeCoordinatorText")}</p>
      </ConfirmDialog>
    </section>
  );
}
