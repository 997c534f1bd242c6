import { formatDateTime } from "@ciar/domain/format";
import { startRegistration } from "@simplewebauthn/browser";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "../../components/Field";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { useAccountTRPC, type RouterOutputs } from "../../lib/trpc";
import { useLocale } from "../../lib/use-locale";
import { AccountSection } from "./AccountSection";
import { RecoveryCodes } from "./RecoveryCodes";
import { TotpEnrolment } from "./TotpEnrolment";

/** Mi cuenta → two-step verification: the authenticator app, recovery codes and passkeys. */
export function TwoStepSection() {
  const { t } = useTranslation();
  const trpc = useAccountTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.twoStep.status.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.twoStep.status.queryKey() });
  const [codes, setCodes] = useState<string[] | null>(null);

  return (
    <AccountSection id="verificacion" titleKey="twoStep.title" lead={t("twoStep.lead")}>
      {status.isPending ? (
        <Loading />
      ) : status.isError ? (
        <ErrorNotice error={status.error} onRetry={() => void status.refetch()} />
      ) : (
        <TwoStepFactors status={status.data} codes={codes} setCodes={setCodes} refresh={refresh} />
      )}
    </AccountSection>
  );
}

function TwoStepFactors({
  status: s,
  codes,
  setCodes,
  refresh,
}: {
  status: RouterOutputs["twoStep"]["status"];
  codes: string[] | null;
  setCodes: (codes: string[] | null) => void;
  refresh: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const hasFactor = s.totpEnabled || s.passkeys.length > 0;
  return (
    <>
      {s.required && !hasFactor && (
        <div className="notice notice-error" role="alert">
          <p>{t("twoStep.required")}</p>
        </div>
      )}
      {codes ? (
        <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
      ) : s.totpEnabled ? (
        <TotpEnabled
          since={s.totpEnabledAt ? formatDateTime(s.totpEnabledAt, locale) : ""}
          left={s.recoveryCodesLeft}
          onCodes={setCodes}
          onChanged={() => void refresh()}
        />
      ) : (
        <TotpEnrolment
          onEnrolled={(recoveryCodes) => {
            setCodes(recoveryCodes);
            void refresh();
          }}
        />
      )}
      <Passkeys passkeys={s.passkeys} onChanged={() => void refresh()} />
    </>
  );
}

function TotpEnabled({
  since,
  left,
  onCodes,
  onChanged,
}: {
  since: string;
  left: number;
  onCodes: (codes: string[]) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useAccountTRPC();
  const [proof, setProof] = useState("");
  // A six-digit answer is a code from the app; anything else is the password.
  const input = () => (/^\s*\d{3}\s?\d{3}\s*$/.test(proof) ? { code: proof } : { password: proof });
  const regenerate = useMutation(
    trpc.twoStep.regenerateRecoveryCodes.mutationOptions({
      onSuccess: (d) => {
        setProof("");
        onCodes(d.recoveryCodes);
        onChanged();
      },
    }),
  );
  const disable = useMutation(
    trpc.twoStep.disableTotp.mutationOptions({
      onSuccess: () => {
        setProof("");
        onChanged();
      },
    }),
  );
  return (
    <div>
      <h3>{t("twoStep.totp.heading")}</h3>
      <p>{t("twoStep.totp.enabledSince", { date: since })}</p>
      <p>{t("twoStep.totp.codesLeft", { count: left })}</p>
      <form className="form" onSubmit={(e: FormEvent) => e.preventDefault()} noValidate>
        <TextField
          label={t("twoStep.totp.proof")}
          hint={t("twoStep.totp.proofHint")}
          type="password"
          autoComplete="current-password"
          value={proof}
          onChange={(e) => setProof(e.target.value)}
        />
        {regenerate.error ? <ErrorNotice error={regenerate.error} /> : null}
        {disable.error ? <ErrorNotice error={disable.error} /> : null}
        <div className="actions">
          <button
            type="button"
            className="button secondary"
            disabled={!proof || regenerate.isPending}
            onClick={() => regenerate.mutate(input())}
          >
            {t("twoStep.totp.regenerate")}
          </button>
          <button
            type="button"
            className="button danger-quiet"
            disabled={!proof || disable.isPending}
            onClick={() => disable.mutate(input())}
          >
            {t("twoStep.totp.disable")}
          </button>
        </div>
      </form>
    </div>
  );
}

function Passkeys({
  passkeys,
  onChanged,
}: {
  passkeys: { id: string; name: string; createdAt: string; lastUsedAt: string | null }[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useAccountTRPC();
  const [name, setName] = useState("");
  const [cancelled, setCancelled] = useState(false);
  const options = useMutation(trpc.twoStep.passkeyOptions.mutationOptions());
  const add = useMutation(
    trpc.twoStep.addPasskey.mutationOptions({
      onSuccess: () => {
        setName("");
        onChanged();
      },
    }),
  );
  const remove = useMutation(trpc.twoStep.removePasskey.mutationOptions({ onSuccess: onChanged }));

  async function register(event: FormEvent) {
    event.preventDefault();
    setCancelled(false);
    add.reset();
    try {
      const { challengeToken, options: optionsJSON } = await options.mutateAsync();
      const passkey = await startRegistration({ optionsJSON });
      add.mutate({ challengeToken, name, passkey: { ...passkey } });
    } catch {
      setCancelled(!options.error);
    }
  }

  return (
    <div>
      <h3>{t("twoStep.passkeys.heading")}</h3>
      <p>{t("twoStep.passkeys.lead")}</p>
      {passkeys.length === 0 ? (
        <p className="muted">{t("twoStep.passkeys.none")}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{t("twoStep.passkeys.heading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("twoStep.passkeys.name")}</th>
              <th scope="col">{t("twoStep.passkeys.added")}</th>
              <th scope="col">{t("twoStep.passkeys.lastUsed")}</th>
              <th scope="col">{t("members.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {passkeys.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td>{formatDateTime(p.createdAt, locale)}</td>
                <td>{p.lastUsedAt ? formatDateTime(p.lastUsedAt, locale) : t("members.never")}</td>
                <td>
                  <button
                    type="button"
                    className="button danger-quiet"
                    aria-label={t("twoStep.passkeys.removeNamed", { name: p.name })}
                    onClick={() => remove.mutate({ id: p.id })}
                  >
                    {t("twoStep.passkeys.remove")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {remove.error ? <ErrorNotice error={remove.error} /> : null}
      <form className="form" onSubmit={(e) => void register(e)} noValidate>
        <TextField
          label={t("twoStep.passkeys.newName")}
          hint={t("twoStep.passkeys.newNameHint")}
          value={name}
          maxLength={60}
          onChange={(e) => setName(e.target.value)}
        />
        {add.error ? <ErrorNotice error={add.error} /> : null}
        {options.error ? <ErrorNotice error={options.error} /> : null}
        {cancelled ? <p className="field-error">{t("twoStep.passkeys.cancelled")}</p> : null}
        <button type="submit" className="button secondary" disabled={!name.trim() || add.isPending}>
          {t("twoStep.passkeys.add")}
        </button>
        <span className="row-status" aria-live="polite">
          {add.isSuccess ? t("twoStep.passkeys.added_done") : ""}
        </span>
      </form>
    </div>
  );
}
