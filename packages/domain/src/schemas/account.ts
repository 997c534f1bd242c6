import { z } from "zod";
import { NOTIFICATION_CATEGORIES, NOTIFICATION_DELIVERIES } from "../notification-preferences";
import { zPassword } from "./auth";
import { zEmail, zUuid } from "./common";

/** "¿Olvidaste tu contraseña?": the address the link goes to, if it is an account's. */
export const zRequestPasswordRecoveryInput = z.object({ email: zEmail });
export type RequestPasswordRecoveryInput = z.infer<typeof zRequestPasswordRecoveryInput>;

/** The token of a recovery link: 32 random bytes in base64url (43 characters). */
const zRecoveryToken = z
  .string()
  .min(20)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);

export const zResetPasswordInput = z.object({ token: zRecoveryToken, newPassword: zPassword });
export type ResetPasswordInput = z.infer<typeof zResetPasswordInput>;

export const zUpdateProfileInput = z.object({
  name: z.string().trim().min(2).max(120),
  locale: z.enum(["es", "en"]),
});
export type UpdateProfileInput = z.infer<typeof zUpdateProfileInput>;

export const zEndSessionInput = z.object({ sessionId: zUuid });

export const zSetNotificationPreferencesInput = z.object({
  preferences: z
    .array(z.object({ category: z.enum(NOTIFICATION_CATEGORIES), delivery: z.enum(NOTIFICATION_DELIVERIES) }))
    .min(1)
    .max(NOTIFICATION_CATEGORIES.length),
});
export type SetNotificationPreferencesInput = z.infer<typeof zSetNotificationPreferencesInput>;
