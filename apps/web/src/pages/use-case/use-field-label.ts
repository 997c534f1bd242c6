import { SNAPSHOT_FIELDS } from "@ciar/domain/use-case-versions";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";

type SnapshotField = (typeof SNAPSHOT_FIELDS)[number];
const isSnapshotField = (field: string): field is SnapshotField =>
  (SNAPSHOT_FIELDS as readonly string[]).includes(field);

/** The name of a use-case field in the UI's language (an unknown one is shown as is). */
export function useFieldLabel() {
  const { t } = useTranslation();
  return useCallback(
    (field: string) => (isSnapshotField(field) ? t(`versions.fields.${field}`) : field),
    [t],
  );
}
