import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** The tab title names the page first, so screen-reader users hear where a navigation landed. */
export function useDocumentTitle(title: string) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t("app.name")}`;
  }, [title, t]);
}
