import { z } from "zod";
import { zEmail } from "./common";

export const PASSWORD_MIN_LENGTH = 10;

export const zPassword = z.string().min(PASSWORD_MIN_LENGTH).max(200);

export const zLoginInput = z.object({
  email: zEmail,
  // Any length is accepted at sign-in: the policy applies when a password is set, and a
  // stricter check here would tell an attacker which rule a stored password follows.
  password: z.string().min(1).max(200),
});
export type LoginInput = z.infer<typeof zLoginInput>;

/** Strength is checked by the server (and shown by the form) with @ciar/domain/password-strength. */
export const zChangePasswordInput = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: zPassword,
});
export type ChangePasswordInput = z.infer<typeof zChangePasswordInput>;
