import { useTranslation } from "react-i18next";
import { heatColor, HEAT_LEGEND } from "../../components/charts/chart-colors";
import { formatScore } from "../../lib/format-score";
import { localized } from "../../lib/localized";
import { useLocale } from "../../lib/use-locale";
import type { Overview } from "./CoalitionOverviewPage";

/**
 * Communes × dimensions, each cell shaded by its score on a sequential blue scale with the value
 * printed in it. The table is the chart: it reads the same with or without colour.
 */
export function Heatmap({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rows = overview.communes.filter((c) => c.scores !== null);
  return (
    <section className="section" aria-labelledby="overview-heatmap">
      <h2 id="overview-heatmap">{t("overview.heatmap")}</h2>
      <p className="field-hint">{t("overview.heatmapHint")}</p>
      <HeatLegend />
      {rows.length === 0 ? (
        <p className="muted">{t("overview.noScores")}</p>
      ) : (
        <div className="table-wrap">
          <table className="heatmap">
            <caption className="visually-hidden">{t("overview.heatmapCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("review.commune")}</th>
                {overview.dimensions.map((d) => (
                  <th scope="col" key={d.code}>
                    {localized(d.title, locale)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  {overview.dimensions.map((d) => {
                    const score = c.scores?.[d.code];
                    return typeof score === "number" ? (
                      <td key={d.code} className="heat-cell" style={heatColor(score)}>
                        {formatScore(score, locale)}
                      </td>
                    ) : (
                      <td key={d.code}>—</td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("charts.median")}</th>
                {overview.dimensions.map((d) => {
                  const summary = overview.summary.dimensions[d.code];
                  return (
                    <td key={d.code}>
                      {summary && !summary.suppressed ? formatScore(summary.median, locale) : "—"}
                    </td>
                  );
                })}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}

function HeatLegend() {
  const { t } = useTranslation();
  return (
    <p className="heat-legend">
      <span>{t("overview.legend")}</span>
      {HEAT_LEGEND.map((step) => (
        <span
          key={step.from}
          className="heat-step"
          style={{ background: step.background, color: step.color }}
        >
          {step.from}–{step.to}
        </span>
      ))}
    </p>
  );
}
