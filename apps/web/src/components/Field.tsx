import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

interface FieldShell {
  label: string;
  hint?: string;
  errors?: string[] | undefined;
}

/** Ids that tie a control to its label, hint and error text (read out with the field). */
function useFieldIds(id: string | undefined, hint: string | undefined, errors: string[] | undefined) {
  const auto = useId();
  const fieldId = id ?? auto;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = errors && errors.length > 0 ? `${fieldId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return { fieldId, hintId, errorId, describedBy };
}

function FieldFrame({
  label,
  hint,
  errors,
  ids,
  children,
}: FieldShell & { ids: ReturnType<typeof useFieldIds>; children: ReactNode }) {
  return (
    <div className={ids.errorId ? "field field-invalid" : "field"}>
      <label htmlFor={ids.fieldId}>{label}</label>
      {hint && (
        <p id={ids.hintId} className="field-hint">
          {hint}
        </p>
      )}
      {children}
      {ids.errorId && (
        <p id={ids.errorId} className="field-error">
          {errors?.join(" ")}
        </p>
      )}
    </div>
  );
}

export function TextField({
  label,
  hint,
  errors,
  id,
  ...input
}: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds(id, hint, errors);
  return (
    <FieldFrame label={label} hint={hint} errors={errors} ids={ids}>
      <input
        id={ids.fieldId}
        aria-invalid={ids.errorId ? true : undefined}
        aria-describedby={ids.describedBy}
        {...input}
      />
    </FieldFrame>
  );
}

export function SelectField({
  label,
  hint,
  errors,
  id,
  children,
  ...select
}: FieldShell & SelectHTMLAttributes<HTMLSelectElement>) {
  const ids = useFieldIds(id, hint, errors);
  return (
    <FieldFrame label={label} hint={hint} errors={errors} ids={ids}>
      <select
        id={ids.fieldId}
        aria-invalid={ids.errorId ? true : undefined}
        aria-describedby={ids.describedBy}
        {...select}
      >
        {children}
      </select>
    </FieldFrame>
  );
}

export function TextAreaField({
  label,
  hint,
  errors,
  id,
  ...textarea
}: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = useFieldIds(id, hint, errors);
  return (
    <FieldFrame label={label} hint={hint} errors={errors} ids={ids}>
      <textarea
        id={ids.fieldId}
        aria-invalid={ids.errorId ? true : undefined}
        aria-describedby={ids.describedBy}
        rows={4}
        {...textarea}
      />
    </FieldFrame>
  );
}
