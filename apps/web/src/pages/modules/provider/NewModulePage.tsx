import { can } from "@ciar/domain/permissions";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCommune } from "../../../lib/commune";
import { useDocumentTitle } from "../../../lib/use-document-title";
import { CreateModuleForm } from "./CreateModuleForm";
import { myModulesPath } from "./paths";

/** /c/:cut/mis-modulos/nuevo: "Publicar un módulo", the first step (a draft). */
export function NewModulePage() {
  const { t } = useTranslation();
  const commune = useCommune();
  useDocumentTitle(t("moduleEditor.newTitle"));
  const mayManage = can(commune.role, "modules.manage");
  return (
    <>
      {mayManage && (
        <p className="no-print">
          <Link to={myModulesPath(commune.code)}>{t("moduleEditor.backToMyModules")}</Link>
        </p>
      )}
      <h1>{t("moduleEditor.newTitle")}</h1>
      {mayManage ? (
        <>
          <p className="lead">{t("moduleEditor.newLead")}</p>
          <CreateModuleForm />
        </>
      ) : (
        <p className="notice">{t("moduleEditor.forbidden")}</p>
      )}
    </>
  );
}
