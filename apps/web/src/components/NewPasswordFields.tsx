import { checkPasswordStrength } from "@ciar/domain/password-strength";
import { PASSWORD_MIN_LENGTH } from "@ciar/domain/schemas/auth";
import { useTranslation } from "react-i18next";
import { TextField } from "./Field";

/**
 * A new password and its repetition: the pair every form that sets a password shows (an
 * invitation's new account, Mi cuenta, a recovery link), with the product's hint. Labels differ
 * by form ("Contraseña" for a new account, "Nueva contraseña" when one exists), so they are given.
 */
export function NewPasswordFields(props: {
  labels: { password: string; confirmation: string };
  password: string;
  confirmation: string;
  onPassword(value: string): void;
  onConfirmation(value: string): void;
  errors: { password?: string[]; confirmation?: string[] };
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={props.labels.password}
        type="password"
        autoComplete="new-password"
        hint={t("invitation.passwordHint", { min: PASSWORD_MIN_LENGTH })}
        value={props.password}
        onChange={(e) => props.onPassword(e.target.value)}
        errors={props.errors.password}
      />
      <TextField
        label={props.labels.confirmation}
        type="password"
        autoComplete="new-password"
        value={props.confirmation}
        onChange={(e) => props.onConfirmation(e.target.value)}
        errors={props.errors.confirmation}
      />
    </>
  );
}

/**
 * The client's first look at a new password, before a round trip: the repetition matches, and the
 * server's own strength rules (the estimator's dictionaries load on first use, in their own chunk)
 * pass. `schemaErrors` are the password's errors from the form's schema: with one, strength waits.
 */
export async function newPasswordErrors(
  password: string,
  confirmation: string,
  personal: string[],
  schemaErrors: string[] | undefined,
  messages: { differ: string; locale: string },
): Promise<{ password?: string[]; confirmation?: string[] }> {
  const errors: { password?: string[]; confirmation?: string[] } = {};
  if (password !== confirmation) errors.confirmation = [messages.differ];
  if (!schemaErrors && password.length >= PASSWORD_MIN_LENGTH) {
    const verdict = await checkPasswordStrength(password, personal);
    if (!verdict.ok) errors.password = verdict.reasons[messages.locale === "en" ? "en" : "es"];
  }
  return errors;
}
