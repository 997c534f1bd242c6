import { zChangePasswordInput } from "@ciar/domain/schemas/auth";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "../../components/Field";
import { NewPasswordFields, newPasswordErrors } from "../../components/NewPasswordFields";
import { ErrorNotice } from "../../components/StatusMessages";
import { serverFieldErrors, type FieldErrors } from "../../lib/api-errors";
import { authState } from "../../lib/auth-state";
import { useMe } from "../../lib/session";
import { useAccountTRPC } from "../../lib/trpc";
import { mergeFieldErrors, zodFieldErrors } from "../../lib/validation";
import { AccountSection } from "./AccountSection";

/**
 * Change password: the current one is required; the new one follows the product's strength
 * rules (checked here first, then by the server). Every other session ends; this tab continues
 * in the new session the server answers with.
 */
export function PasswordSection() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const trpc = useAccountTRPC();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: (session) => {
        authState.signedIn(session.accessToken);
        setCurrent("");
        setNext("");
        setConfirmation("");
      },
    }),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = zChangePasswordInput.safeParse({ currentPassword: current, newPassword: next });
    const errors = parsed.success ? {} : zodFieldErrors(parsed.error, (key, values) => t(key, values));
    const pair = await newPasswordErrors(
      next,
      confirmation,
      [me.user.email, me.user.name],
      errors.newPassword,
      {
        differ: t("account.password.differ"),
        locale: i18n.language,
      },
    );
    if (pair.password) errors.newPassword = pair.password;
    if (pair.confirmation) errors.confirmation = pair.confirmation;
    setClientErrors(errors);
    if (parsed.success && Object.keys(errors).length === 0) change.mutate(parsed.data);
  }

  const errors = mergeFieldErrors(clientErrors, serverFieldErrors(change.error));
  const showFormError = change.error && Object.keys(serverFieldErrors(change.error)).length === 0;
  return (
    <AccountSection id="contrasena" titleKey="account.password.title" lead={t("account.password.lead")}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label={t("account.password.current")}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          errors={errors.currentPassword}
        />
        <NewPasswordFields
          labels={{ password: t("account.password.new"), confirmation: t("account.password.confirm") }}
          password={next}
          confirmation={confirmation}
          onPassword={setNext}
          onConfirmation={setConfirmation}
          errors={{ password: errors.newPassword, confirmation: errors.confirmation }}
        />
        {showFormError ? <ErrorNotice error={change.error} /> : null}
        {change.isSuccess ? (
          <p className="notice notice-success" role="status">
            {t("account.password.changed")}
          </p>
        ) : null}
        <button type="submit" className="button primary" disabled={change.isPending}>
          {change.isPending ? t("common.working") : t("account.password.submit")}
        </button>
      </form>
    </AccountSection>
  );
}
