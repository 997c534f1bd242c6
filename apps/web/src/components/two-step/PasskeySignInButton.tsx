import { startAuthentication } from "@simplewebauthn/browser";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAccountTRPC, type RouterOutputs } from "../../lib/trpc";
import { ErrorNotice } from "../StatusMessages";

type SignedIn = RouterOutputs["auth"]["passkeySignIn"];

/** Password-less sign-in: the browser offers the passkeys it holds for this site. */
export function PasskeySignInButton({
  onSignedIn,
}: {
  onSignedIn: (answer: SignedIn) => void | Promise<void>;
}) {
  const { t } = useTranslation();
  const trpc = useAccountTRPC();
  const options = useMutation(trpc.auth.passkeyOptions.mutationOptions());
  const signIn = useMutation(trpc.auth.passkeySignIn.mutationOptions({ onSuccess: onSignedIn }));
  const [cancelled, setCancelled] = useState(false);

  async function start() {
    setCancelled(false);
    signIn.reset();
    try {
      const { challengeToken, options: optionsJSON } = await options.mutateAsync();
      const passkey = await startAuthentication({ optionsJSON });
      signIn.mutate({ challengeToken, passkey: { ...passkey } });
    } catch {
      setCancelled(!options.error);
    }
  }

  return (
    <div className="passkey-sign-in">
      <button
        type="button"
        className="button secondary"
        onClick={() => void start()}
        disabled={signIn.isPending}
      >
        {t("twoStep.signIn.withPasskey")}
      </button>
      {signIn.error ? <ErrorNotice error={signIn.error} /> : null}
      {options.error ? <ErrorNotice error={options.error} /> : null}
      {cancelled ? <p className="field-error">{t("twoStep.passkeys.cancelled")}</p> : null}
    </div>
  );
}
