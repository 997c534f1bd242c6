import { useTranslation } from "react-i18next";
import { ChartFigure } from "../charts/ChartFigure";
import { LazyDimensionRadarChart } from "../charts/LazyCharts";
import { formatScore } from "../../lib/format-score";
import { localized, type LocalizedText } from "../../lib/localized";
import { useLocale } from "../../lib/use-locale";
import type { PeriodStat } from "./TrendFigure";

interface Props {
  title: string;
  dimensions: readonly { code: string; title: LocalizedText }[];
  own: Record<string, number> | null;
  ownLabel: string;
  /** The group's statistics per dimension code (absent or suppressed: no median drawn). */
  stats: Record<string, PeriodStat | undefined>;
}

/** Each dimension's score against the group's median and quartiles: a radar and its table. */
export function DimensionComparison({ title, dimensions, own, ownLabel, stats }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const format = (v: number) => formatScore(v, locale);
  const show = (v: number | null | undefined) => (v === null || v === undefined ? "—" : format(v));
  const rows = dimensions.map((d) => ({
    code: d.code,
    dimension: localized(d.title, locale),
    own: own?.[d.code] ?? null,
    median: stats[d.code]?.median ?? null,
    p25: stats[d.code]?.p25 ?? null,
    p75: stats[d.code]?.p75 ?? null,
  }));
  return (
    <ChartFigure
      title={title}
      summary={t("charts.radarSummary", {
        parts: rows
          .map((r) => `${r.dimension}: ${show(r.own)} (${t("charts.median")} ${show(r.median)})`)
          .join("; "),
      })}
      chart={<LazyDimensionRadarChart rows={rows} ownLabel={ownLabel} formatValue={format} />}
      table={
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("assessments.dimension")}</th>
              <th scope="col">{ownLabel}</th>
              <th scope="col">{t("charts.median")}</th>
              <th scope="col">{t("charts.p25")}</th>
              <th scope="col">{t("charts.p75")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <th scope="row">{r.dimension}</th>
                <td>{show(r.own)}</td>
                <td>{show(r.median)}</td>
                <td>{show(r.p25)}</td>
                <td>{show(r.p75)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
