import type { OwnGroup } from "@ciar/domain/schemas/comparisons";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { SelectField } from "../../components/Field";
import { ErrorNotice } from "../../components/StatusMessages";
import { useCommuneTRPC } from "../../lib/trpc";
import { BUILT_IN_GROUPS } from "./own-group";

/** The coordination's custom groups that the active commune belongs to, in one coalition. */
export function useOwnGroups(coalitionId: string) {
  const trpc = useCommuneTRPC();
  return useQuery({
    ...trpc.peerGroups.mine.queryOptions({ coalitionId }),
    enabled: coalitionId !== "",
  });
}

interface Props {
  coalitions: readonly { id: string; name: string }[];
  coalitionId: string;
  /** The group compared with (as sent to the API). */
  group: OwnGroup;
  onCoalitionChange: (id: string) => void;
  onGroupChange: (group: OwnGroup) => void;
}

/**
 * Which coalition (when the commune belongs to several) and which of its peers to compare with:
 * the whole coalition, its region, its population band, or a group the coordination defined
 * and put the commune in.
 */
export function PeerScopeFields({ coalitions, coalitionId, group, onCoalitionChange, onGroupChange }: Props) {
  const { t } = useTranslation();
  const customGroups = useOwnGroups(coalitionId);
  const groups = customGroups.data ?? [];
  const selected = groups.find((g) => g.id === group);
  return (
    <>
      {coalitions.length > 1 && (
        <SelectField
          label={t("comparison.coalition")}
          value={coalitionId}
          onChange={(e) => onCoalitionChange(e.target.value)}
        >
          {coalitions.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField
        label={t("comparison.group")}
        hint={selected?.description || undefined}
        value={group}
        onChange={(e) => onGroupChange(e.target.value)}
      >
        {BUILT_IN_GROUPS.map((g) => (
          <option key={g} value={g}>
            {t(`comparison.ownGroups.${g}`)}
          </option>
        ))}
        {groups.length > 0 && (
          <optgroup label={t("comparison.customGroups")}>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </optgroup>
        )}
      </SelectField>
      {customGroups.isError && (
        <ErrorNotice error={customGroups.error} onRetry={() => void customGroups.refetch()} />
      )}
    </>
  );
}
