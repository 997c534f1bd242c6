import { useTranslation } from "react-i18next";
import { SelectField } from "../../components/Field";

/** The groups a commune compares itself with: its whole coalition, its region or its population band. */
export const OWN_GROUPS = ["coalition", "region", "band"] as const;
export type OwnGroupChoice = (typeof OWN_GROUPS)[number];

interface Props {
  coalitions: readonly { id: string; name: string }[];
  coalitionId: string;
  group: OwnGroupChoice;
  onCoalitionChange: (id: string) => void;
  onGroupChange: (group: OwnGroupChoice) => void;
}

/** Which coalition (when the commune belongs to several) and which of its peers to compare with. */
export function PeerScopeFields({ coalitions, coalitionId, group, onCoalitionChange, onGroupChange }: Props) {
  const { t } = useTranslation();
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
        value={group}
        onChange={(e) => onGroupChange(e.target.value as OwnGroupChoice)}
      >
        {OWN_GROUPS.map((g) => (
          <option key={g} value={g}>
            {t(`comparison.ownGroups.${g}`)}
          </option>
        ))}
      </SelectField>
    </>
  );
}
