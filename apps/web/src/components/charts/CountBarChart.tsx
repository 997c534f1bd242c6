import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { SERIES } from "./chart-colors";

/** Counts by category (use cases by stage): one colour, the bar's length is the value. */
export function CountBarChart({
  rows,
  valueLabel,
}: {
  rows: readonly { label: string; value: number }[];
  valueLabel: string;
}) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={[...rows]} margin={{ top: 24, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Bar
          dataKey="value"
          name={valueLabel}
          fill={SERIES.neutral}
          isAnimationActive={false}
          label={{ position: "top" }}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
