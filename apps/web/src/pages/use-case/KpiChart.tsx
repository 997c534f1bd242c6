import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UseCase } from "./UseCasePage";

/**
 * Baseline, current and target side by side per KPI. Decorative for assistive technology: the
 * table below carries the same numbers.
 */
export function KpiChart({ kpis }: { kpis: UseCase["kpis"] }) {
  const { t } = useTranslation();
  const data = kpis.map((kpi) => ({
    name: kpi.name.length > 32 ? `${kpi.name.slice(0, 31)}…` : kpi.name,
    baseline: kpi.baseline,
    current: kpi.current,
    target: kpi.target,
  }));
  return (
    <div className="kpi-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" />
          <YAxis />
          <Tooltip />
          <Legend />
          <Bar dataKey="baseline" name={t("useCase.baseline")} fill="#8a99a8" />
          <Bar dataKey="current" name={t("useCase.current")} fill="#0a5bab" />
          <Bar dataKey="target" name={t("useCase.target")} fill="#2e7d3a" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
