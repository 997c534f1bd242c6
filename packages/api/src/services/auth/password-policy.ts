import { checkPasswordStrength } from "@ciar/domain/password-strength";
import { ZodError } from "zod";

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
  throw new ZodError(
    verdict.reasons.en.map((en, i) => ({
      code: "custom" as const,
      path: [field],
      message: en,
      input: undefined,
      params: { appCode: "auth.weak_password", i18n: { es: verdict.reasons.es[i] ?? en, en } },
    })),
  );
}
