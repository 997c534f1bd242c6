/**
 * The rows of a raw `tx.execute(sql…)` result, whichever driver ran it: PGlite answers
 * `{ rows }`, postgres.js an array. (Typed drizzle queries need none of this.)
 */
export function rowsOf<T>(result: unknown): T[] {
  if (result && typeof result === "object" && "rows" in result) return (result as { rows: T[] }).rows;
  return (result as T[] | null) ?? [];
}
