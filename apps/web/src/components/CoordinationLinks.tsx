import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import {
  coalitionPath,
  isPlatformAdmin,
  PLATFORM_COALITIONS_PATH,
  PLATFORM_LOG_PATH,
  PLATFORM_PEOPLE_PATH,
  PLATFORM_PURCHASE_ORDERS_PATH,
} from "../lib/coalition-paths";
import { useMe } from "../lib/session";

/** In the header, only for those who have them: the coalitions the person coordinates, platform admin. */
export function CoordinationLinks() {
  const { t } = useTranslation();
  const me = useMe();
  const platform = isPlatformAdmin(me);
  if (me.coordinates.length === 0 && !platform) return null;
  return (
    <nav className="header-nav" aria-label={t("header.coordination")}>
      <ul>
        {me.coordinates.map((coalition) => (
          <li key={coalition.id}>
            <NavLink to={coalitionPath(coalition.slug)}>
              {t("header.coordinate", { coalition: coalition.name })}
            </NavLink>
          </li>
        ))}
        {platform && (
          <li>
            <NavLink to={PLATFORM_COALITIONS_PATH}>{t("header.platform")}</NavLink>
          </li>
        )}
        {platform && (
          <li>
            <NavLink to={PLATFORM_PURCHASE_ORDERS_PATH}>{t("header.purchaseOrders")}</NavLink>
          </li>
        )}
        {platform && (
          <li>
            <NavLink to={PLATFORM_PEOPLE_PATH}>{t("header.people")}</NavLink>
          </li>
        )}
        {platform && (
          <li>
            <NavLink to={PLATFORM_LOG_PATH}>{t("header.platformLog")}</NavLink>
          </li>
        )}
      </ul>
    </nav>
  );
}
