import { z } from "zod";
import { PLATFORM_AUDIT_ACTIONS } from "../audit-actions";
import { zPageInput, zUuid } from "./common";
import { zSuspensionReason } from "./members";

/** The platform's people page: search by e-mail or name, paginated. */
export const zSearchPeopleInput = zPageInput.extend({
  search: z.string().trim().max(100).optional(),
});

export const zPersonInput = z.object({ userId: zUuid });

export const zLockAccountInput = z.object({ userId: zUuid, reason: zSuspensionReason });

export const zUnlockAccountInput = z.object({ userId: zUuid });

/** The platform log: newest first, filtered by action and by the person it is about or who acted. */
export const zListPlatformAuditInput = zPageInput.extend({
  action: z.enum(PLATFORM_AUDIT_ACTIONS).optional(),
  userId: zUuid.optional(),
});
