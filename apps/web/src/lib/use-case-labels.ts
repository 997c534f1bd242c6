import {
  AI_TECHNIQUES,
  PUBLICATION_STATUSES,
  SERVICE_AREAS,
  STAGES,
  VISIBILITIES,
} from "@ciar/domain/use-cases";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";

/** The API returns these codes as plain strings: narrowed here, so an unknown code shows as is. */
export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

const NOTIFICATION_KINDS = ["adopted", "question", "comment", "answer", "endorsed"] as const;

/** Labels of the catalog's vocabulary in the UI's language. */
export function useUseCaseLabels() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      serviceArea: (v: string) => (isOneOf(SERVICE_AREAS, v) ? t(`serviceAreas.${v}`) : v),
      technique: (v: string) => (isOneOf(AI_TECHNIQUES, v) ? t(`techniques.${v}`) : v),
      techniques: (list: readonly string[]) =>
        list.map((v) => (isOneOf(AI_TECHNIQUES, v) ? t(`techniques.${v}`) : v)).join(", "),
      stage: (v: string) => (isOneOf(STAGES, v) ? t(`stages.${v}`) : v),
      status: (v: string) => (isOneOf(PUBLICATION_STATUSES, v) ? t(`statuses.${v}`) : v),
      visibility: (v: string) => (isOneOf(VISIBILITIES, v) ? t(`visibilities.${v}`) : v),
      notification: (kind: string, commune: string) =>
        isOneOf(NOTIFICATION_KINDS, kind) ? t(`notifications.kinds.${kind}`, { commune }) : commune,
    }),
    [t],
  );
}
