import { useTranslation } from "react-i18next";
import { formatValue } from "../../lib/format-score";
import { indicatorName } from "../../lib/localized";
import { useProgressLabels } from "../../lib/progress-labels";
import { useLocale } from "../../lib/use-locale";

interface IndicatorSeries {
  indicatorId: string;
  nameEs: string;
  nameEn: string;
  unit: string;
  values: readonly { period: string; value: number }[];
}

/** The commune's indicator values, one row per indicator and one column per reported quarter. */
export function IndicatorValuesTable({ indicators }: { indicators: readonly IndicatorSeries[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useProgressLabels();
  // Indicators the commune never reported would be rows of dashes: they are counted instead.
  const reported = indicators.filter((i) => i.values.length > 0);
  const unreported = indicators.length - reported.length;
  const periods = [...new Set(reported.flatMap((i) => i.values.map((v) => v.period)))].sort();
  return (
    <section className="section" aria-labelledby="profile-indicators">
      <h2 id="profile-indicators">{t("profile.indicators")}</h2>
      {periods.length === 0 ? (
        <p className="muted">{t("profile.noIndicators")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("profile.indicators")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("indicators.indicator")}</th>
                <th scope="col">{t("indicators.unit")}</th>
                {periods.map((p) => (
                  <th scope="col" key={p}>
                    {labels.period(p)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {reported.map((indicator) => {
                const byPeriod = new Map(indicator.values.map((v) => [v.period, v.value]));
                return (
                  <tr key={indicator.indicatorId}>
                    <th scope="row">{indicatorName(indicator, locale)}</th>
                    <td>{indicator.unit}</td>
                    {periods.map((p) => {
                      const value = byPeriod.get(p);
                      return <td key={p}>{value === undefined ? "—" : formatValue(value, locale)}</td>;
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {unreported > 0 && periods.length > 0 && (
        <p className="field-hint">{t("profile.unreportedIndicators", { count: unreported })}</p>
      )}
    </section>
  );
}
