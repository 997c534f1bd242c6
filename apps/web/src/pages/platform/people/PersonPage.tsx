import { formatDateTime } from "@ciar/domain/format";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { ErrorNotice, Loading } from "../../../components/StatusMessages";
import { PLATFORM_LOG_PATH, PLATFORM_PEOPLE_PATH } from "../../../lib/coalition-paths";
import { useMe } from "../../../lib/session";
import { useAccountTRPC, type RouterOutputs } from "../../../lib/trpc";
import { useDocumentTitle } from "../../../lib/use-document-title";
import { useLocale } from "../../../lib/use-locale";

type Person = RouterOutputs["people"]["detail"];

/** /plataforma/personas/:userId: one account, its communes (role, access), lock and unlock. */
export function PersonPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { userId = "" } = useParams();
  const trpc = useAccountTRPC();
  const person = useQuery(trpc.people.detail.queryOptions({ userId }));
  const [confirming, setConfirming] = useState(false);
  useDocumentTitle(person.data ? `${person.data.name} · ${t("people.title")}` : t("people.title"));

  if (person.isPending) return <Loading />;
  if (!person.data) return <ErrorNotice error={person.error} onRetry={() => void person.refetch()} />;
  const p = person.data;
  return (
    <>
      <p>
        <Link to={PLATFORM_PEOPLE_PATH}>{t("people.back")}</Link>
      </p>
      <h1>{p.name}</h1>
      <p className="lead">{p.email}</p>
      <p>
        {p.lockedAt ? (
          <>
            <span className="badge badge-suspended">{t("people.locked")}</span>{" "}
            {t("people.lockedSince", { date: formatDateTime(p.lockedAt, locale) })}
            {p.lockReason ? ` · ${t("people.reason", { reason: p.lockReason })}` : ""}
          </>
        ) : (
          t("people.active")
        )}
      </p>
      <LockButton person={p} onClick={() => setConfirming(true)} />
      <p>
        <Link to={`${PLATFORM_LOG_PATH}?persona=${p.userId}`}>{t("people.history")}</Link>
      </p>
      <section className="section" aria-labelledby="person-memberships">
        <h2 id="person-memberships">{t("people.memberships")}</h2>
        {p.memberships.length === 0 ? (
          <p>{t("people.noMemberships")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("people.commune")}</th>
                  <th scope="col">{t("people.role")}</th>
                  <th scope="col">{t("people.membershipState")}</th>
                </tr>
              </thead>
              <tbody>
                {p.memberships.map((m) => (
                  <tr key={m.communeId}>
                    <th scope="row">
                      {m.name} <span className="muted">({m.code})</span>
                    </th>
                    <td>{t(`roles.${m.role}`)}</td>
                    <td>
                      {m.suspendedAt
                        ? t("people.accessSuspended", { date: formatDateTime(m.suspendedAt, locale) })
                        : t("people.accessActive")}
                      {m.suspensionReason ? ` · ${m.suspensionReason}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <LockDialog person={p} open={confirming} onClose={() => setConfirming(false)} />
    </>
  );
}

function LockButton({ person, onClick }: { person: Person; onClick: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  if (person.userId === me.user.id) return <p className="muted">{t("people.you")}</p>;
  return (
    <p>
      <button type="button" className={`button ${person.lockedAt ? "primary" : "danger"}`} onClick={onClick}>
        {person.lockedAt ? t("people.unlock") : t("people.lock")}
      </button>
    </p>
  );
}

/** Locking ends the person's sessions at once; both are recorded in the platform log. */
function LockDialog({ person, open, onClose }: { person: Person; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useAccountTRPC();
  const queryClient = useQueryClient();
  const reasonId = useId();
  const [reason, setReason] = useState("");
  const done = async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.people.pathFilter()),
      queryClient.invalidateQueries(trpc.platformAudit.pathFilter()),
    ]);
    setReason("");
    onClose();
  };
  const lock = useMutation(trpc.people.lock.mutationOptions({ onSuccess: done }));
  const unlock = useMutation(trpc.people.unlock.mutationOptions({ onSuccess: done }));
  const locking = !person.lockedAt;
  const mutation = locking ? lock : unlock;
  function close() {
    lock.reset();
    unlock.reset();
    setReason("");
    onClose();
  }
  return (
    <ConfirmDialog
      open={open}
      title={locking ? t("people.lockTitle") : t("people.unlockTitle")}
      confirmLabel={locking ? t("people.lockConfirm") : t("people.unlockConfirm")}
      tone={locking ? "danger" : "primary"}
      pending={mutation.isPending}
      error={mutation.error}
      onCancel={close}
      onConfirm={() =>
        locking
          ? lock.mutate({ userId: person.userId, reason: reason.trim() || undefined })
          : unlock.mutate({ userId: person.userId })
      }
    >
      <p>
        {locking
          ? t("people.lockText", { name: person.name, email: person.email })
          : t("people.unlockText", { name: person.name })}
      </p>
      {locking && (
        <div className="field">
          <label htmlFor={reasonId}>{t("people.lockReason")}</label>
          <textarea
            id={reasonId}
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      )}
    </ConfirmDialog>
  );
}
