import { formatClp, formatDateTime } from "@ciar/domain/format";
import { can } from "@ciar/domain/permissions";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ChartFigure } from "../../components/charts/ChartFigure";
import { LazyUsageBarChart } from "../../components/charts/LazyCharts";
import { SelectField } from "../../components/Field";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCommune } from "../../lib/commune";
import { useCommuneTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { formatNumber, useLocale } from "../../lib/use-locale";
import { newModulePath, providerModulePath } from "./provider/paths";

/** /c/:cut/mis-modulos: the modules this commune provides, who uses them, usage and revenue. */
export function MyModulesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("myModules.title"));
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  const mine = useQuery(trpc.modules.mine.queryOptions());
  const [moduleId, setModuleId] = useState("");
  const mayManage = can(commune.role, "modules.manage");
  return (
    <>
      <h1>{t("myModules.title")}</h1>
      <p className="lead">{t("myModules.lead")}</p>
      {mayManage && (
        <div className="button-row section">
          <Link className="button primary" to={newModulePath(commune.code)}>
            {t("moduleEditor.publishAction")}
          </Link>
        </div>
      )}
      {mine.isPending ? (
        <Loading />
      ) : mine.isError ? (
        <ErrorNotice error={mine.error} onRetry={() => void mine.refetch()} />
      ) : mine.data.length === 0 ? (
        <EmptyState title={t("myModules.empty")}>
          {mayManage && <p>{t("moduleEditor.emptyHint")}</p>}
        </EmptyState>
      ) : (
        <>
          <ul>
            {mine.data.map((m) => (
              <li key={m.id}>
                {/* The provider's view of its module: edit it, its plans, publish or retire it. */}
                <Link to={providerModulePath(commune.code, m.id)}>{m.name}</Link> (
                {t(`myModules.status.${m.status}`)})
              </li>
            ))}
          </ul>
          <SelectField
            label={t("myModules.module")}
            value={moduleId}
            onChange={(e) => setModuleId(e.target.value)}
          >
            <option value="">{t("myModules.allModules")}</option>
            {mine.data.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </SelectField>
          <ProviderReport moduleId={moduleId || undefined} />
          {moduleId && <Subscribers moduleId={moduleId} />}
        </>
      )}
    </>
  );
}

function ProviderReport({ moduleId }: { moduleId: string | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useCommuneTRPC();
  const report = useQuery(
    trpc.modules.providerReport.queryOptions({ months: 12, ...(moduleId ? { moduleId } : {}) }),
  );
  if (report.isPending) return <Loading />;
  if (report.isError) return <ErrorNotice error={report.error} onRetry={() => void report.refetch()} />;
  const { months, totals } = report.data;
  return (
    <section className="section" aria-labelledby="provider-report">
      <h2 id="provider-report">{t("myModules.reportHeading")}</h2>
      <ChartFigure
        title={t("myModules.usageChartTitle")}
        summary={t("myModules.usageChartSummary", {
          units: formatNumber(totals.units, locale),
          total: formatClp(totals.totalClp),
          months: months.length,
        })}
        chart={
          <LazyUsageBarChart
            rows={months.map((m) => ({ label: m.month, value: m.units }))}
            valueLabel={t("subscriptions.units")}
          />
        }
        table={
          <table>
            <thead>
              <tr>
                <th scope="col">{t("subscriptions.month")}</th>
                <th scope="col">{t("subscriptions.units")}</th>
                <th scope="col">{t("myModules.invoices")}</th>
                <th scope="col">{t("modules.priceNet")}</th>
                <th scope="col">{t("modules.iva")}</th>
                <th scope="col">{t("subscriptions.total")}</th>
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{m.month}</th>
                  <td>{formatNumber(m.units, locale)}</td>
                  <td>{formatNumber(m.invoices, locale)}</td>
                  <td>{formatClp(m.netClp)}</td>
                  <td>{formatClp(m.ivaClp)}</td>
                  <td>{formatClp(m.totalClp)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <p>
        {t("myModules.totals", {
          units: formatNumber(totals.units, locale),
          net: formatClp(totals.netClp),
          total: formatClp(totals.totalClp),
        })}
      </p>
    </section>
  );
}

function Subscribers({ moduleId }: { moduleId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useCommuneTRPC();
  const subscribers = useQuery(trpc.modules.subscribers.queryOptions({ moduleId }));
  return (
    <section className="section" aria-labelledby="provider-subscribers">
      <h2 id="provider-subscribers">{t("myModules.subscribersHeading")}</h2>
      {subscribers.isPending ? (
        <Loading />
      ) : subscribers.isError ? (
        <ErrorNotice error={subscribers.error} onRetry={() => void subscribers.refetch()} />
      ) : subscribers.data.length === 0 ? (
        <p>{t("modules.noSubscribers")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("purchaseOrders.commune")}</th>
                <th scope="col">{t("modules.plan")}</th>
                <th scope="col">{t("modules.method")}</th>
                <th scope="col">{t("myModules.subscriptionStatus")}</th>
                <th scope="col">{t("myModules.since")}</th>
              </tr>
            </thead>
            <tbody>
              {subscribers.data.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.commune.name}</th>
                  <td>{s.plan.name}</td>
                  <td>{t(`modules.methods.${s.method}`)}</td>
                  <td>{t(`myModules.subscriptionStatuses.${s.status}`)}</td>
                  <td>{formatDateTime(s.since, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
