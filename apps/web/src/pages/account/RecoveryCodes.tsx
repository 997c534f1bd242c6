import { useState } from "react";
import { useTranslation } from "react-i18next";
import { downloadText } from "../../lib/download";

/** Shown once, right after they are made: only their hashes are kept, so they cannot be shown again. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const text = codes.join("\n");
  return (
    <div className="notice">
      <h3>{t("twoStep.codes.heading")}</h3>
      <p>{t("twoStep.codes.lead")}</p>
      <ul className="recovery-codes" aria-label={t("twoStep.codes.heading")}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button
          type="button"
          className="button secondary"
          onClick={() =>
            void navigator.clipboard.writeText(text).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {t("twoStep.codes.copy")}
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() =>
            downloadText("red-ciar-codigos-de-recuperacion.txt", `${t("twoStep.codes.heading")}\n\n${text}\n`)
          }
        >
          {t("twoStep.codes.download")}
        </button>
        <button type="button" className="button primary" onClick={onDone}>
          {t("twoStep.codes.done")}
        </button>
      </div>
      <p className="field-hint" aria-live="polite">
        {copied ? t("twoStep.codes.copied") : ""}
      </p>
    </div>
  );
}
