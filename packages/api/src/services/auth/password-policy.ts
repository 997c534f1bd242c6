import { checkPasswordStrength } from "@ciar/domain/password-strength";
import { z } from "zod";

/**
 * Refuses a password that is easy to guess, wherever one is set (new account from an invitation,
 * password change). The answer is ordinary invalid input (`input.invalid`, 400) with the reasons
 * under the password's field, in the caller's language, so forms show them next to the field.
 * `userInputs` are what an attacker would try first: the person's e-mail and name.
 */
export async function assertStrongPassword(
  password: string,
  userInputs: readonly string[],
  field = "password",
): Promise<void> {
  const verdict = await checkPasswordStrength(password, userInputs);
  if (verdict.ok) return;
  // Thrown as a parse error of the field, as other services do, so the API's one error mapping
  // turns it into per-field messages (each issue carries both languages).
  z.object({
    [field]: z.string().superRefine((_, issues) => {
      verdict.reasons.en.forEach((en, i) =>
        issues.addIssue({
          code: "custom",
          message: en,
          params: { i18n: { es: verdict.reasons.es[i] ?? en, en } },
        }),
      );
    }),
  }).parse({ [field]: password });
}
