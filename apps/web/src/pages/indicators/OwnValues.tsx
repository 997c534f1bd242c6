import { can } from "@ciar/domain/permissions";
import { formatDateTime } from "@ciar/domain/format";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DemoBadge } from "../../components/DemoBadge";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCommune } from "../../lib/commune";
import { caseDetailPath } from "../../lib/commune-paths";
import { formatValue } from "../../lib/format-score";
import { useProgressLabels } from "../../lib/progress-labels";
import { useCommuneTRPC } from "../../lib/trpc";
import { useLocale } from "../../lib/use-locale";
import type { Indicator } from "./IndicatorsPage";

/** The commune's recorded values of the indicator, newest first, and the KPIs that roll up to it. */
export function OwnValues({ indicator }: { indicator: Indicator }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const commune = useCommune();
  const labels = useProgressLabels();
  const trpc = useCommuneTRPC();
  const queryClient = useQueryClient();
  const values = useQuery(trpc.indicators.values.queryOptions({ indicatorId: indicator.id }));
  const [removing, setRemoving] = useState<string | null>(null);
  const remove = useMutation(
    trpc.indicators.removeValue.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.indicators.pathFilter());
        await queryClient.invalidateQueries(trpc.progress.pathFilter());
        setRemoving(null);
      },
    }),
  );
  const mayWrite = can(commune.role, "indicators.write");

  return (
    <section className="section" aria-labelledby="own-values">
      <h2 id="own-values">{t("indicators.ownValues")}</h2>
      {values.isPending ? (
        <Loading />
      ) : values.isError ? (
        <ErrorNotice error={values.error} onRetry={() => void values.refetch()} />
      ) : (
        <>
          {values.data.values.length === 0 ? (
            <p className="muted">{t("indicators.noValues")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t("indicators.ownValues")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("assessments.period")}</th>
                    <th scope="col">{t("indicators.value")}</th>
                    <th scope="col">{t("indicators.valueSource")}</th>
                    <th scope="col">{t("assessments.updatedAt")}</th>
                    {mayWrite && <th scope="col">{t("members.actions")}</th>}
                  </tr>
                </thead>
                <tbody>
                  {values.data.values.map((v) => (
                    <tr key={v.period}>
                      <th scope="row">
                        {labels.period(v.period)} {v.isDemo && <DemoBadge />}
                      </th>
                      <td>
                        {formatValue(v.value, locale)} {indicator.unit}
                      </td>
                      <td>
                        {v.sourceUrl ? (
                          <a href={v.sourceUrl} target="_blank" rel="noreferrer">
                            {v.source}
                          </a>
                        ) : (
                          v.source
                        )}
                        {v.note && <span className="block muted">{v.note}</span>}
                      </td>
                      <td>{formatDateTime(v.updatedAt, locale)}</td>
                      {mayWrite && (
                        <td>
                          <button
                            type="button"
                            className="button danger-quiet"
                            onClick={() => setRemoving(v.period)}
                            aria-label={t("indicators.removeLabel", { period: labels.period(v.period) })}
                          >
                            {t("platform.remove")}
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h3>{t("indicators.linkedKpis")}</h3>
          {values.data.linkedKpis.length === 0 ? (
            <p className="muted">{t("indicators.noLinkedKpis")}</p>
          ) : (
            <ul className="plain-list">
              {values.data.linkedKpis.map((kpi) => (
                <li key={`${kpi.useCaseId}:${kpi.kpiId}`}>
                  <Link to={caseDetailPath(commune.code, kpi.useCaseId)}>{kpi.useCaseTitle}</Link>
                  {" · "}
                  {kpi.kpiName}:{" "}
                  {kpi.current === null
                    ? t("common.none")
                    : `${formatValue(kpi.current, locale)} ${kpi.unit}`}
                  {kpi.measuredOn && <span className="muted"> ({kpi.measuredOn})</span>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t("indicators.removeTitle", { period: removing ? labels.period(removing) : "" })}
        confirmLabel={t("platform.remove")}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate({ indicatorId: indicator.id, period: removing })}
        onCancel={() => {
          remove.reset();
          setRemoving(null);
        }}
      >
        <p>{t("indicators.removeText")}</p>
      </ConfirmDialog>
    </section>
  );
}
