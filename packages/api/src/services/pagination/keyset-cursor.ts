import { AppError } from "@ciar/domain/errors";
import { isStorableText } from "@ciar/domain/schemas/common";

/**
 * Keyset cursors: the sort key and id of the last row of a page, encoded so that clients treat
 * them as opaque. Decoding checks the key against the SQL type the query compares it as, so a
 * cursor that is not ours (edited, or from another sort) is a 400 and never reaches a cast in
 * SQL, where it would fail as a 500.
 */
export type CursorKey = "text" | "timestamp" | "real" | "int";

export function encodeCursor(key: string | number, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString("base64url");
}

/** The sort key (as text, for SQL to cast) and row id; null without a cursor. */
export function decodeCursor(cursor: string | undefined, kind: CursorKey): [string, string] | null {
  if (!cursor) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new AppError("input.invalid_cursor");
  }
  if (!Array.isArray(value) || value.length !== 2) throw new AppError("input.invalid_cursor");
  const [key, id] = value as unknown[];
  if (typeof id !== "string" || !UUID.test(id)) throw new AppError("input.invalid_cursor");
  if ((typeof key !== "string" && typeof key !== "number") || !KEY_CHECKS[kind](String(key)))
    throw new AppError("input.invalid_cursor");
  return [String(key), id];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// toISOString() ("2026-10-01T12:00:00.000Z") or PostgreSQL's text ("2026-10-01 12:00:00.12+00").
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;

const KEY_CHECKS: Record<CursorKey, (key: string) => boolean> = {
  text: (key) => key.length <= 1_000 && isStorableText(key),
  timestamp: (key) => {
    const parts = TIMESTAMP.exec(key);
    if (!parts) return false;
    const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number) as number[];
    // Date.UTC rolls 31 February over into March: a real date comes back unchanged.
    const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
    return (
      year! >= 1 &&
      date.getUTCFullYear() === year &&
      date.getUTCMonth() === month! - 1 &&
      date.getUTCDate() === day &&
      date.getUTCHours() === hour &&
      date.getUTCMinutes() === minute &&
      date.getUTCSeconds() === second
    );
  },
  real: (key) =>
    /^-?(\d{1,40}(\.\d{0,40})?|\.\d{1,40})(e[+-]?\d{1,2})?$/i.test(key) && Number.isFinite(Number(key)),
  int: (key) => /^-?\d{1,10}$/.test(key) && Math.abs(Number(key)) <= 2_147_483_647,
};
