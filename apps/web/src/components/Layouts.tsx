import { useTranslation } from "react-i18next";
import { Outlet } from "react-router";
import { AppHeader, PublicHeader } from "./AppHeader";

function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main">
      {t("app.skipToContent")}
    </a>
  );
}

function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="app-footer">
      <p>{t("app.footer")}</p>
    </footer>
  );
}

/** Signed-in pages. <main> takes focus from the skip link (tabIndex -1). */
export function AppLayout() {
  return (
    <>
      <SkipLink />
      <AppHeader />
      <main id="main" tabIndex={-1} className="page">
        <Outlet />
      </main>
      <Footer />
    </>
  );
}

/** Sign-in and invitation pages. */
export function PublicLayout() {
  return (
    <>
      <SkipLink />
      <PublicHeader />
      <main id="main" tabIndex={-1} className="page page-narrow">
        <Outlet />
      </main>
      <Footer />
    </>
  );
}
