import { POPULATION_BANDS } from "@ciar/domain/format";
import { ASSESSMENT_STATUSES } from "@ciar/domain/progress/assessment-workflow";
import { MILESTONE_STATUSES } from "@ciar/domain/progress/milestones";
import { isPeriod, periodLabel } from "@ciar/domain/progress/periods";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { isOneOf } from "./use-case-labels";
import { useLocale } from "./use-locale";

const EVENT_ACTIONS = ["created", "submitted", "returned", "validated"] as const;
const BAND_CODES = POPULATION_BANDS.map((b) => b.code);

/** Labels of the progress vocabulary (statuses, quarters, bands) in the UI's language. */
export function useProgressLabels() {
  const { t } = useTranslation();
  const locale = useLocale();
  return useMemo(
    () => ({
      status: (v: string) => (isOneOf(ASSESSMENT_STATUSES, v) ? t(`assessmentStatuses.${v}`) : v),
      event: (v: string) => (isOneOf(EVENT_ACTIONS, v) ? t(`assessmentEvents.${v}`) : v),
      period: (v: string) => (isPeriod(v) ? periodLabel(v, locale) : v),
      band: (v: string | null) =>
        v === null ? t("common.none") : isOneOf(BAND_CODES, v) ? t(`bands.${v}`) : v,
      milestoneStatus: (v: string) => (isOneOf(MILESTONE_STATUSES, v) ? t(`milestoneStatuses.${v}`) : v),
    }),
    [t, locale],
  );
}
