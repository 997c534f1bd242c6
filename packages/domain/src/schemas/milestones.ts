import { z } from "zod";
import { MILESTONE_STATUSES } from "../progress/milestones";
import { zUuid } from "./common";

const text = (max: number) => z.string().trim().max(max);

/** A calendar date (YYYY-MM-DD) in the years 2000–2100: the database refuses far-off years. */
export const zMilestoneDate = z.iso.date().regex(/^(20\d{2}|2100)-/);

/** A dimension code of the current maturity framework (checked by the API), or none. */
const zDimensionCode = z.string().trim().min(1).max(64).nullable();

export const zMilestoneIdInput = z.object({ id: zUuid });

export const zCreateMilestoneInput = z.object({
  title: text(200).min(3),
  description: text(2000).default(""),
  dimensionCode: zDimensionCode.default(null),
  dueDate: zMilestoneDate,
  status: z.enum(MILESTONE_STATUSES).default("planned"),
});
export type CreateMilestoneInput = z.infer<typeof zCreateMilestoneInput>;

/** Only the fields sent change; dimensionCode null detaches the milestone from its dimension. */
export const zUpdateMilestoneInput = z.object({
  id: zUuid,
  title: text(200).min(3).optional(),
  description: text(2000).optional(),
  dimensionCode: zDimensionCode.optional(),
  dueDate: zMilestoneDate.optional(),
  status: z.enum(MILESTONE_STATUSES).optional(),
});
export type UpdateMilestoneInput = z.infer<typeof zUpdateMilestoneInput>;
