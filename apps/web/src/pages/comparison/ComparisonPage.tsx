import { can } from "@ciar/domain/permissions";
import { MIN_AGGREGATE_SIZE } from "@ciar/domain/progress/stats";
import type { OwnGroup } from "@ciar/domain/schemas/comparisons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DimensionComparison } from "../../components/progress/DimensionComparison";
import { PrintButton } from "../../components/progress/PrintButton";
import { TrendFigure, type PeriodStat } from "../../components/progress/TrendFigure";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { communeLabel, useCommune } from "../../lib/commune";
import { formatScore } from "../../lib/format-score";
import { useProgressLabels } from "../../lib/progress-labels";
import { useAccountTRPC, useCommuneTRPC, type RouterOutputs } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useLocale } from "../../lib/use-locale";
import { groupToSend, WHOLE_COALITION, type OwnGroupChoice } from "./own-group";
import { PeerScopeFields, useOwnGroups } from "./PeerScopeFields";
import { PeersTable } from "./PeersTable";

type Comparison = RouterOutputs["progress"]["myComparison"];

/**
 * The commune among its peers (admins): its index and dimension scores against the group's
 * median and quartiles over time; individual peers only when the coalition shares them.
 * Printable as the commune's progress profile.
 */
export function ComparisonPage() {
  const { t } = useTranslation();
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  useDocumentTitle(`${t("comparison.title")} · ${communeLabel(commune)}`);
  const coalitions = useQuery({
    ...trpc.coalitions.mine.queryOptions(),
    enabled: can(commune.role, "progress.compare"),
  });
  const [chosen, setChosen] = useState("");
  const [choice, setChoice] = useState<OwnGroupChoice>(WHOLE_COALITION);
  const coalitionId = chosen || coalitions.data?.[0]?.id || "";
  // A custom group belongs to one coalition: in another one, the comparison is with all of it.
  const customGroups = useOwnGroups(coalitionId);
  const group = groupToSend(choice, coalitionId, customGroups.data);

  if (!can(commune.role, "progress.compare")) {
    return (
      <>
        <h1>{t("comparison.title")}</h1>
        <EmptyState title={t("comparison.adminsOnly")} />
      </>
    );
  }
  return (
    <article className="printable">
      <h1>{t("comparison.title")}</h1>
      <p className="lead">{t("comparison.lead")}</p>
      {coalitions.isPending ? (
        <Loading />
      ) : coalitions.isError ? (
        <ErrorNotice error={coalitions.error} onRetry={() => void coalitions.refetch()} />
      ) : coalitions.data.length === 0 ? (
        <EmptyState title={t("comparison.noCoalition")} />
      ) : (
        <>
          <section className="section card filters no-print" aria-label={t("overview.controls")}>
            <PeerScopeFields
              coalitions={coalitions.data}
              coalitionId={coalitionId}
              group={group}
              onCoalitionChange={setChosen}
              onGroupChange={(next) => setChoice({ coalitionId, group: next })}
            />
            <div>
              <PrintButton />
            </div>
          </section>
          <ComparisonResults coalitionId={coalitionId} group={group} />
        </>
      )}
    </article>
  );
}

function ComparisonResults({ coalitionId, group }: { coalitionId: string; group: OwnGroup }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const commune = useCommune();
  const labels = useProgressLabels();
  const trpc = useCommuneTRPC();
  const account = useAccountTRPC();
  const comparison = useQuery({
    ...trpc.progress.myComparison.queryOptions({ coalitionId, group }),
    placeholderData: keepPreviousData,
  });
  const framework = useQuery(account.frameworks.current.queryOptions());
  if (comparison.isPending || framework.isPending) return <Loading />;
  if (comparison.isError)
    return <ErrorNotice error={comparison.error} onRetry={() => void comparison.refetch()} />;
  if (framework.isError)
    return <ErrorNotice error={framework.error} onRetry={() => void framework.refetch()} />;

  const data = comparison.data;
  const format = (v: number) => formatScore(v, locale);
  const statsOf = (metric: string) =>
    new Map(data.peerStats.filter((s) => s.metric === metric).map((s) => [s.period, s]));
  const indexStats = statsOf("index");
  const latest = data.own[data.own.length - 1] ?? null;
  const periods = [...new Set([...indexStats.keys(), ...data.own.map((o) => o.period)])].sort();
  const ownIndex = new Map(data.own.map((o) => [o.period, o.maturityIndex]));
  const dimensions = framework.data.definition.dimensions;
  const name = communeLabel(commune);

  return (
    <>
      <p className="print-only">
        {t("comparison.printedFor", { commune: name, coalition: data.coalition.name })}
      </p>
      <GroupSizeNotice data={data} />
      <section className="section" aria-labelledby="comparison-dimensions">
        <h2 id="comparison-dimensions">{t("comparison.dimensions")}</h2>
        {!latest ? (
          <EmptyState title={t("comparison.noOwn")} />
        ) : (
          <DimensionComparison
            title={t("comparison.dimensionsChart", { period: labels.period(latest.period) })}
            dimensions={dimensions}
            own={latest.scores}
            ownLabel={name}
            stats={Object.fromEntries(
              dimensions.map((d) => [d.code, statsOf(d.code).get(latest.period) as PeriodStat | undefined]),
            )}
          />
        )}
      </section>
      <section className="section" aria-labelledby="comparison-trend">
        <h2 id="comparison-trend">{t("comparison.trend")}</h2>
        {periods.length === 0 ? (
          <p className="muted">{t("charts.noData")}</p>
        ) : (
          <TrendFigure
            title={t("comparison.trendChart")}
            points={periods.map((period) => ({
              period,
              own: ownIndex.get(period) ?? null,
              stat: indexStats.get(period) ?? null,
            }))}
            ownLabel={name}
            format={format}
            yDomain={[0, 100]}
          />
        )}
      </section>
      <PeersTable peers={data.peers} shareResults={data.coalition.shareResults} />
    </>
  );
}

function GroupSizeNotice({ data }: { data: Comparison }) {
  const { t } = useTranslation();
  return data.groupSize < MIN_AGGREGATE_SIZE ? (
    <p className="notice" role="status">
      {t("comparison.groupTooSmall", { count: data.groupSize, min: MIN_AGGREGATE_SIZE })}
    </p>
  ) : (
    <p className="result-count" role="status">
      {t("comparison.groupSize", { count: data.groupSize, coalition: data.coalition.name })}
    </p>
  );
}
