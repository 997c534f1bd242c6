import { useTranslation } from "react-i18next";
import type { UseCase } from "./UseCasePage";

/** The algorithmic transparency record; what was left empty reads "not reported", never blank. */
export function TransparencySection({ transparency: tr }: { transparency: UseCase["transparency"] }) {
  const { t } = useTranslation();
  const text = (value: string | null) => value || <span className="muted">{t("useCase.notReported")}</span>;
  return (
    <section className="section card" aria-labelledby="uc-transparency">
      <h2 id="uc-transparency">{t("useCase.transparency")}</h2>
      <dl className="facts">
        <dt>{t("transparency.purpose")}</dt>
        <dd>{text(tr.purpose)}</dd>
        <dt>{t("transparency.legalBasis")}</dt>
        <dd>{text(tr.legalBasis)}</dd>
        <dt>{t("transparency.personalData")}</dt>
        <dd>{text(tr.personalData.join(", "))}</dd>
        <dt>{t("transparency.decisionMode")}</dt>
        <dd>{t(`decisionModes.${tr.decisionMode}`)}</dd>
        <dt>{t("transparency.riskLevel")}</dt>
        <dd>{t(`riskLevels.${tr.riskLevel}`)}</dd>
        <dt>{t("transparency.responsibleUnit")}</dt>
        <dd>{text(tr.responsibleUnit)}</dd>
        <dt>{t("transparency.contactEmail")}</dt>
        <dd>{tr.contactEmail ? <a href={`mailto:${tr.contactEmail}`}>{tr.contactEmail}</a> : text(null)}</dd>
      </dl>
    </section>
  );
}
