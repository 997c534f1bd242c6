import { z } from "zod";
import { LOCALES } from "../roles";
import { zEmail, zUuid } from "./common";

/** Settings a commune's admins manage. Official data (name, CUT, region) is not editable here. */
export const zCommuneSettings = z.object({
  displayName: z.string().trim().min(2).max(120),
  contactEmail: zEmail.nullable(),
  websiteUrl: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .nullable(),
  defaultLocale: z.enum(LOCALES),
});

export const zUpdateCommuneInput = zCommuneSettings.partial().refine((v) => Object.keys(v).length > 0, {
  message: "Nothing to update",
});
export type UpdateCommuneInput = z.infer<typeof zUpdateCommuneInput>;

export const zAuditListInput = z.object({
  /** Id of the last event of the previous page (ids are time-ordered). */
  cursor: zUuid.optional(),
  limit: z.number().int().min(1).max(100).default(50),
  action: z.string().trim().max(80).optional(),
});
