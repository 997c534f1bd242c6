import type { z } from "zod";
import type { FieldErrors } from "./api-errors";

/** Translation keys of client-side validation messages (src/i18n/*.json, "validation"). */
type ValidationKey =
  | "validation.required"
  | "validation.tooShort"
  | "validation.tooLong"
  | "validation.email"
  | "validation.url"
  | "validation.invalid";

export type Translate = (key: ValidationKey, values?: Record<string, number>) => string;

/**
 * Turns the domain schema's issues into messages per field, in our own words and language, so
 * the browser catches what the server would reject before sending it.
 */
export function zodFieldErrors(error: z.ZodError, translate: Translate): FieldErrors {
  const result: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.join(".") : "_";
    (result[field] ??= []).push(issueMessage(issue, translate));
  }
  return result;
}

function issueMessage(issue: z.core.$ZodIssue, translate: Translate): string {
  switch (issue.code) {
    case "too_small":
      return Number(issue.minimum) <= 1
        ? translate("validation.required")
        : translate("validation.tooShort", { min: Number(issue.minimum) });
    case "too_big":
      return translate("validation.tooLong", { max: Number(issue.maximum) });
    case "invalid_format":
      if (issue.format === "email") return translate("validation.email");
      if (issue.format === "url") return translate("validation.url");
      return translate("validation.invalid");
    default:
      return translate("validation.invalid");
  }
}

/** Client messages and the server's `fieldErrors` side by side, without repeating one. */
export function mergeFieldErrors(...sources: FieldErrors[]): FieldErrors {
  const result: FieldErrors = {};
  for (const source of sources) {
    for (const [field, messages] of Object.entries(source)) {
      const list = (result[field] ??= []);
      for (const message of messages) if (!list.includes(message)) list.push(message);
    }
  }
  return result;
}
