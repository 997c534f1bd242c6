import { useTranslation } from "react-i18next";
import {
  Legend,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  ResponsiveContainer,
  Tooltip,
} from "recharts";
import { DASH, SERIES } from "./chart-colors";

export interface RadarRow {
  dimension: string;
  own: number | null;
  median: number | null;
}

/** Each dimension's score (0–100) against the group's median: where the commune leads or lags. */
export function DimensionRadarChart({
  rows,
  ownLabel,
  formatValue,
}: {
  rows: readonly RadarRow[];
  ownLabel: string;
  formatValue: (value: number) => string;
}) {
  const { t } = useTranslation();
  const hasMedian = rows.some((r) => r.median !== null);
  return (
    <ResponsiveContainer width="100%" height={420}>
      <RadarChart data={[...rows]} outerRadius="72%">
        <PolarGrid />
        <PolarAngleAxis dataKey="dimension" tick={{ fontSize: 12 }} />
        {/* Between two dimension axes, so its ticks never sit on a dimension's label. */}
        <PolarRadiusAxis domain={[0, 100]} angle={60} tickCount={6} tick={{ fontSize: 11 }} />
        <Tooltip formatter={(value) => formatValue(Number(value))} />
        <Legend />
        <Radar
          dataKey="own"
          name={ownLabel}
          stroke={SERIES.own}
          strokeWidth={3}
          fill={SERIES.own}
          fillOpacity={0.2}
          isAnimationActive={false}
        />
        {hasMedian && (
          <Radar
            dataKey="median"
            name={t("charts.median")}
            stroke={SERIES.median}
            strokeWidth={2}
            strokeDasharray={DASH.median}
            fill="none"
            isAnimationActive={false}
          />
        )}
      </RadarChart>
    </ResponsiveContainer>
  );
}
