import { zInvitationToken } from "@ciar/domain/schemas/members";
import { formatDateTime } from "@ciar/domain/format";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { useAuthState } from "../../lib/session";
import { useAccountTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useLocale } from "../../lib/use-locale";
import { ExistingAccountAccept } from "./ExistingAccountAccept";
import { NewAccountForm } from "./NewAccountForm";
import { useAcceptInvitation } from "./use-accept-invitation";

/** /invitacion/:token: what the invitation is for, then "create your account" or "sign in to accept". */
export function InvitationPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("invitation.title"));
  const locale = useLocale();
  const trpc = useAccountTRPC();
  const { status } = useAuthState();
  const token = zInvitationToken.safeParse(useParams().token ?? "");
  const accept = useAcceptInvitation();
  // Once accepted, the invitation is used up: asking for its preview again would show "not found"
  // for the moment between signing in and arriving at the commune.
  const joining = accept.isPending || accept.isSuccess;
  const preview = useQuery({
    ...trpc.invitations.preview.queryOptions({ token: token.success ? token.data : "" }),
    enabled: token.success && !joining,
  });

  if (!token.success) {
    return (
      <>
        <h1>{t("invitation.title")}</h1>
        <p className="notice notice-error">{t("invitation.invalidLink")}</p>
      </>
    );
  }
  if (!preview.data && joining) return <Loading label={t("invitation.joining")} />;
  if (preview.isPending || status === "restoring") return <Loading />;
  if (preview.isError) {
    return (
      <>
        <h1>{t("invitation.title")}</h1>
        <ErrorNotice error={preview.error} />
      </>
    );
  }

  const invitation = preview.data;
  return (
    <>
      <h1>{t("invitation.heading", { commune: invitation.communeName })}</h1>
      <dl className="facts card">
        <dt>{t("invitation.commune")}</dt>
        <dd>{invitation.communeName}</dd>
        <dt>{t("invitation.email")}</dt>
        <dd>{invitation.email}</dd>
        <dt>{t("invitation.role")}</dt>
        <dd>{t(`roles.${invitation.role}`)}</dd>
        <dt>{t("invitation.expires")}</dt>
        <dd>{formatDateTime(invitation.expiresAt, locale)}</dd>
      </dl>
      {invitation.accountExists ? (
        <ExistingAccountAccept token={token.data} email={invitation.email} accept={accept} />
      ) : (
        <NewAccountForm token={token.data} email={invitation.email} accept={accept} />
      )}
    </>
  );
}
