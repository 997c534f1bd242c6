import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { serverMessage } from "../lib/api-errors";

/** Announced politely by screen readers while data loads. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="status-loading" role="status">
      {label ?? t("common.loading")}
    </p>
  );
}

/** The server's localized message (or a generic one when the server was not reached), with a retry. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-error" role="alert">
      <p>{serverMessage(error) ?? t("errors.network")}</p>
      {onRetry && (
        <button type="button" className="button secondary" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <h2>{title}</h2>
      {children}
    </div>
  );
}
