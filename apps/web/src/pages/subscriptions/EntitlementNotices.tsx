import { formatDateTime } from "@ciar/domain/format";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../lib/use-locale";
import type { Subscription } from "./SubscriptionsPage";

/**
 * What the subscription's entitlement asks of the commune: a pending order, a failed payment or
 * an ended purchase-order period (warnings while access continues, errors once it is refused).
 */
export function EntitlementNotices({ subscription: s }: { subscription: Subscription }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const state = s.entitlement.state;
  const graceUntil = "graceUntil" in s.entitlement ? formatDateTime(s.entitlement.graceUntil, locale) : null;
  const periodEnd = s.currentPeriodEnd ? formatDateTime(s.currentPeriodEnd, locale) : null;
  return (
    <>
      {state === "pending_purchase_order" && (
        <p className="notice notice-info">{t("subscriptions.pendingNotice")}</p>
      )}
      {state === "past_due" && graceUntil && (
        <p className="notice notice-warning" role="alert">
          {t("subscriptions.pastDueWarning", { date: graceUntil })}
        </p>
      )}
      {state === "past_due_expired" && (
        <p className="notice notice-error" role="alert">
          {t("subscriptions.pastDueExpired")}
        </p>
      )}
      {state === "renewal_due" && graceUntil && periodEnd && (
        <p className="notice notice-warning" role="alert">
          {t("subscriptions.renewalDueWarning", { end: periodEnd, date: graceUntil })}
          {!s.renewal && <> {t("subscriptions.renewalMissing")}</>}
        </p>
      )}
      {state === "purchase_order_expired" && graceUntil && periodEnd && (
        <p className="notice notice-error" role="alert">
          {t("subscriptions.purchaseOrderExpired", { end: periodEnd, date: graceUntil })}
        </p>
      )}
      {state === "incomplete" && (
        <p className="notice notice-warning">{t("subscriptions.incompleteNotice")}</p>
      )}
      {s.cancelAtPeriodEnd && s.currentPeriodEnd && (
        <p className="notice notice-info">
          {t("subscriptions.cancelAtPeriodEnd", { date: formatDateTime(s.currentPeriodEnd, locale) })}
        </p>
      )}
    </>
  );
}
