import { useTranslation } from "react-i18next";
import { formatNumber, useLocale } from "../../lib/use-locale";
import type { CommuneDetails } from "./SettingsPage";

export function OfficialData({ commune }: { commune: CommuneDetails }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section aria-labelledby="official-heading" className="section card">
      <h2 id="official-heading">{t("settings.officialHeading")}</h2>
      <p className="field-hint">{t("settings.officialLead")}</p>
      <dl className="facts">
        <dt>{t("settings.officialName")}</dt>
        <dd>{commune.name}</dd>
        <dt>{t("settings.cut")}</dt>
        <dd>{commune.code}</dd>
        <dt>{t("settings.region")}</dt>
        <dd>{commune.region}</dd>
        <dt>{t("settings.province")}</dt>
        <dd>{commune.province}</dd>
        <dt>{t("settings.population")}</dt>
        <dd>
          {commune.population === null
            ? t("common.none")
            : t("settings.populationValue", {
                value: formatNumber(commune.population, locale),
                year: commune.populationYear,
              })}
        </dd>
        <dt>{t("settings.status")}</dt>
        <dd>{t(`settings.statuses.${commune.status}`)}</dd>
      </dl>
    </section>
  );
}
