import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../../components/Field";
import { TrendFigure } from "../../components/progress/TrendFigure";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCoalition } from "../../lib/coalition";
import { formatValue } from "../../lib/format-score";
import { indicatorName } from "../../lib/localized";
import { useProgressLabels } from "../../lib/progress-labels";
import { useAccountTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useLocale } from "../../lib/use-locale";
import { ExportCsvButtons } from "./ExportCsvButtons";
import { GroupPicker, groupInput, WHOLE_COALITION, type GroupSelection } from "./GroupPicker";
import { IndicatorCatalogTable } from "./IndicatorCatalogTable";
import { useCoalitionIndicators } from "./use-coalition-indicators";

/**
 * One shared indicator across the group's communes, quarter by quarter: the median with the
 * middle half of the communes, the reference value when there is one, and each commune's value.
 */
export function IndicatorTrendsPage() {
  const { t } = useTranslation();
  const coalition = useCoalition();
  useDocumentTitle(`${t("trends.title")} · ${coalition.name}`);
  const indicators = useCoalitionIndicators();
  const [chosen, setChosen] = useState("");
  const [group, setGroup] = useState<GroupSelection>(WHOLE_COALITION);
  const locale = useLocale();
  const list = indicators.data ?? [];
  const indicatorId = (list.find((i) => i.id === chosen) ?? list[0])?.id ?? "";

  return (
    <>
      <h1>{t("trends.title")}</h1>
      <p className="lead">{t("trends.lead")}</p>
      {indicators.isPending ? (
        <Loading />
      ) : indicators.isError ? (
        <ErrorNotice error={indicators.error} onRetry={() => void indicators.refetch()} />
      ) : indicators.data.length === 0 ? (
        <EmptyState title={t("trends.noIndicators")} />
      ) : (
        <>
          <section className="section card filters" aria-label={t("overview.controls")}>
            <SelectField
              label={t("indicators.indicator")}
              value={indicatorId}
              onChange={(e) => setChosen(e.target.value)}
            >
              {indicators.data.map((i) => (
                <option key={i.id} value={i.id}>
                  {indicatorName(i, locale)} ({i.unit})
                </option>
              ))}
            </SelectField>
            <GroupPicker value={group} onChange={setGroup} />
          </section>
          <IndicatorTrend indicatorId={indicatorId} group={group} />
          <IndicatorCatalogTable indicators={indicators.data} />
        </>
      )}
    </>
  );
}

function IndicatorTrend({ indicatorId, group }: { indicatorId: string; group: GroupSelection }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const coalition = useCoalition();
  const labels = useProgressLabels();
  const trpc = useAccountTRPC();
  const trend = useQuery({
    ...trpc.progress.indicatorTrend.queryOptions({
      coalitionId: coalition.id,
      indicatorId,
      ...groupInput(group),
    }),
    placeholderData: keepPreviousData,
  });
  if (trend.isPending) return <Loading />;
  if (trend.isError) return <ErrorNotice error={trend.error} onRetry={() => void trend.refetch()} />;
  const { indicator, periods, linkedUseCases } = trend.data;
  const format = (v: number) => formatValue(v, locale);
  const name = indicatorName(indicator, locale);
  const communes = [
    ...new Map(periods.flatMap((p) => p.values.map((v) => [v.communeId, v.name] as const))).entries(),
  ].sort((a, b) => a[1].localeCompare(b[1], "es"));
  return (
    <>
      <section className="section" aria-labelledby="trend-indicator">
        <h2 id="trend-indicator">{name}</h2>
        <p className="muted">
          {t("trends.meta", {
            unit: indicator.unit,
            direction: t(
              `indicators.directions.${indicator.direction === "lower_is_better" ? "lower" : "higher"}`,
            ),
          })}
          {" · "}
          {t("trends.linked", { count: linkedUseCases })}
        </p>
        {indicator.referenceNote && <p className="field-hint">{indicator.referenceNote}</p>}
        <ExportCsvButtons group={groupInput(group)} tables={["indicator"]} indicatorId={indicatorId} />
        {periods.length === 0 ? (
          <EmptyState title={t("trends.noValues")} />
        ) : (
          <TrendFigure
            title={t("trends.chart", { indicator: name })}
            points={periods.map((p) => ({
              period: p.period,
              stat: p.summary.suppressed ? { n: p.summary.n, p25: null, median: null, p75: null } : p.summary,
            }))}
            format={format}
            reference={
              indicator.referenceValue === null
                ? null
                : {
                    value: indicator.referenceValue,
                    label: t("trends.reference", { value: format(indicator.referenceValue) }),
                  }
            }
          />
        )}
      </section>
      {communes.length > 0 && (
        <section className="section" aria-labelledby="trend-values">
          <h2 id="trend-values">{t("trends.values")}</h2>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("trends.valuesCaption", { indicator: name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("review.commune")}</th>
                  {periods.map((p) => (
                    <th scope="col" key={p.period}>
                      {labels.period(p.period)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {communes.map(([id, communeName]) => (
                  <tr key={id}>
                    <th scope="row">{communeName}</th>
                    {periods.map((p) => {
                      const v = p.values.find((x) => x.communeId === id);
                      return <td key={p.period}>{v ? format(v.value) : "—"}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
