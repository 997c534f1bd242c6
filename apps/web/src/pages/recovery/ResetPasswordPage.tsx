import { zResetPasswordInput } from "@ciar/domain/schemas/account";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { NewPasswordFields, newPasswordErrors } from "../../components/NewPasswordFields";
import { ErrorNotice } from "../../components/StatusMessages";
import { serverFieldErrors, type FieldErrors } from "../../lib/api-errors";
import { useAccountTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { mergeFieldErrors, zodFieldErrors } from "../../lib/validation";

/**
 * The link of a recovery e-mail (/recuperar/:token): a new password, with the product's strength
 * rules. The server ends every session of the account and signs nobody in: the person then signs
 * in with the new password. An expired, used or unknown link gets the server's explanation.
 */
export function ResetPasswordPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t("recovery.resetTitle"));
  const { token = "" } = useParams();
  const trpc = useAccountTRPC();
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const reset = useMutation(trpc.passwordRecovery.reset.mutationOptions());

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = zResetPasswordInput.safeParse({ token, newPassword: password });
    const errors = parsed.success ? {} : zodFieldErrors(parsed.error, (key, values) => t(key, values));
    const pair = await newPasswordErrors(password, confirmation, [], errors.newPassword, {
      differ: t("account.password.differ"),
      locale: i18n.language,
    });
    if (pair.password) errors.newPassword = pair.password;
    if (pair.confirmation) errors.confirmation = pair.confirmation;
    setClientErrors(errors);
    if (parsed.success && Object.keys(errors).length === 0) reset.mutate(parsed.data);
  }

  if (reset.isSuccess)
    return (
      <>
        <h1>{t("recovery.resetTitle")}</h1>
        <div className="notice notice-success" role="status">
          <p>{t("recovery.done")}</p>
          <p>
            <Link to="/ingresar" className="button primary">
              {t("signIn.submit")}
            </Link>
          </p>
        </div>
      </>
    );

  const errors = mergeFieldErrors(clientErrors, serverFieldErrors(reset.error));
  const showFormError = reset.error && Object.keys(serverFieldErrors(reset.error)).length === 0;
  return (
    <>
      <h1>{t("recovery.resetTitle")}</h1>
      <p className="lead">{t("recovery.resetLead")}</p>
      <form className="card form" onSubmit={(event) => void submit(event)} noValidate>
        <NewPasswordFields
          labels={{ password: t("account.password.new"), confirmation: t("account.password.confirm") }}
          password={password}
          confirmation={confirmation}
          onPassword={setPassword}
          onConfirmation={setConfirmation}
          errors={{ password: errors.newPassword, confirmation: errors.confirmation }}
        />
        {showFormError ? (
          <>
            <ErrorNotice error={reset.error} />
            <p>
              <Link to="/recuperar">{t("recovery.askAgain")}</Link>
            </p>
          </>
        ) : null}
        <button type="submit" className="button primary" disabled={reset.isPending}>
          {reset.isPending ? t("common.working") : t("recovery.resetSubmit")}
        </button>
      </form>
    </>
  );
}
