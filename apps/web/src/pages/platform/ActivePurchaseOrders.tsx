import { entitlementOf } from "@ciar/domain/billing/entitlement";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { useAccountTRPC, type RouterOutputs } from "../../lib/trpc";
import { formatNumber, useLocale } from "../../lib/use-locale";
import { ActivateRenewalDialog, type RenewalActivated } from "./ActivateRenewalDialog";
import { EndSubscriptionDialog } from "./EndSubscriptionDialog";
import { formatDay } from "./months";
import { LoadMore } from "../../components/LoadMore";

export type ActiveOrder = RouterOutputs["subscriptions"]["activePurchaseOrders"]["items"][number];

const PAGE_SIZE = 25;

/**
 * Active subscriptions by purchase order, by commune, with their period (highlighted once it has
 * ended) and this month's usage; a renewal order the commune gave can be activated, and each
 * subscription can be ended.
 */
export function ActivePurchaseOrders() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useAccountTRPC();
  const [ending, setEnding] = useState<ActiveOrder | null>(null);
  const [renewing, setRenewing] = useState<ActiveOrder | null>(null);
  const [renewed, setRenewed] = useState<{ order: ActiveOrder; result: RenewalActivated } | null>(null);
  const active = useInfiniteQuery(
    trpc.subscriptions.activePurchaseOrders.infiniteQueryOptions(
      { limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  const rows = active.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="section" aria-labelledby="active-purchase-orders">
      <h2 id="active-purchase-orders">{t("purchaseOrders.activeHeading")}</h2>
      {active.isPending ? (
        <Loading />
      ) : !active.data ? (
        // A failed "load more" keeps the rows already shown; only a failed first page replaces them.
        <ErrorNotice error={active.error} onRetry={() => void active.refetch()} />
      ) : rows.length === 0 ? (
        <p>{t("purchaseOrders.activeEmpty")}</p>
      ) : (
        <>
          <p className="result-count" role="status">
            {t("purchaseOrders.activeCount", { count: active.data.pages[0]?.total ?? rows.length })}
          </p>
          {renewed && (
            <p className="notice notice-success" role="status">
              {t("purchaseOrders.renewalActivated", {
                commune: renewed.order.commune.name,
                number: renewed.result.subscription.purchaseOrderNumber ?? "—",
                start: renewed.result.subscription.currentPeriodStart
                  ? formatDay(renewed.result.subscription.currentPeriodStart, locale)
                  : "—",
                end: renewed.result.subscription.currentPeriodEnd
                  ? formatDay(renewed.result.subscription.currentPeriodEnd, locale)
                  : "—",
              })}
            </p>
          )}
          <ActiveTable
            rows={rows}
            onEnd={(order) => {
              setRenewed(null);
              setEnding(order);
            }}
            onRenew={(order) => {
              setRenewed(null);
              setRenewing(order);
            }}
          />
        </>
      )}
      <LoadMore query={active} />
      {active.data && active.isError && <ErrorNotice error={active.error} />}
      <EndSubscriptionDialog order={ending} onClose={() => setEnding(null)} />
      <ActivateRenewalDialog
        order={renewing}
        onClose={() => setRenewing(null)}
        onActivated={(order, result) => setRenewed({ order, result })}
      />
    </section>
  );
}

function ActiveTable({
  rows,
  onEnd,
  onRenew,
}: {
  rows: ActiveOrder[];
  onEnd: (order: ActiveOrder) => void;
  onRenew: (order: ActiveOrder) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const now = new Date();
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("purchaseOrders.commune")}</th>
            <th scope="col">{t("purchaseOrders.module")}</th>
            <th scope="col">{t("modules.plan")}</th>
            <th scope="col">{t("modules.purchaseOrderNumber")}</th>
            <th scope="col">{t("purchaseOrders.period")}</th>
            <th scope="col">{t("purchaseOrders.usageThisMonth")}</th>
            <th scope="col">{t("purchaseOrders.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((order) => {
            // The same rule the gateway applies: an ended period keeps access for a grace period.
            const entitlement = entitlementOf(
              {
                status: "active",
                method: "purchase_order",
                pastDueSince: null,
                currentPeriodEnd: order.currentPeriodEnd,
              },
              now,
            );
            const ended =
              entitlement.state === "renewal_due" || entitlement.state === "purchase_order_expired";
            return (
              <tr key={order.id} className={ended ? "row-overdue" : undefined}>
                <th scope="row">
                  {order.commune.name} ({order.commune.code})
                </th>
                <td>{order.module.name}</td>
                <td>{order.plan.name}</td>
                <td>
                  {order.purchaseOrderNumber ?? "—"}
                  {order.renewal && (
                    <span className="block">
                      <strong>
                        {t("purchaseOrders.renewalLabel", { number: order.renewal.purchaseOrderNumber })}
                      </strong>
                      {order.renewal.requestedAt && (
                        <>
                          {" "}
                          {t("purchaseOrders.renewalRequested", {
                            date: formatDay(order.renewal.requestedAt, locale),
                          })}
                        </>
                      )}
                    </span>
                  )}
                </td>
                <td>
                  {order.currentPeriodStart && order.currentPeriodEnd
                    ? t("purchaseOrders.periodRange", {
                        start: formatDay(order.currentPeriodStart, locale),
                        end: formatDay(order.currentPeriodEnd, locale),
                      })
                    : "—"}
                  {entitlement.state === "renewal_due" && (
                    <span className="block">
                      <span className="badge badge-overdue">{t("purchaseOrders.periodEnded")}</span>{" "}
                      {t("purchaseOrders.accessUntil", {
                        date: formatDay(entitlement.graceUntil.toISOString(), locale),
                      })}
                    </span>
                  )}
                  {entitlement.state === "purchase_order_expired" && (
                    <span className="block">
                      <span className="badge badge-overdue">{t("purchaseOrders.accessSuspended")}</span>{" "}
                      {t("purchaseOrders.suspendedSince", {
                        date: formatDay(entitlement.graceUntil.toISOString(), locale),
                      })}
                    </span>
                  )}
                </td>
                <td>
                  {t("purchaseOrders.usageOf", {
                    units: formatNumber(order.usageThisMonth.units, locale),
                    included: formatNumber(order.usageThisMonth.includedUnits, locale),
                  })}
                  {order.usageThisMonth.overUnits > 0 && (
                    <span className="block">
                      {t("purchaseOrders.overQuota", {
                        units: formatNumber(order.usageThisMonth.overUnits, locale),
                      })}
                    </span>
                  )}
                </td>
                <td>
                  <div className="actions">
                    {order.renewal && (
                      <button type="button" className="button primary" onClick={() => onRenew(order)}>
                        {t("purchaseOrders.activateRenewal")}
                      </button>
                    )}
                    <button type="button" className="button danger-quiet" onClick={() => onEnd(order)}>
                      {t("purchaseOrders.end")}
                    </button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
