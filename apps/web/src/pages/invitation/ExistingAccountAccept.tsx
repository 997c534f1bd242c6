import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { useAuthState, useSignOut } from "../../lib/session";
import { useAccountTRPC } from "../../lib/trpc";
import type { AcceptInvitation } from "./use-accept-invitation";

/**
 * The invited e-mail already has an account: holding the link does not prove who you are, so the
 * person must be signed in as that account to accept (the API enforces it too).
 */
export function ExistingAccountAccept({
  token,
  email,
  accept,
}: {
  token: string;
  email: string;
  accept: AcceptInvitation;
}) {
  const { t } = useTranslation();
  const trpc = useAccountTRPC();
  const { status } = useAuthState();
  const { pathname } = useLocation();
  const signOut = useSignOut();
  const me = useQuery({ ...trpc.auth.me.queryOptions(), enabled: status === "signedIn" });
  const signInLink = `/ingresar?volver=${encodeURIComponent(pathname)}`;

  if (status !== "signedIn") {
    return (
      <div className="card">
        <p>{t("invitation.signInToAccept", { email })}</p>
        <Link className="button primary" to={signInLink}>
          {t("invitation.signInButton")}
        </Link>
      </div>
    );
  }
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorNotice error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data.user.email.toLowerCase() !== email.toLowerCase()) {
    return (
      <div className="card">
        <p>{t("invitation.wrongAccount", { current: me.data.user.email, email })}</p>
        <button type="button" className="button secondary" onClick={() => void signOut()}>
          {t("header.signOut")}
        </button>
      </div>
    );
  }
  return (
    <div className="card">
      <p>{t("invitation.acceptAs", { email })}</p>
      {accept.error ? <ErrorNotice error={accept.error} /> : null}
      <button
        type="button"
        className="button primary"
        disabled={accept.isPending}
        onClick={() => accept.mutate({ token })}
      >
        {accept.isPending ? t("common.working") : t("invitation.accept")}
      </button>
    </div>
  );
}
