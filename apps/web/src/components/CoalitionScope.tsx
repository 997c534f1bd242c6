import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, useParams } from "react-router";
import { CoalitionContext, useCoalition } from "../lib/coalition";
import { coalitionPath, findCoordinatedBySlug } from "../lib/coalition-paths";
import { useMe } from "../lib/session";

/**
 * /coaliciones/:slug/*: the coalition the URL names, among those the person coordinates. Its id
 * goes in every coordinator call's input (the API checks it again); the subtree is keyed by it,
 * so switching coalitions resets page state.
 */
export function CoalitionScope() {
  const { t } = useTranslation();
  const { slug } = useParams();
  const me = useMe();
  const coalition = findCoordinatedBySlug(me.coordinates, slug);
  if (!coalition) {
    return (
      <>
        <h1>{t("coalition.notCoordinatorTitle")}</h1>
        <p>{t("coalition.notCoordinatorText")}</p>
        <p>
          <Link to="/">{t("commune.backHome")}</Link>
        </p>
      </>
    );
  }
  return (
    <CoalitionContext key={coalition.id} value={coalition}>
      <CoalitionNav />
      <Outlet />
    </CoalitionContext>
  );
}

function CoalitionNav() {
  const { t } = useTranslation();
  const coalition = useCoalition();
  return (
    <div className="commune-bar no-print">
      <p className="commune-name">
        {coalition.name}
        <span className="commune-meta">{t("coalition.meta")}</span>
      </p>
      <nav aria-label={t("coalition.navLabel")}>
        <ul className="tabs">
          <li>
            <NavLink to={coalitionPath(coalition.slug)} end>
              {t("coalition.nav.overview")}
            </NavLink>
          </li>
          <li>
            <NavLink to={coalitionPath(coalition.slug, "revisiones")}>{t("coalition.nav.reviews")}</NavLink>
          </li>
          <li>
            <NavLink to={coalitionPath(coalition.slug, "comunas")}>{t("coalition.nav.communes")}</NavLink>
          </li>
          <li>
            <NavLink to={coalitionPath(coalition.slug, "indicadores")}>
              {t("coalition.nav.indicators")}
            </NavLink>
          </li>
          <li>
            <NavLink to={coalitionPath(coalition.slug, "grupos")}>{t("coalition.nav.groups")}</NavLink>
          </li>
        </ul>
      </nav>
    </div>
  );
}
