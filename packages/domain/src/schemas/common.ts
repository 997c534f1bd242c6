import { z } from "zod";

/**
 * A uuid, lower-cased: PostgreSQL reads "ABC…" and "abc…" as the same uuid, JavaScript's `===` does
 * not, so every id is made canonical where it enters (rules that compare ids do so in SQL as well).
 */
export const zUuid = z.uuid().toLowerCase();

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
  return !text.includes("\u0000") && !LONE_SURROGATE.test(text);
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one
// (String.prototype.isWellFormed is ES2024; this targets ES2023).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Paths ("a.0.b") of strings and keys that are not storable text, at most `limit` of them. */
export function unstorableTextPaths(value: unknown, limit = 20): string[] {
  const found: string[] = [];
  // Iterative, each entry linked to its parent: a hostile input may be nested thousands deep.
  const pending: PathNode[] = [{ value, key: null, parent: null }];
  while (pending.length > 0 && found.length < limit) {
    const node = pending.pop()!;
    if (typeof node.value === "string") {
      if (!isStorableText(node.value)) found.push(pathOf(node));
    } else if (node.value && typeof node.value === "object") {
      for (const [key, field] of Object.entries(node.value)) {
        if (!isStorableText(key)) found.push(pathOf({ value: null, key: "(key)", parent: node }));
        else pending.push({ value: field, key, parent: node });
      }
    }
  }
  return found;
}

interface PathNode {
  value: unknown;
  key: string | null;
  parent: PathNode | null;
}

function pathOf(node: PathNode): string {
  const keys: string[] = [];
  for (let at: PathNode | null = node; at?.key != null; at = at.parent) keys.push(at.key);
  return keys.reverse().join(".");
}
