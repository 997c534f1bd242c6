import { useTranslation } from "react-i18next";
import { useDocumentTitle } from "../../lib/use-document-title";
import { ACCOUNT_SECTIONS } from "./sections";

/**
 * Mi cuenta (/cuenta): what belongs to the person rather than to a commune. Each part is its own
 * section component, listed in sections.tsx.
 */
export function AccountPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("account.title"));
  return (
    <>
      <h1>{t("account.title")}</h1>
      <p className="lead">{t("account.lead")}</p>
      <nav aria-label={t("account.sectionsNav")} className="account-nav">
        <ul>
          {ACCOUNT_SECTIONS.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`}>{t(section.titleKey)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {ACCOUNT_SECTIONS.map(({ id, Component }) => (
        <Component key={id} />
      ))}
    </>
  );
}
