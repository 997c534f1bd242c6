import { useEffect, useId, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorNotice } from "./StatusMessages";

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** "danger" (default) for what removes or ends something; "primary" for what grants it. */
  tone?: "danger" | "primary";
  pending?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A native modal <dialog>: the browser traps focus, makes the page behind it inert and closes it
 * with Escape. Focus starts on "Cancel", the safe choice, since the action cannot be undone here.
 * The confirm button is red unless the action grants something (`tone="primary"`).
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  tone = "danger",
  pending,
  error,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
      {error ? <ErrorNotice error={error} /> : null}
      <div className="actions">
        <button type="button" className="button secondary" onClick={onCancel} autoFocus>
          {t("common.cancel")}
        </button>
        <button type="button" className={`button ${tone}`} onClick={onConfirm} disabled={pending}>
          {pending ? t("common.working") : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
