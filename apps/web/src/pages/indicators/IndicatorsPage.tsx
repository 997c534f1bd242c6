import { can } from "@ciar/domain/permissions";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../../components/Field";
import { EmptyState, ErrorNotice, Loading } from "../../components/StatusMessages";
import { communeLabel, useCommune } from "../../lib/commune";
import { indicatorName } from "../../lib/localized";
import { useCommuneTRPC, type RouterOutputs } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useLocale } from "../../lib/use-locale";
import { IndicatorDetails } from "./IndicatorDetails";
import { IndicatorPeerComparison } from "./IndicatorPeerComparison";
import { OwnValues } from "./OwnValues";
import { RecordValueForm } from "./RecordValueForm";

export type Indicator = RouterOutputs["indicators"]["catalog"]["indicators"][number];

/**
 * The shared indicators of the commune's coalitions: what each measures, the commune's quarterly
 * values (recorded here by editors and admins), the use-case KPIs that roll up to it, and, for
 * admins, the commune against its peers' median.
 */
export function IndicatorsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const commune = useCommune();
  const trpc = useCommuneTRPC();
  useDocumentTitle(`${t("indicators.title")} · ${communeLabel(commune)}`);
  const catalog = useQuery(trpc.indicators.catalog.queryOptions());
  const ownValues = useQuery(trpc.indicators.values.queryOptions({}));
  const [chosen, setChosen] = useState("");

  // Waits for the own values too: the indicator shown first depends on them.
  if (catalog.isPending || ownValues.isPending) return <Loading />;
  if (catalog.isError) return <ErrorNotice error={catalog.error} onRetry={() => void catalog.refetch()} />;
  const { coalitions, indicators } = catalog.data;
  // Open on an indicator the commune reports, rather than on an empty one.
  const reported = new Set(ownValues.data?.values.map((v) => v.indicatorId));
  const indicator =
    indicators.find((i) => i.id === chosen) ?? indicators.find((i) => reported.has(i.id)) ?? indicators[0];
  return (
    <>
      <h1>{t("indicators.title")}</h1>
      <p className="lead">{t("indicators.lead")}</p>
      {!indicator ? (
        <EmptyState title={coalitions.length === 0 ? t("comparison.noCoalition") : t("indicators.none")} />
      ) : (
        <>
          <div className="filter-field">
            <SelectField
              label={t("indicators.indicator")}
              value={indicator.id}
              onChange={(e) => setChosen(e.target.value)}
            >
              {coalitions.map((c) => (
                <optgroup key={c.id} label={c.name}>
                  {indicators
                    .filter((i) => i.coalitionId === c.id)
                    .map((i) => (
                      <option key={i.id} value={i.id}>
                        {indicatorName(i, locale)}
                      </option>
                    ))}
                </optgroup>
              ))}
            </SelectField>
          </div>
          <IndicatorDetails indicator={indicator} />
          {can(commune.role, "indicators.write") && (
            <RecordValueForm key={indicator.id} indicator={indicator} />
          )}
          <OwnValues indicator={indicator} />
          {can(commune.role, "progress.compare") && <IndicatorPeerComparison indicator={indicator} />}
        </>
      )}
    </>
  );
}
