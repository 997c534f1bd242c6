import { POPULATION_BANDS } from "@ciar/domain/format";
import type { ComparisonGroup } from "@ciar/domain/schemas/comparisons";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { SelectField } from "../../components/Field";
import { useCoalition } from "../../lib/coalition";
import { useProgressLabels } from "../../lib/progress-labels";
import { useAccountTRPC } from "../../lib/trpc";

/** Which members a coordinator's view covers; region, band and custom groups name one of each. */
export interface GroupSelection {
  group: ComparisonGroup;
  groupKey?: string | undefined;
}

export const WHOLE_COALITION: GroupSelection = { group: "coalition" };

/**
 * Picks the comparison group: the whole coalition, one region, one population band (only those
 * present among the members) or one of the coordinator's custom groups.
 */
export function GroupPicker({
  value,
  onChange,
}: {
  value: GroupSelection;
  onChange: (next: GroupSelection) => void;
}) {
  const { t } = useTranslation();
  const coalition = useCoalition();
  const labels = useProgressLabels();
  const trpc = useAccountTRPC();
  const members = useQuery(trpc.coalitions.get.queryOptions({ coalitionId: coalition.id }));
  const groups = useQuery(trpc.peerGroups.list.queryOptions({ coalitionId: coalition.id }));

  const memberRows = members.data?.members ?? [];
  const regions = [...new Map(memberRows.map((m) => [m.regionCode, m.region])).entries()].sort((a, b) =>
    a[1].localeCompare(b[1], "es"),
  );
  const bands = POPULATION_BANDS.map((b) => b.code).filter((code) => memberRows.some((m) => m.band === code));
  const customGroups = groups.data ?? [];
  const keysOf = (group: ComparisonGroup): string[] =>
    group === "region"
      ? regions.map(([code]) => code)
      : group === "band"
        ? bands
        : group === "custom"
          ? customGroups.map((g) => g.id)
          : [];

  const chooseGroup = (group: ComparisonGroup) => onChange({ group, groupKey: keysOf(group)[0] });
  return (
    <div className="group-picker">
      <SelectField
        label={t("comparison.group")}
        value={value.group}
        onChange={(e) => chooseGroup(e.target.value as ComparisonGroup)}
      >
        <option value="coalition">{t("comparison.groups.coalition")}</option>
        <option value="region" disabled={regions.length === 0}>
          {t("comparison.groups.region")}
        </option>
        <option value="band" disabled={bands.length === 0}>
          {t("comparison.groups.band")}
        </option>
        <option value="custom" disabled={customGroups.length === 0}>
          {t("comparison.groups.custom")}
        </option>
      </SelectField>
      {value.group !== "coalition" && (
        <SelectField
          label={
            value.group === "region"
              ? t("comparison.whichRegion")
              : value.group === "band"
                ? t("comparison.whichBand")
                : t("comparison.whichGroup")
          }
          value={value.groupKey ?? ""}
          onChange={(e) => onChange({ group: value.group, groupKey: e.target.value })}
        >
          {value.group === "region" &&
            regions.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          {value.group === "band" &&
            bands.map((code) => (
              <option key={code} value={code}>
                {labels.band(code)}
              </option>
            ))}
          {value.group === "custom" &&
            customGroups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
        </SelectField>
      )}
    </div>
  );
}

/** The API's group fields: a region, band or custom group without a key falls back to the coalition. */
export function groupInput(selection: GroupSelection): GroupSelection {
  return selection.group === "coalition" || !selection.groupKey ? WHOLE_COALITION : selection;
}
