import { checkPasswordStrength } from "@ciar/domain/password-strength";
import { PASSWORD_MIN_LENGTH } from "@ciar/domain/schemas/auth";
import { zAcceptInvitationInput } from "@ciar/domain/schemas/members";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "../../components/Field";
import { ErrorNotice } from "../../components/StatusMessages";
import { serverFieldErrors, type FieldErrors } from "../../lib/api-errors";
import { mergeFieldErrors, zodFieldErrors } from "../../lib/validation";
import type { AcceptInvitation } from "./use-accept-invitation";

/** First visit of a new person: name and password create the account and join the commune. */
export function NewAccountForm({
  token,
  email,
  accept,
}: {
  token: string;
  email: string;
  accept: AcceptInvitation;
}) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  // The server's own strength check, run here first so the reasons show without a round trip. The
  // estimator's dictionaries load on first use, in their own chunk, only on this page.
  async function strengthErrors(): Promise<string[]> {
    if (password.length < PASSWORD_MIN_LENGTH) return [];
    const verdict = await checkPasswordStrength(password, [email, name]);
    return verdict.ok ? [] : verdict.reasons[i18n.language === "en" ? "en" : "es"];
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    // name and password are optional in the schema (existing accounts send neither): required here.
    const parsed = zAcceptInvitationInput
      .required({ name: true, password: true })
      .safeParse({ token, name, password });
    const errors = parsed.success ? {} : zodFieldErrors(parsed.error, (key, values) => t(key, values));
    if (password !== confirmation) errors.confirmation = [t("invitation.passwordsDiffer")];
    const weak = errors.password ? [] : await strengthErrors();
    if (weak.length > 0) errors.password = weak;
    setClientErrors(errors);
    if (parsed.success && Object.keys(errors).length === 0) accept.mutate(parsed.data);
  }

  const errors = mergeFieldErrors(clientErrors, serverFieldErrors(accept.error));
  const showFormError = accept.error && Object.keys(serverFieldErrors(accept.error)).length === 0;
  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate>
      <h2>{t("invitation.createAccount")}</h2>
      <p>{t("invitation.createAccountText", { email })}</p>
      <TextField
        label={t("invitation.name")}
        autoComplete="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        errors={errors.name}
      />
      <TextField
        label={t("invitation.password")}
        type="password"
        autoComplete="new-password"
        hint={t("invitation.passwordHint", { min: PASSWORD_MIN_LENGTH })}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        errors={errors.password}
      />
      <TextField
        label={t("invitation.confirmPassword")}
        type="password"
        autoComplete="new-password"
        value={confirmation}
        onChange={(e) => setConfirmation(e.target.value)}
        errors={errors.confirmation}
      />
      {showFormError ? <ErrorNotice error={accept.error} /> : null}
      <button type="submit" className="button primary" disabled={accept.isPending}>
        {accept.isPending ? t("common.working") : t("invitation.createAndJoin")}
      </button>
    </form>
  );
}
