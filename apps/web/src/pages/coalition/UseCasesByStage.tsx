import { STAGES } from "@ciar/domain/use-cases";
import { useTranslation } from "react-i18next";
import { ChartFigure } from "../../components/charts/ChartFigure";
import { LazyCountBarChart } from "../../components/charts/LazyCharts";
import { useUseCaseLabels } from "../../lib/use-case-labels";
import type { Overview } from "./CoalitionOverviewPage";

/** Shared use cases of the group's communes by stage, with the same numbers in a table. */
export function UseCasesByStage({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const labels = useUseCaseLabels();
  const rows = STAGES.map((stage) => ({
    label: labels.stage(stage),
    value: overview.useCasesByStage[stage] ?? 0,
  }));
  const total = rows.reduce((sum, r) => sum + r.value, 0);
  return (
    <section className="section" aria-labelledby="overview-stages">
      <h2 id="overview-stages">{t("overview.useCasesByStage")}</h2>
      {total === 0 ? (
        <p className="muted">{t("overview.noUseCases")}</p>
      ) : (
        <ChartFigure
          title={t("overview.useCasesByStageChart")}
          summary={t("overview.useCasesSummary", {
            total,
            parts: rows.map((r) => `${r.label}: ${r.value}`).join(", "),
          })}
          chart={<LazyCountBarChart rows={rows} valueLabel={t("overview.useCases")} />}
          table={
            <table>
              <caption className="visually-hidden">{t("overview.useCasesByStage")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("useCase.stage")}</th>
                  <th scope="col">{t("overview.useCases")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th>
                    <td>{r.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      )}
    </section>
  );
}
