import { can } from "@ciar/domain/permissions";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { communeLabel, useCommune } from "../../lib/commune";
import { useDocumentTitle } from "../../lib/use-document-title";
import { ImportPubliccode } from "./ImportPubliccode";
import { MyUseCasesList } from "./MyUseCasesList";

/** The commune's own use cases in every state: drafts, sent for review, published. */
export function MyUseCasesPage() {
  const { t } = useTranslation();
  const commune = useCommune();
  useDocumentTitle(`${t("myCases.title")} · ${communeLabel(commune)}`);
  const mayWrite = can(commune.role, "useCases.write");
  return (
    <>
      <h1>{t("myCases.title")}</h1>
      {mayWrite && (
        <div className="button-row section">
          <Link className="button primary" to={`/c/${commune.code}/casos/nuevo`}>
            {t("myCases.new")}
          </Link>
          <ImportPubliccode />
        </div>
      )}
      <MyUseCasesList />
    </>
  );
}
