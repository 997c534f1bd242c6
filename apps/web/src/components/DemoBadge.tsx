import { useTranslation } from "react-i18next";

/** These are real municipalities: their demo data must never pass for the commune's own. */
export function DemoBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge badge-demo" title={t("demo.explanation")}>
      {t("demo.badge")}
      <span className="visually-hidden"> {t("demo.explanation")}</span>
    </span>
  );
}
