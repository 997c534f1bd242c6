import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { EmptyState } from "../components/StatusMessages";
import { homePath } from "../lib/commune-paths";
import { useDocumentTitle } from "../lib/use-document-title";
import { useMe } from "../lib/session";

/** "/": the first commune's members, or an explanation for people who belong to none yet. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  useDocumentTitle(t("home.title"));
  const target = homePath(me.memberships);
  if (target) return <Navigate to={target} replace />;
  return (
    <>
      <h1>{t("home.title")}</h1>
      <EmptyState title={t("home.noCommunesTitle")}>
        <p>{t("home.noCommunesText")}</p>
        {(me.platformRoles.length > 0 || me.coordinates.length > 0) && <p>{t("home.coalitionRoleText")}</p>}
      </EmptyState>
    </>
  );
}
