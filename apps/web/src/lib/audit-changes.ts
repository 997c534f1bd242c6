/** One line of an audit event's details: a field that went from one value to another, or a fact. */
export interface ChangeLine {
  field: string;
  from?: unknown;
  to?: unknown;
  value?: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Audit `changes` come in two shapes: `{ field: { from, to } }` for updates, and plain facts
 * (`{ email, role }`) for events such as an invitation. Anything else shows nothing rather than
 * breaking the page.
 */
export function describeChanges(changes: unknown): ChangeLine[] {
  if (!isRecord(changes)) return [];
  return Object.entries(changes).map(([field, v]) =>
    isRecord(v) && "from" in v && "to" in v ? { field, from: v.from, to: v.to } : { field, value: v },
  );
}

/** A value as text; null when there is none (shown as "none" by the page). */
export function changeValueText(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return String(value);
  return JSON.stringify(value);
}
