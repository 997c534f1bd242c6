import { z } from "zod";

export const zUuid = z.uuid();

/** E-mail addresses are compared case-insensitively; store them trimmed and lower-cased. */
export const zEmail = z.string().trim().toLowerCase().pipe(z.email().max(254));

/** Cursor pagination: opaque cursor from the previous page, page size capped to protect the database. */
export const zPageInput = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
