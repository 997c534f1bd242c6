import { z } from "zod";

export const zUuid = z.uuid();

/** E-mail addresses are compared case-insensitively; store them trimmed and lower-cased. */
export const zEmail = z.string().trim().toLowerCase().pipe(z.email().max(254));

/** Cursor pagination: opaque cursor from the previous page, page size capped to protect the database. */
export const zPageInput = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

/** A row version (optimistic locking, history): an int4 column, so capped where PostgreSQL caps it. */
export const zVersion = z.number().int().min(1).max(2_147_483_647);

/**
 * Text the database can store: PostgreSQL rejects NUL in text and jsonb, and a lone UTF-16
 * surrogate has no UTF-8 form (drivers silently turn it into U+FFFD). One rule for every string
 * that enters: the API checks each request's whole input with `unstorableTextPaths` before any
 * parser runs (see @ciar/api trpc.ts), and readers of embedded documents (publiccode.yml) check
 * what they parsed with the same function.
 */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

// NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one
// (String.prototype.isWellFormed is ES2024; this targets ES2023).
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Paths ("a.0.b") of strings and keys that are not storable text, at most `limit` of them. */
export function unstorableTextPaths(value: unknown, limit = 20): string[] {
  const found: string[] = [];
  // Iterative: a hostile input may be nested thousands deep.
  const pending: Array<[unknown, string[]]> = [[value, []]];
  while (pending.length > 0 && found.length < limit) {
    const [current, path] = pending.pop()!;
    if (typeof current === "string") {
      if (!isStorableText(current)) found.push(path.join("."));
    } else if (current && typeof current === "object") {
      for (const [key, field] of Object.entries(current)) {
        if (!isStorableText(key)) found.push([...path, "(key)"].join("."));
        else pending.push([field, [...path, key]]);
      }
    }
  }
  return found;
}
