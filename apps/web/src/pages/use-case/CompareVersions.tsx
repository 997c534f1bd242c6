import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../../components/Field";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { changeValueText } from "../../lib/audit-changes";
import { useCommuneTRPC } from "../../lib/trpc";
import { useFieldLabel } from "./use-field-label";

/** Two versions side by side: each field that differs, from → to. */
export function CompareVersions({ id, versions }: { id: string; versions: number[] }) {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel();
  const trpc = useCommuneTRPC();
  const [from, setFrom] = useState(versions[versions.length - 1]!);
  const [to, setTo] = useState(versions[0]!);
  const compare = useQuery({
    ...trpc.useCases.compareVersions.queryOptions({ id, from, to }),
    enabled: from !== to,
  });
  const value = (v: unknown) => changeValueText(v) ?? t("common.none");
  const options = versions.map((v) => (
    <option key={v} value={v}>
      {t("versions.versionN", { n: v })}
    </option>
  ));

  return (
    <div className="compare card">
      <h3>{t("versions.compare")}</h3>
      <div className="inline-form">
        <SelectField
          label={t("versions.from")}
          value={from}
          onChange={(e) => setFrom(Number(e.target.value))}
        >
          {options}
        </SelectField>
        <SelectField label={t("versions.to")} value={to} onChange={(e) => setTo(Number(e.target.value))}>
          {options}
        </SelectField>
      </div>
      <div aria-live="polite">
        {from === to ? (
          <p className="muted">{t("versions.sameVersion")}</p>
        ) : compare.isPending ? (
          <Loading />
        ) : compare.isError ? (
          <ErrorNotice error={compare.error} />
        ) : Object.keys(compare.data.changes).length === 0 ? (
          <p className="muted">{t("versions.noDifferences")}</p>
        ) : (
          <ul className="changes">
            {Object.entries(compare.data.changes).map(([field, change]) => (
              <li key={field}>
                <span className="change-field">{fieldLabel(field)}:</span>{" "}
                {t("audit.fromTo", { from: value(change.from), to: value(change.to) })}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
