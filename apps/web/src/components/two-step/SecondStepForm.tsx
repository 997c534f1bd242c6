import { startAuthentication } from "@simplewebauthn/browser";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useAccountTRPC, type RouterOutputs } from "../../lib/trpc";
import { TextField } from "../Field";
import { ErrorNotice } from "../StatusMessages";

type SignedIn = Extract<RouterOutputs["auth"]["login"], { status: "signed_in" }>;
type Method = "totp" | "recovery" | "passkey";

/**
 * The second step of a sign-in: the password was right, and the account has a second factor. The
 * code from the authenticator app, a recovery code, or a passkey; the session starts only then.
 */
export function SecondStepForm({
  challengeToken,
  methods,
  onSignedIn,
}: {
  challengeToken: string;
  methods: Method[];
  onSignedIn: (answer: SignedIn) => void | Promise<void>;
}) {
  const { t } = useTranslation();
  const trpc = useAccountTRPC();
  const [mode, setMode] = useState<"totp" | "recovery">(methods.includes("totp") ? "totp" : "recovery");
  const [value, setValue] = useState("");
  const complete = useMutation(trpc.auth.completeTwoStep.mutationOptions({ onSuccess: onSignedIn }));
  const passkeyOptions = useMutation(trpc.auth.twoStepPasskeyOptions.mutationOptions());
  const [passkeyError, setPasskeyError] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    complete.mutate(
      mode === "totp" ? { challengeToken, code: value } : { challengeToken, recoveryCode: value },
    );
  }

  async function answerWithPasskey() {
    setPasskeyError(false);
    try {
      const options = await passkeyOptions.mutateAsync({ challengeToken });
      const passkey = await startAuthentication({ optionsJSON: options });
      complete.mutate({ challengeToken, passkey: { ...passkey } });
    } catch {
      setPasskeyError(!passkeyOptions.error);
    }
  }

  return (
    <>
      <h1>{t("twoStep.signIn.title")}</h1>
      <p className="lead">
        {mode === "totp" ? t("twoStep.signIn.leadCode") : t("twoStep.signIn.leadRecovery")}
      </p>
      <form className="card form" onSubmit={submit} noValidate>
        <TextField
          key={mode}
          label={mode === "totp" ? t("twoStep.signIn.code") : t("twoStep.signIn.recoveryCode")}
          autoComplete="one-time-code"
          inputMode={mode === "totp" ? "numeric" : "text"}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        {complete.error ? <ErrorNotice error={complete.error} /> : null}
        <button type="submit" className="button primary" disabled={complete.isPending || value.trim() === ""}>
          {complete.isPending ? t("twoStep.signIn.verifying") : t("twoStep.signIn.verify")}
        </button>
      </form>
      <div className="actions">
        {methods.includes("totp") && methods.includes("recovery") && (
          <button
            type="button"
            className="button link"
            onClick={() => {
              setMode(mode === "totp" ? "recovery" : "totp");
              setValue("");
              complete.reset();
            }}
          >
            {mode === "totp" ? t("twoStep.signIn.useRecovery") : t("twoStep.signIn.useCode")}
          </button>
        )}
        {methods.includes("passkey") && (
          <button type="button" className="button secondary" onClick={() => void answerWithPasskey()}>
            {t("twoStep.signIn.usePasskey")}
          </button>
        )}
      </div>
      {passkeyOptions.error ? <ErrorNotice error={passkeyOptions.error} /> : null}
      {passkeyError ? <p className="field-error">{t("twoStep.passkeys.cancelled")}</p> : null}
    </>
  );
}
