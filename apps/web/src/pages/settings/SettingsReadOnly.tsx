import { useTranslation } from "react-i18next";
import type { CommuneDetails } from "./SettingsPage";

/** What editors and viewers see: the same settings, without a form. */
export function SettingsReadOnly({ commune }: { commune: CommuneDetails }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="settings-heading" className="section card">
      <h2 id="settings-heading">{t("settings.settingsHeading")}</h2>
      <p className="field-hint">{t("settings.readOnly")}</p>
      <dl className="facts">
        <dt>{t("settings.displayName")}</dt>
        <dd>{commune.displayName ?? t("common.none")}</dd>
        <dt>{t("settings.contactEmail")}</dt>
        <dd>{commune.contactEmail ?? t("common.none")}</dd>
        <dt>{t("settings.websiteUrl")}</dt>
        <dd>{commune.websiteUrl ?? t("common.none")}</dd>
        <dt>{t("settings.defaultLocale")}</dt>
        <dd>{t(`language.${commune.defaultLocale}`)}</dd>
      </dl>
    </section>
  );
}
