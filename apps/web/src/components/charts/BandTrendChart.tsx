import { useTranslation } from "react-i18next";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { DASH, SERIES } from "./chart-colors";

interface TrendRow {
  label: string;
  own?: number | null;
  median?: number | null;
  /** The interquartile range [p25, p75], drawn as a band. */
  band?: [number, number] | null;
}

export interface BandTrendChartProps {
  rows: readonly TrendRow[];
  ownLabel?: string;
  yDomain?: [number | "auto", number | "auto"];
  reference?: { value: number; label: string } | null;
  formatValue: (value: number) => string;
}

/**
 * A value over quarters against its group: the median (dashed), the middle half of the group
 * (band from the 25th to the 75th percentile) and, when given, the commune's own line and a
 * reference value (dotted). Gaps stay gaps: a quarter without data is not drawn as zero.
 */
export function BandTrendChart({
  rows,
  ownLabel,
  yDomain = ["auto", "auto"],
  reference,
  formatValue,
}: BandTrendChartProps) {
  const { t } = useTranslation();
  const hasOwn = rows.some((r) => r.own !== undefined && r.own !== null);
  // A reference far from the data (a 30-day term against values over 100) must still be drawn,
  // with some room under it for its label. Values are never negative (the API refuses them).
  const domain: BandTrendChartProps["yDomain"] | [(min: number) => number, (max: number) => number] =
    reference
      ? [
          (min: number) => Math.floor(Math.min(min, reference.value) * 0.85),
          (max: number) => Math.ceil(Math.max(max, reference.value) * 1.05),
        ]
      : yDomain;
  return (
    <ResponsiveContainer width="100%" height={280}>
      <ComposedChart data={[...rows]} margin={{ top: 12, right: 24, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        {/* Padding keeps the first and last quarter's labels inside the drawing. */}
        <XAxis dataKey="label" interval={0} padding={{ left: 40, right: 40 }} tick={{ fontSize: 12 }} />
        <YAxis domain={domain} tickFormatter={(v: number) => formatValue(v)} />
        <Tooltip
          formatter={(value) =>
            Array.isArray(value)
              ? value.map((v) => formatValue(Number(v))).join(" – ")
              : formatValue(Number(value))
          }
        />
        <Legend />
        <Area
          dataKey="band"
          name={t("charts.band")}
          fill={SERIES.band}
          fillOpacity={0.35}
          stroke="none"
          connectNulls={false}
          isAnimationActive={false}
        />
        <Line
          dataKey="median"
          name={t("charts.median")}
          stroke={SERIES.median}
          strokeWidth={2}
          strokeDasharray={DASH.median}
          dot={{ r: 3 }}
          connectNulls={false}
          isAnimationActive={false}
        />
        {hasOwn && (
          <Line
            dataKey="own"
            name={ownLabel ?? t("charts.own")}
            stroke={SERIES.own}
            strokeWidth={3}
            dot={{ r: 4 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        )}
        {reference && (
          <ReferenceLine
            y={reference.value}
            stroke={SERIES.reference}
            strokeWidth={2}
            strokeDasharray={DASH.reference}
            label={{ value: reference.label, position: "insideBottomLeft", fill: "#1b2733" }}
          />
        )}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
