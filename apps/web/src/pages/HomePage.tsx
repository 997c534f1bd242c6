import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { EmptyState } from "../components/StatusMessages";
import { coordinationHomePath } from "../lib/coalition-paths";
import { homePath } from "../lib/commune-paths";
import { useDocumentTitle } from "../lib/use-document-title";
import { useMe } from "../lib/session";

/**
 * "/": the first commune's members; for someone in no commune, their coordination or platform
 * pages; otherwise an explanation.
 */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  useDocumentTitle(t("home.title"));
  const target = homePath(me.memberships) ?? coordinationHomePath(me);
  if (target) return <Navigate to={target} replace />;
  return (
    <>
      <h1>{t("home.title")}</h1>
      <EmptyState title={t("home.noCommunesTitle")}>
        <p>{t("home.noCommunesText")}</p>
      </EmptyState>
    </>
  );
}
