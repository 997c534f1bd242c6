import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useLocation } from "react-router";
import { MeContext, useAuthState } from "../lib/session";
import { useAccountTRPC } from "../lib/trpc";
import { ErrorNotice, Loading } from "./StatusMessages";

/**
 * Gate of the signed-in pages: waits for the session to be restored from the refresh cookie,
 * sends signed-out visitors to the sign-in page (coming back here afterwards), and loads auth.me,
 * which every page below reads through useMe().
 */
export function RequireSession() {
  const { t } = useTranslation();
  const { status } = useAuthState();
  const location = useLocation();
  const trpc = useAccountTRPC();
  const me = useQuery({ ...trpc.auth.me.queryOptions(), enabled: status === "signedIn" });

  if (status === "restoring") return <Loading label={t("session.restoring")} />;
  if (status === "signedOut") {
    const here = location.pathname + location.search;
    return (
      <Navigate to={here === "/" ? "/ingresar" : `/ingresar?volver=${encodeURIComponent(here)}`} replace />
    );
  }
  if (me.isPending) return <Loading label={t("session.restoring")} />;
  if (me.isError) return <ErrorNotice error={me.error} onRetry={() => void me.refetch()} />;
  return (
    <MeContext value={me.data}>
      <Outlet />
    </MeContext>
  );
}
