import { appCodeOf, serverFieldErrors, serverMessage, type FieldErrors } from "../../../lib/api-errors";

/** API answers that are about one field, shown next to it rather than at the end of the form. */
const FIELD_OF_CODE: Partial<Record<string, string>> = {
  "modules.slug_taken": "slug",
  "modules.invalid_state": "slug",
  "modules.use_case_not_found": "useCaseId",
};

/** The server's per-field messages, plus a field-level conflict (a slug already in use) under its field. */
export function moduleFieldErrors(error: unknown): FieldErrors {
  const fields = serverFieldErrors(error);
  const field = FIELD_OF_CODE[appCodeOf(error) ?? ""];
  const message = serverMessage(error);
  return field && message ? { ...fields, [field]: [message] } : fields;
}

/** Whether the error is better shown as a notice for the whole form (nothing to point a field at). */
export function isFormLevelError(error: unknown): boolean {
  return Boolean(error) && Object.keys(moduleFieldErrors(error)).length === 0;
}
