import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../../components/Field";
import { SummaryText } from "../../components/progress/SummaryText";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { useCoalition } from "../../lib/coalition";
import { formatScore } from "../../lib/format-score";
import { useProgressLabels } from "../../lib/progress-labels";
import { useAccountTRPC, type RouterOutputs } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useLocale } from "../../lib/use-locale";
import { ExportCsvButtons } from "./ExportCsvButtons";
import { GroupPicker, groupInput, WHOLE_COALITION, type GroupSelection } from "./GroupPicker";
import { Heatmap } from "./Heatmap";
import { RankingTable } from "./RankingTable";
import { UseCasesByStage } from "./UseCasesByStage";

export type Overview = RouterOutputs["progress"]["overview"];

/**
 * The coalition at a glance for one quarter and one group: ranking, heatmap of dimensions, use
 * cases by stage, adoptions, and CSV exports of each table.
 */
export function CoalitionOverviewPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const coalition = useCoalition();
  const labels = useProgressLabels();
  const trpc = useAccountTRPC();
  useDocumentTitle(`${t("overview.title")} · ${coalition.name}`);
  // No period chosen: the API answers with the latest quarter that has counted assessments.
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const [group, setGroup] = useState<GroupSelection>(WHOLE_COALITION);
  const input = { coalitionId: coalition.id, period, ...groupInput(group) };
  const overview = useQuery({
    ...trpc.progress.overview.queryOptions(input),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <h1>{t("overview.title")}</h1>
      <p className="lead">{t("overview.lead")}</p>
      <section className="section card filters" aria-label={t("overview.controls")}>
        <SelectField
          label={t("overview.period")}
          value={period ?? overview.data?.period ?? ""}
          onChange={(e) => setPeriod(e.target.value)}
          disabled={!overview.data || overview.data.periods.length === 0}
        >
          {(overview.data?.periods ?? []).map((p) => (
            <option key={p} value={p}>
              {labels.period(p)}
            </option>
          ))}
        </SelectField>
        <GroupPicker value={group} onChange={setGroup} />
      </section>
      {overview.isPending ? (
        <Loading />
      ) : overview.isError ? (
        <ErrorNotice error={overview.error} onRetry={() => void overview.refetch()} />
      ) : overview.data.communes.length === 0 ? (
        <EmptyState title={t("overview.noCommunes")} />
      ) : (
        <>
          <p className="result-count" role="status">
            {overview.data.period
              ? t("overview.status", {
                  period: labels.period(overview.data.period),
                  counted: overview.data.communes.filter((c) => c.maturityIndex !== null).length,
                  total: overview.data.communes.length,
                })
              : t("overview.noData")}
          </p>
          <p>
            <strong>{t("overview.groupIndex")}:</strong>{" "}
            <SummaryText summary={overview.data.summary.index} format={(v) => formatScore(v, locale)} />
          </p>
          <ExportCsvButtons period={overview.data.period ?? undefined} group={groupInput(group)} />
          <RankingTable overview={overview.data} />
          <Heatmap overview={overview.data} />
          <UseCasesByStage overview={overview.data} />
        </>
      )}
    </>
  );
}
