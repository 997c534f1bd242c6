import { z } from "zod";
import { zEmail, zUuid } from "./common";

const text = (max: number) => z.string().trim().max(max);

export const zCoalitionSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,59}$/);

export const zCreateCoalitionInput = z.object({
  slug: zCoalitionSlug,
  name: text(200).min(2),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable()
    .default("CL"),
  description: text(2000).default(""),
  sourceUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .default(null),
});

export const zUpdateCoalitionInput = z.object({
  coalitionId: zUuid,
  name: text(200).min(2).optional(),
  description: text(2000).optional(),
  sourceUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .optional(),
});

export const zCoalitionMemberInput = z.object({
  coalitionId: zUuid,
  /** Official code of the commune (CUT in Chile). */
  communeCode: z.string().regex(/^\d{5}$/),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .default("CL"),
});

export const zRemoveCoalitionMemberInput = z.object({ coalitionId: zUuid, communeId: zUuid });

export const zCoordinatorInput = z.object({ coalitionId: zUuid, email: zEmail });
export const zRemoveCoordinatorInput = z.object({ coalitionId: zUuid, userId: zUuid });

export const zCoalitionIdInput = z.object({ coalitionId: zUuid });

export const zSharingInput = z.object({ shareResults: z.boolean() });
