import { useTranslation } from "react-i18next";
import { Link, NavLink } from "react-router";
import { useMe, useSignOut } from "../lib/session";
import { CommuneSwitcher } from "./CommuneSwitcher";
import { CoordinationLinks } from "./CoordinationLinks";
import { LanguageSwitch } from "./LanguageSwitch";
import { NotificationBell } from "./NotificationBell";

export function AppHeader() {
  const { t } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  return (
    <header className="app-header">
      <div className="header-inner">
        <Link to="/" className="brand">
          {t("app.name")}
        </Link>
        <CommuneSwitcher />
        <CoordinationLinks />
        <div className="header-end">
          <NotificationBell />
          <LanguageSwitch />
          <NavLink to="/cuenta" className="user-name account-link" title={t("header.myAccount")}>
            {me.user.name}
            <span className="visually-hidden"> · {t("header.myAccount")}</span>
          </NavLink>
          <button type="button" className="button on-dark" onClick={() => void signOut()}>
            {t("header.signOut")}
          </button>
        </div>
      </div>
    </header>
  );
}

/** Header of the pages seen before signing in: the product's name and the language. */
export function PublicHeader() {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <div className="header-inner">
        <span className="brand">{t("app.name")}</span>
        <div className="header-end">
          <LanguageSwitch />
        </div>
      </div>
    </header>
  );
}
