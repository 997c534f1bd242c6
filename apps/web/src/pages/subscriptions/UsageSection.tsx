import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ChartFigure } from "../../components/charts/ChartFigure";
import { LazyUsageBarChart } from "../../components/charts/LazyCharts";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCommuneTRPC } from "../../lib/trpc";
import { formatNumber, useLocale } from "../../lib/use-locale";

/** Units used in the last six months against the plan's monthly quota: chart and table. */
export function UsageSection({ subscriptionId }: { subscriptionId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useCommuneTRPC();
  const usage = useQuery(trpc.subscriptions.usage.queryOptions({ subscriptionId, months: 6 }));
  if (usage.isPending) return <Loading />;
  if (usage.isError) return <ErrorNotice error={usage.error} onRetry={() => void usage.refetch()} />;
  const { usageUnit, includedUnits, months } = usage.data;
  const total = months.reduce((sum, m) => sum + m.units, 0);
  return (
    <ChartFigure
      title={t("subscriptions.usageChartTitle", { unit: usageUnit })}
      summary={t("subscriptions.usageChartSummary", {
        total: formatNumber(total, locale),
        months: months.length,
        included: formatNumber(includedUnits, locale),
        unit: usageUnit,
      })}
      chart={
        <LazyUsageBarChart
          rows={months.map((m) => ({ label: m.month, value: m.units }))}
          valueLabel={usageUnit}
          quota={{ value: includedUnits, label: t("subscriptions.quota") }}
        />
      }
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">{t("subscriptions.month")}</th>
              <th scope="col">{t("subscriptions.units")}</th>
              <th scope="col">{t("subscriptions.included")}</th>
              <th scope="col">{t("subscriptions.over")}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{m.month}</th>
                <td>{formatNumber(m.units, locale)}</td>
                <td>{formatNumber(includedUnits, locale)}</td>
                <td>{formatNumber(m.overUnits, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
