import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CopyField } from "../../components/CopyField";
import { TextField } from "../../components/Field";
import { ErrorNotice } from "../../components/StatusMessages";
import { useAccountTRPC } from "../../lib/trpc";

/** Enrolment: a QR code (drawn by the server) and the key to type, then a first code confirms it. */
export function TotpEnrolment({ onEnrolled }: { onEnrolled: (recoveryCodes: string[]) => void }) {
  const { t } = useTranslation();
  const trpc = useAccountTRPC();
  const [code, setCode] = useState("");
  const start = useMutation(trpc.twoStep.startTotp.mutationOptions());
  const confirm = useMutation(
    trpc.twoStep.confirmTotp.mutationOptions({ onSuccess: (d) => onEnrolled(d.recoveryCodes) }),
  );

  if (!start.data)
    return (
      <div>
        <h3>{t("twoStep.totp.heading")}</h3>
        <p>{t("twoStep.totp.off")}</p>
        {start.error ? <ErrorNotice error={start.error} /> : null}
        <button
          type="button"
          className="button primary"
          disabled={start.isPending}
          onClick={() => start.mutate()}
        >
          {t("twoStep.totp.start")}
        </button>
      </div>
    );

  function submit(event: FormEvent) {
    event.preventDefault();
    confirm.mutate({ code });
  }

  return (
    <div>
      <h3>{t("twoStep.totp.heading")}</h3>
      <p>{t("twoStep.totp.scan")}</p>
      <img
        className="qr-code"
        width={200}
        height={200}
        alt={t("twoStep.totp.qrAlt")}
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(start.data.qrSvg)}`}
      />
      <CopyField
        label={t("twoStep.totp.manualKey")}
        hint={t("twoStep.totp.manualKeyHint")}
        value={start.data.secret}
      />
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label={t("twoStep.totp.confirmCode")}
          autoComplete="one-time-code"
          inputMode="numeric"
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        {confirm.error ? <ErrorNotice error={confirm.error} /> : null}
        <button type="submit" className="button primary" disabled={confirm.isPending || !code.trim()}>
          {t("twoStep.totp.confirm")}
        </button>
      </form>
    </div>
  );
}
