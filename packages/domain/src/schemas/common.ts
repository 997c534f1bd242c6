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
