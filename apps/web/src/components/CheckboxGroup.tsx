import { useId } from "react";

interface Props {
  legend: string;
  options: readonly { value: string; label: string }[];
  value: readonly string[];
  onChange: (next: string[]) => void;
  errors?: string[] | undefined;
}

/** Several choices under one legend: a fieldset, so screen readers announce the group's name. */
export function CheckboxGroup({ legend, options, value, onChange, errors }: Props) {
  const id = useId();
  const errorId = errors && errors.length > 0 ? `${id}-error` : undefined;
  const toggle = (option: string, on: boolean) =>
    onChange(on ? [...value, option] : value.filter((v) => v !== option));
  return (
    <fieldset
      className={errorId ? "checkbox-group field-invalid" : "checkbox-group"}
      aria-describedby={errorId}
    >
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="checkbox-option">
          <input
            type="checkbox"
            checked={value.includes(option.value)}
            onChange={(e) => toggle(option.value, e.target.checked)}
          />
          {option.label}
        </label>
      ))}
      {errorId && (
        <p id={errorId} className="field-error">
          {errors?.join(" ")}
        </p>
      )}
    </fieldset>
  );
}
