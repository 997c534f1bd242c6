import { useTranslation } from "react-i18next";

/** Prints the page; the print stylesheet drops navigation and shows every chart's table. */
export function PrintButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="button secondary no-print" onClick={() => window.print()}>
      {t("common.print")}
    </button>
  );
}
