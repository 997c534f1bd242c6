import { can } from "@ciar/domain/permissions";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, useParams } from "react-router";
import { CommuneProvider, communeLabel, useCommune } from "../lib/commune";
import { communePath, findMembershipByCut } from "../lib/commune-paths";
import { useMe } from "../lib/session";

/**
 * /c/:cut/*: resolves the CUT in the URL to one of the person's memberships (or says that their
 * access to that commune is suspended). The subtree is keyed
 * by commune, so switching resets page state (a search, a one-time invitation link) instead of
 * carrying it into another commune.
 */
export function CommuneScope() {
  const { t } = useTranslation();
  const { cut } = useParams();
  const me = useMe();
  const membership = findMembershipByCut(me.memberships, cut);
  const suspended = membership ? null : findMembershipByCut(me.suspendedCommunes, cut);
  if (suspended) {
    return (
      <>
        <h1>{t("commune.suspendedTitle")}</h1>
        <p role="alert">{t("commune.suspendedText", { commune: suspended.name })}</p>
        <p>
          <Link to="/">{t("commune.backHome")}</Link>
        </p>
      </>
    );
  }
  if (!membership) {
    return (
      <>
        <h1>{t("commune.notMemberTitle")}</h1>
        <p>{t("commune.notMemberText", { cut })}</p>
        <p>
          <Link to="/">{t("commune.backHome")}</Link>
        </p>
      </>
    );
  }
  return (
    <CommuneProvider key={membership.communeId} membership={membership}>
      <CommuneNav />
      <Outlet />
    </CommuneProvider>
  );
}

function CommuneNav() {
  const { t } = useTranslation();
  const commune = useCommune();
  return (
    <div className="commune-bar no-print">
      <p className="commune-name">
        {communeLabel(commune)}
        <span className="commune-meta">
          {t("commune.meta", { region: commune.region, cut: commune.code, role: t(`roles.${commune.role}`) })}
        </span>
      </p>
      {commune.isDemo && <p className="notice notice-info">{t("demo.notice")}</p>}
      <nav aria-label={t("nav.label")}>
        <ul className="tabs">
          <li>
            <NavLink to={communePath(commune.code, "miembros")}>{t("nav.members")}</NavLink>
          </li>
          <li>
            <NavLink to={communePath(commune.code, "configuracion")}>{t("nav.settings")}</NavLink>
          </li>
          <li>
            <NavLink to={communePath(commune.code, "catalogo")}>{t("nav.catalog")}</NavLink>
          </li>
          <li>
            <NavLink to={communePath(commune.code, "casos")}>{t("nav.myCases")}</NavLink>
          </li>
          {can(commune.role, "assessments.read") && (
            <li>
              <NavLink to={communePath(commune.code, "autoevaluaciones")}>{t("nav.assessments")}</NavLink>
            </li>
          )}
          {can(commune.role, "progress.compare") && (
            <li>
              <NavLink to={communePath(commune.code, "progreso")}>{t("nav.comparison")}</NavLink>
            </li>
          )}
          {can(commune.role, "indicators.read") && (
            <li>
              <NavLink to={communePath(commune.code, "indicadores")}>{t("nav.indicators")}</NavLink>
            </li>
          )}
          {can(commune.role, "milestones.read") && (
            <li>
              <NavLink to={communePath(commune.code, "hoja-de-ruta")}>{t("nav.roadmap")}</NavLink>
            </li>
          )}
          {can(commune.role, "modules.read") && (
            <li>
              <NavLink to={communePath(commune.code, "modulos")}>{t("nav.modules")}</NavLink>
            </li>
          )}
          {can(commune.role, "modules.read") && (
            <li>
              <NavLink to={communePath(commune.code, "suscripciones")}>{t("nav.subscriptions")}</NavLink>
            </li>
          )}
          {can(commune.role, "apiKeys.manage") && (
            <li>
              <NavLink to={communePath(commune.code, "claves-api")}>{t("nav.apiKeys")}</NavLink>
            </li>
          )}
          {can(commune.role, "modules.manage") && (
            <li>
              <NavLink to={communePath(commune.code, "mis-modulos")}>{t("nav.myModules")}</NavLink>
            </li>
          )}
          <li>
            <NavLink to={communePath(commune.code, "notificaciones")}>{t("nav.notifications")}</NavLink>
          </li>
          {can(commune.role, "audit.read") && (
            <li>
              <NavLink to={communePath(commune.code, "auditoria")}>{t("nav.audit")}</NavLink>
            </li>
          )}
        </ul>
      </nav>
    </div>
  );
}
