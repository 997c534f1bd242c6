import { useTranslation } from "react-i18next";
import { formatValue } from "../../lib/format-score";
import { indicatorName } from "../../lib/localized";
import { useLocale } from "../../lib/use-locale";
import type { Indicator } from "./IndicatorsPage";

/** What the indicator measures, in which unit, which way is better, and its reference value. */
export function IndicatorDetails({ indicator }: { indicator: Indicator }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="section card" aria-labelledby="indicator-details">
      <h2 id="indicator-details">{indicatorName(indicator, locale)}</h2>
      <p className="prose">{locale === "es" ? indicator.definitionEs : indicator.definitionEn}</p>
      <dl className="facts">
        <dt>{t("indicators.unit")}</dt>
        <dd>{indicator.unit}</dd>
        <dt>{t("indicators.direction")}</dt>
        <dd>
          {t(`indicators.directions.${indicator.direction === "lower_is_better" ? "lower" : "higher"}`)}
        </dd>
        <dt>{t("indicators.reference")}</dt>
        <dd>
          {indicator.referenceValue === null
            ? t("indicators.noReference")
            : formatValue(indicator.referenceValue, locale)}
          {indicator.referenceNote && <span className="block muted">{indicator.referenceNote}</span>}
        </dd>
        {indicator.sourceUrl && (
          <>
            <dt>{t("indicators.source")}</dt>
            <dd>
              <a href={indicator.sourceUrl} target="_blank" rel="noreferrer">
                {indicator.sourceUrl}
              </a>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
