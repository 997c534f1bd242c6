import type { Summary } from "@ciar/domain/progress/stats";
import { MIN_AGGREGATE_SIZE } from "@ciar/domain/progress/stats";
import { useTranslation } from "react-i18next";

/**
 * A group's median and quartiles in words, or why there are none: below MIN_AGGREGATE_SIZE
 * communes an aggregate would reveal individual results.
 */
export function SummaryText({ summary, format }: { summary: Summary; format: (value: number) => string }) {
  const { t } = useTranslation();
  if (summary.suppressed) {
    return <span>{t("comparison.suppressed", { count: summary.n, min: MIN_AGGREGATE_SIZE })}</span>;
  }
  return (
    <span>
      {t("comparison.summaryText", {
        median: format(summary.median),
        p25: format(summary.p25),
        p75: format(summary.p75),
        n: summary.n,
      })}
    </span>
  );
}
