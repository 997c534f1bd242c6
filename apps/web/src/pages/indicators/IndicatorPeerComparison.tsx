import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TrendFigure } from "../../components/progress/TrendFigure";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { communeLabel, useCommune } from "../../lib/commune";
import { formatValue } from "../../lib/format-score";
import { indicatorName } from "../../lib/localized";
import { useCommuneTRPC, type RouterOutputs } from "../../lib/trpc";
import { useLocale } from "../../lib/use-locale";
import { groupToSend, WHOLE_COALITION, type OwnGroupChoice } from "../comparison/own-group";
import { PeerScopeFields, useOwnGroups } from "../comparison/PeerScopeFields";
import type { Indicator } from "./IndicatorsPage";

type IndicatorComparison = RouterOutputs["progress"]["myIndicatorComparison"];

/** Admins: the commune's values against the median and middle half of its peers, quarter by quarter. */
export function IndicatorPeerComparison({ indicator }: { indicator: Indicator }) {
  const { t } = useTranslation();
  const trpc = useCommuneTRPC();
  const [choice, setChoice] = useState<OwnGroupChoice>(WHOLE_COALITION);
  // A custom group picked for an indicator of another coalition does not apply to this one.
  const customGroups = useOwnGroups(indicator.coalitionId);
  const group = groupToSend(choice, indicator.coalitionId, customGroups.data);
  const comparison = useQuery({
    ...trpc.progress.myIndicatorComparison.queryOptions({
      coalitionId: indicator.coalitionId,
      indicatorId: indicator.id,
      group,
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="section" aria-labelledby="indicator-peers">
      <h2 id="indicator-peers">{t("indicators.vsPeers")}</h2>
      <div className="filter-field">
        {/* The indicator belongs to one coalition: only the group is chosen here. */}
        <PeerScopeFields
          coalitions={[]}
          coalitionId={indicator.coalitionId}
          group={group}
          onCoalitionChange={() => undefined}
          onGroupChange={(next) => setChoice({ coalitionId: indicator.coalitionId, group: next })}
        />
      </div>
      {comparison.isPending ? (
        <Loading />
      ) : comparison.isError ? (
        <ErrorNotice error={comparison.error} onRetry={() => void comparison.refetch()} />
      ) : (
        <IndicatorTrendVsPeers indicator={indicator} comparison={comparison.data} />
      )}
      <p className="field-hint">{t("indicators.aggregatesNote")}</p>
    </section>
  );
}

function IndicatorTrendVsPeers({
  indicator,
  comparison,
}: {
  indicator: Indicator;
  comparison: IndicatorComparison;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const commune = useCommune();
  const format = (v: number) => formatValue(v, locale);
  const own = new Map(comparison.own.map((o) => [o.period, o.value]));
  const stats = new Map(comparison.peerStats.map((s) => [s.period, s]));
  const periods = [...new Set([...own.keys(), ...stats.keys()])].sort();
  if (periods.length === 0) return <p className="muted">{t("charts.noData")}</p>;
  return (
    <TrendFigure
      title={t("indicators.vsPeersChart", { indicator: indicatorName(indicator, locale) })}
      points={periods.map((period) => ({
        period,
        own: own.get(period) ?? null,
        stat: stats.get(period) ?? null,
      }))}
      ownLabel={communeLabel(commune)}
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
  );
}
