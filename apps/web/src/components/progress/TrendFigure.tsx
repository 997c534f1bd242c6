import { useTranslation } from "react-i18next";
import { ChartFigure } from "../charts/ChartFigure";
import { LazyBandTrendChart } from "../charts/LazyCharts";
import { useProgressLabels } from "../../lib/progress-labels";

/** A group's statistics for one quarter; the quartiles are null when the group is under 3. */
export interface PeriodStat {
  n: number;
  p25: number | null;
  median: number | null;
  p75: number | null;
}

interface TrendPoint {
  period: string;
  own?: number | null;
  stat: PeriodStat | null;
}

interface Props {
  title: string;
  points: readonly TrendPoint[];
  /** Name of the own line (the commune); omit when there is none. */
  ownLabel?: string;
  format: (value: number) => string;
  yDomain?: [number | "auto", number | "auto"];
  reference?: { value: number; label: string } | null;
}

/**
 * Quarter by quarter: the group's median and middle half, and the commune's own value, as a
 * chart and as a table with the same numbers (n says how many communes each quarter counts).
 */
export function TrendFigure({ title, points, ownLabel, format, yDomain, reference }: Props) {
  const { t } = useTranslation();
  const labels = useProgressLabels();
  const show = (value: number | null | undefined) =>
    value === null || value === undefined ? "—" : format(value);
  const rows = points.map((p) => ({
    label: labels.period(p.period),
    own: p.own ?? null,
    median: p.stat?.median ?? null,
    band:
      p.stat && p.stat.p25 !== null && p.stat.p75 !== null
        ? ([p.stat.p25, p.stat.p75] as [number, number])
        : null,
  }));
  const last = points[points.length - 1];
  const summary = last
    ? t("charts.trendSummary", {
        periods: points.length,
        period: labels.period(last.period),
        own: ownLabel ? `${ownLabel}: ${show(last.own)}` : "",
        median: show(last.stat?.median),
      })
    : t("charts.noData");
  return (
    <ChartFigure
      title={title}
      summary={summary}
      chart={
        <LazyBandTrendChart
          rows={rows}
          ownLabel={ownLabel}
          formatValue={format}
          yDomain={yDomain}
          reference={reference}
        />
      }
      table={
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("assessments.period")}</th>
              {ownLabel && <th scope="col">{ownLabel}</th>}
              <th scope="col">{t("charts.median")}</th>
              <th scope="col">{t("charts.p25")}</th>
              <th scope="col">{t("charts.p75")}</th>
              <th scope="col">{t("charts.n")}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.period}>
                <th scope="row">{labels.period(p.period)}</th>
                {ownLabel && <td>{show(p.own)}</td>}
                <td>{show(p.stat?.median)}</td>
                <td>{show(p.stat?.p25)}</td>
                <td>{show(p.stat?.p75)}</td>
                <td>{p.stat?.n ?? 0}</td>
              </tr>
            ))}
          </tbody>
          {reference && (
            <tfoot>
              <tr>
                <th scope="row">{reference.label}</th>
                <td colSpan={ownLabel ? 5 : 4}>{format(reference.value)}</td>
              </tr>
            </tfoot>
          )}
        </table>
      }
    />
  );
}
