import type { FieldErrors } from "../../lib/api-errors";
import type { UseCaseForm } from "./use-case-form";

/** What every part of the editor receives: the form, a way to change it, and messages per field. */
export interface SectionProps {
  form: UseCaseForm;
  update: (patch: Partial<UseCaseForm>) => void;
  errors: FieldErrors;
}
