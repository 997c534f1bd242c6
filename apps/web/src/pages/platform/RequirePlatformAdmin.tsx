import { useTranslation } from "react-i18next";
import { Outlet } from "react-router";
import { EmptyState } from "../../components/StatusMessages";
import { isPlatformAdmin } from "../../lib/coalition-paths";
import { useMe } from "../../lib/session";

/** /plataforma/*: platform administrators only (the API checks the role again on every call). */
export function RequirePlatformAdmin() {
  const { t } = useTranslation();
  const me = useMe();
  if (!isPlatformAdmin(me)) {
    return (
      <>
        <h1>{t("platform.title")}</h1>
        <EmptyState title={t("platform.forbidden")} />
      </>
    );
  }
  return <Outlet />;
}
