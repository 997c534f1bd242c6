import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { DASH, SERIES } from "./chart-colors";

/** Units used per month, with the plan's monthly quota as a dotted line when there is one. */
export function UsageBarChart({
  rows,
  valueLabel,
  quota,
}: {
  rows: readonly { label: string; value: number }[];
  valueLabel: string;
  quota?: { value: number; label: string } | null;
}) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={[...rows]} margin={{ top: 24, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" />
        <YAxis allowDecimals={false} domain={[0, (max: number) => Math.max(max, quota?.value ?? 0)]} />
        <Tooltip />
        <Bar dataKey="value" name={valueLabel} fill={SERIES.neutral} isAnimationActive={false} />
        {quota && quota.value > 0 && (
          <ReferenceLine
            y={quota.value}
            stroke={SERIES.reference}
            strokeDasharray={DASH.reference}
            label={{ value: quota.label, position: "insideTopRight" }}
          />
        )}
      </BarChart>
    </ResponsiveContainer>
  );
}
