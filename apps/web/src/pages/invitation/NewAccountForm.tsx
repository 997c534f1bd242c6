import { zAcceptInvitationInput } from "@ciar/domain/schemas/members";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "../../components/Field";
import { NewPasswordFields, newPasswordErrors } from "../../components/NewPasswordFields";
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

  async function submit(event: FormEvent) {
    event.preventDefault();
    // name and password are optional in the schema (existing accounts send neither): required here.
    const parsed = zAcceptInvitationInput
      .required({ name: true, password: true })
      .safeParse({ token, name, password });
    const errors = parsed.success ? {} : zodFieldErrors(parsed.error, (key, values) => t(key, values));
    // The server's own checks, run here first so the reasons show without a round trip.
    const pair = await newPasswordErrors(password, confirmation, [email, name], errors.password, {
      differ: t("invitation.passwordsDiffer"),
      locale: i18n.language,
    });
    if (pair.password) errors.password = pair.password;
    if (pair.confirmation) errors.confirmation = pair.confirmation;
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
      <NewPasswordFields
        labels={{ password: t("invitation.password"), confirmation: t("invitation.confirmPassword") }}
        password={password}
        confirmation={confirmation}
        onPassword={setPassword}
        onConfirmation={setConfirmation}
        errors={{ password: errors.password, confirmation: errors.confirmation }}
      />
      {showFormError ? <ErrorNotice error={accept.error} /> : null}
      <button type="submit" className="button primary" disabled={accept.isPending}>
        {accept.isPending ? t("common.working") : t("invitation.createAndJoin")}
      </button>
    </form>
  );
}
