import { useTranslation } from "react-i18next";
import { formatValue } from "../../lib/format-score";
import { indicatorName } from "../../lib/localized";
import { useLocale } from "../../lib/use-locale";
import type { CoalitionIndicator } from "./use-coalition-indicators";

/**
 * The coalition's indicators as the coordinator defined them, read-only: code, name, unit, which
 * way is better, the reference value with its note, and where the definition comes from.
 */
export function IndicatorCatalogTable({ indicators }: { indicators: readonly CoalitionIndicator[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="section" aria-labelledby="trend-catalog">
      <h2 id="trend-catalog">{t("trends.catalog")}</h2>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t("trends.catalog")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("trends.code")}</th>
              <th scope="col">{t("indicators.indicator")}</th>
              <th scope="col">{t("indicators.unit")}</th>
              <th scope="col">{t("indicators.direction")}</th>
              <th scope="col">{t("indicators.reference")}</th>
              <th scope="col">{t("indicators.source")}</th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((indicator) => {
              const name = indicatorName(indicator, locale);
              return (
                <tr key={indicator.id}>
                  <td>
                    <code>{indicator.code}</code>
                  </td>
                  <th scope="row">{name}</th>
                  <td>{indicator.unit}</td>
                  <td>
                    {t(
                      `indicators.directions.${indicator.direction === "lower_is_better" ? "lower" : "higher"}`,
                    )}
                  </td>
                  <td>
                    {indicator.referenceValue === null ? (
                      <span className="muted">{t("indicators.noReference")}</span>
                    ) : (
                      formatValue(indicator.referenceValue, locale)
                    )}
                    {indicator.referenceNote && (
                      <span className="block muted">{indicator.referenceNote}</span>
                    )}
                  </td>
                  <td>
                    {indicator.sourceUrl ? (
                      <a
                        href={indicator.sourceUrl}
                        target="_blank"
                        rel="noreferrer"
                        aria-label={t("trends.sourceOf", { indicator: name })}
                      >
                        {t("trends.sourceLink")}
                      </a>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
