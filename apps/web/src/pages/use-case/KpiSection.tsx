import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Loading } from "../../components/StatusMessages";
import { indicatorName } from "../../lib/localized";
import { useCommuneTRPC } from "../../lib/trpc";
import { formatNumber, useLocale } from "../../lib/use-locale";

// The charts library is large: it loads only when a case with KPIs is shown.
const KpiChart = lazy(() => import("./KpiChart").then((m) => ({ default: m.KpiChart })));
import type { UseCase } from "./UseCasePage";

/**
 * Baseline, current value and target of each KPI: a chart for the eye, a table for everyone.
 * A KPI linked to a coalition indicator names it, as the viewer's commune knows it (the code
 * when none of its coalitions defines it, and while the names load).
 */
export function KpiSection({ kpis }: { kpis: UseCase["kpis"] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useCommuneTRPC();
  const linked = kpis.some((kpi) => kpi.indicatorCode);
  const catalog = useQuery({ ...trpc.indicators.catalog.queryOptions(), enabled: linked });
  const indicatorLabel = (code: string) => {
    const indicator = catalog.data?.indicators.find((i) => i.code === code);
    return indicator ? indicatorName(indicator, locale) : <code>{code}</code>;
  };
  const value = (n: number | null) =>
    n === null ? <span className="muted">—</span> : formatNumber(n, locale);
  return (
    <section className="section" aria-labelledby="uc-kpis">
      <h2 id="uc-kpis">{t("useCase.kpis")}</h2>
      {kpis.length === 0 ? (
        <p className="muted">{t("useCase.noKpis")}</p>
      ) : (
        <>
          <Suspense fallback={<Loading />}>
            <KpiChart kpis={kpis} />
          </Suspense>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("useCase.kpis")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("useCase.kpi")}</th>
                  <th scope="col">{t("useCase.unit")}</th>
                  <th scope="col">{t("useCase.baseline")}</th>
                  <th scope="col">{t("useCase.current")}</th>
                  <th scope="col">{t("useCase.target")}</th>
                  <th scope="col">{t("useCase.measuredOn")}</th>
                  {linked && <th scope="col">{t("useCase.kpiIndicator")}</th>}
                </tr>
              </thead>
              <tbody>
                {kpis.map((kpi) => (
                  <tr key={kpi.id}>
                    <th scope="row">{kpi.name}</th>
                    <td>{kpi.unit}</td>
                    <td>{value(kpi.baseline)}</td>
                    <td>{value(kpi.current)}</td>
                    <td>{value(kpi.target)}</td>
                    <td>{kpi.measuredOn ?? <span className="muted">—</span>}</td>
                    {linked && (
                      <td>
                        {kpi.indicatorCode ? (
                          indicatorLabel(kpi.indicatorCode)
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
