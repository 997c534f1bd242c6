import { formatDateTime } from "@ciar/domain/format";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCommuneTRPC } from "../../lib/trpc";
import { useLocale } from "../../lib/use-locale";
import { useInvalidateMembers } from "./use-invalidate";

/** Invitations not yet accepted or revoked (admins only: they show e-mail addresses). */
export function PendingInvitations() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useCommuneTRPC();
  const invalidate = useInvalidateMembers();
  const pending = useQuery(trpc.members.invitations.queryOptions());
  const revoke = useMutation(
    trpc.members.revokeInvitation.mutationOptions({ onSuccess: () => invalidate({ invitations: true }) }),
  );

  return (
    <section aria-labelledby="pending-heading" className="section">
      <h2 id="pending-heading">{t("pending.heading")}</h2>
      <div aria-live="polite">
        {revoke.isSuccess ? <p className="notice notice-success">{t("pending.revoked")}</p> : null}
      </div>
      {revoke.isError && <ErrorNotice error={revoke.error} />}
      {pending.isPending ? (
        <Loading />
      ) : pending.isError ? (
        <ErrorNotice error={pending.error} onRetry={() => void pending.refetch()} />
      ) : pending.data.length === 0 ? (
        <EmptyState title={t("pending.empty")} />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("pending.email")}</th>
                <th scope="col">{t("pending.role")}</th>
                <th scope="col">{t("pending.invitedBy")}</th>
                <th scope="col">{t("pending.expires")}</th>
                <th scope="col">{t("members.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {pending.data.map((invitation) => {
                const expired = new Date(invitation.expiresAt) <= new Date();
                return (
                  <tr key={invitation.id}>
                    <th scope="row">{invitation.email}</th>
                    <td>{t(`roles.${invitation.role}`)}</td>
                    <td>{invitation.invitedByName ?? t("common.unknownPerson")}</td>
                    <td>
                      {formatDateTime(invitation.expiresAt, locale)}
                      {expired && <span className="badge"> {t("pending.expired")}</span>}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button danger-quiet"
                        disabled={revoke.isPending && revoke.variables.invitationId === invitation.id}
                        onClick={() => revoke.mutate({ invitationId: invitation.id })}
                        aria-label={t("pending.revokeNamed", { email: invitation.email })}
                      >
                        {t("pending.revoke")}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
