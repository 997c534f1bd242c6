import { useTranslation } from "react-i18next";
import { SelectField } from "../../components/Field";
import { indicatorName } from "../../lib/localized";
import type { RouterOutputs } from "../../lib/trpc";
import { useLocale } from "../../lib/use-locale";

type IndicatorCatalog = RouterOutputs["indicators"]["catalog"];

interface Props {
  /** The KPI's row number, as in its other fields' labels. */
  n: number;
  value: string;
  /** The indicators of the commune's coalitions; undefined while they load or when they failed. */
  catalog: IndicatorCatalog | undefined;
  loading: boolean;
  errors: string[] | undefined;
  onChange: (code: string) => void;
}

/**
 * The coalition indicator a KPI rolls up to (optional): the indicators of the commune's
 * coalitions by name, grouped by coalition when there are several. A code the commune's
 * coalitions do not define (any more) stays selected, shown as the code, so saving keeps it.
 */
export function KpiIndicatorSelect({ n, value, catalog, loading, errors, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const indicators = catalog?.indicators ?? [];
  const coalitions = (catalog?.coalitions ?? []).filter((c) =>
    indicators.some((i) => i.coalitionId === c.id),
  );
  const known = value === "" || indicators.some((i) => i.code === value);
  const option = (indicator: (typeof indicators)[number]) => (
    <option key={indicator.id} value={indicator.code}>
      {indicatorName(indicator, locale)} ({indicator.unit})
    </option>
  );
  return (
    <SelectField
      label={t("editor.kpi.indicatorCode", { n })}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      errors={errors}
      disabled={loading}
      aria-busy={loading || undefined}
    >
      <option value="">{t("editor.kpi.noIndicator")}</option>
      {!known && (
        <option value={value}>{catalog ? t("editor.kpi.unknownIndicator", { code: value }) : value}</option>
      )}
      {coalitions.length > 1
        ? coalitions.map((c) => (
            <optgroup key={c.id} label={c.name}>
              {indicators.filter((i) => i.coalitionId === c.id).map(option)}
            </optgroup>
          ))
        : indicators.map(option)}
    </SelectField>
  );
}
