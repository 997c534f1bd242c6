/**
 * Keyset cursors: the sort key and id of the last row of a page, encoded so that clients treat
 * them as opaque. A cursor that does not decode restarts from the first page.
 */
export function encodeCursor(key: string | number, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): [string | number, string] | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      (typeof value[0] === "string" || typeof value[0] === "number") &&
      typeof value[1] === "string" &&
      /^[0-9a-f-]{36}$/i.test(value[1])
    ) {
      return value as [string | number, string];
    }
  } catch {
    // not ours: start over
  }
  return null;
}
