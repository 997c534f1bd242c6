import { zRequestPasswordRecoveryInput } from "@ciar/domain/schemas/account";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { TextField } from "../../components/Field";
import { ErrorNotice } from "../../components/StatusMessages";
import { serverFieldErrors, type FieldErrors } from "../../lib/api-errors";
import { useAccountTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { mergeFieldErrors, zodFieldErrors } from "../../lib/validation";

/**
 * "¿Olvidaste tu contraseña?": asks for the address and says the same thing whatever it is (the
 * server tells nobody which addresses have an account). The e-mail is queued and sent in the
 * background, so the page says it is on its way.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("recovery.title"));
  const trpc = useAccountTRPC();
  const [email, setEmail] = useState("");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const request = useMutation(trpc.passwordRecovery.request.mutationOptions());

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = zRequestPasswordRecoveryInput.safeParse({ email });
    if (!parsed.success)
      return setClientErrors(zodFieldErrors(parsed.error, (key, values) => t(key, values)));
    setClientErrors({});
    request.mutate(parsed.data);
  }

  const errors = mergeFieldErrors(clientErrors, serverFieldErrors(request.error));
  return (
    <>
      <h1>{t("recovery.title")}</h1>
      {request.isSuccess ? (
        <div className="notice notice-success" role="status">
          <p>{t("recovery.sent", { email: request.variables.email })}</p>
          <p>
            <Link to="/ingresar">{t("recovery.backToSignIn")}</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="lead">{t("recovery.lead")}</p>
          <form className="card form" onSubmit={submit} noValidate>
            <TextField
              label={t("signIn.email")}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              errors={errors.email}
            />
            {request.error && Object.keys(serverFieldErrors(request.error)).length === 0 ? (
              <ErrorNotice error={request.error} />
            ) : null}
            <button type="submit" className="button primary" disabled={request.isPending}>
              {request.isPending ? t("common.working") : t("recovery.submit")}
            </button>
          </form>
          <p className="note">
            <Link to="/ingresar">{t("recovery.backToSignIn")}</Link>
          </p>
        </>
      )}
    </>
  );
}
