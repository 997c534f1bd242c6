import { zLoginInput } from "@ciar/domain/schemas/auth";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { TextField } from "../components/Field";
import { ErrorNotice, Loading } from "../components/StatusMessages";
import { TWO_STEP_ENROL_PATH } from "../components/two-step/enrolment-path";
import { PasskeySignInButton } from "../components/two-step/PasskeySignInButton";
import { SecondStepForm } from "../components/two-step/SecondStepForm";
import { serverFieldErrors, type FieldErrors } from "../lib/api-errors";
import { safeReturnPath } from "../lib/commune-paths";
import { useAuthState, useStartSession } from "../lib/session";
import { useAccountTRPC } from "../lib/trpc";
import { useDocumentTitle } from "../lib/use-document-title";
import { DirectorySignIn } from "./directory/DirectorySignIn";
import { mergeFieldErrors, zodFieldErrors } from "../lib/validation";

export function SignInPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("signIn.title"));
  const trpc = useAccountTRPC();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get("volver"));
  const { status } = useAuthState();
  const startSession = useStartSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  // Set when the password was right and the account has a second factor (components/two-step).
  const [secondStep, setSecondStep] = useState<{
    challengeToken: string;
    methods: ("totp" | "recovery" | "passkey")[];
  }>();

  async function signedIn(session: { accessToken: string; enrolmentRequired: boolean }) {
    startSession(session.accessToken);
    await navigate(session.enrolmentRequired ? TWO_STEP_ENROL_PATH : returnTo, { replace: true });
  }

  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async (answer) => (answer.status === "two_step" ? setSecondStep(answer) : signedIn(answer)),
    }),
  );

  if (status === "restoring") return <Loading label={t("session.restoring")} />;
  if (status === "signedIn" && !login.isPending && !login.isSuccess)
    return <Navigate to={returnTo} replace />;

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = zLoginInput.safeParse({ email, password });
    if (!parsed.success)
      return setClientErrors(zodFieldErrors(parsed.error, (key, values) => t(key, values)));
    setClientErrors({});
    login.mutate(parsed.data);
  }

  if (secondStep) return <SecondStepForm {...secondStep} onSignedIn={signedIn} />;

  const errors = mergeFieldErrors(clientErrors, serverFieldErrors(login.error));
  return (
    <>
      <h1>{t("signIn.title")}</h1>
      <p className="lead">{t("signIn.lead")}</p>
      <form className="card form" onSubmit={submit} noValidate>
        <TextField
          label={t("signIn.email")}
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          errors={errors.email}
        />
        <TextField
          label={t("signIn.password")}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          errors={errors.password}
        />
        {login.error && Object.keys(serverFieldErrors(login.error)).length === 0 ? (
          <ErrorNotice error={login.error} />
        ) : null}
        <button type="submit" className="button primary" disabled={login.isPending}>
          {login.isPending ? t("signIn.submitting") : t("signIn.submit")}
        </button>
        <p>
          <Link to="/recuperar">{t("signIn.forgotPassword")}</Link>
        </p>
      </form>
      <PasskeySignInButton onSignedIn={signedIn} />
      <DirectorySignIn email={email} returnTo={returnTo} />
      <p className="note">{t("signIn.demoNote")}</p>
    </>
  );
}
