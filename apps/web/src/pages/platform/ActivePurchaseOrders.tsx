import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { useAccountTRPC, type RouterOutputs } from "../../lib/trpc";
import { formatNumber, useLocale } from "../../lib/use-locale";
import { EndSubscriptionDialog } from "./EndSubscriptionDialog";
import { formatDay } from "./months";

export type ActiveOrder = RouterOutputs["subscriptions"]["activePurchaseOrders"]["items"][number];

const PAGE_SIZE = 25;

/** Active subscriptions by purchase order, by commune, with this month's usage; each can be ended. */
export function ActivePurchaseOrders() {
  const { t } = useTranslation();
  const trpc = useAccountTRPC();
  const [ending, setEnding] = useState<ActiveOrder | null>(null);
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
          <ActiveTable rows={rows} onEnd={setEnding} />
        </>
      )}
      {active.hasNextPage && (
        <button
          type="button"
          className="button secondary"
          onClick={() => void active.fetchNextPage()}
          disabled={active.isFetchingNextPage}
        >
          {active.isFetchingNextPage ? t("common.loading") : t("common.loadMore")}
        </button>
      )}
      {active.data && active.isError && <ErrorNotice error={active.error} />}
      <EndSubscriptionDialog order={ending} onClose={() => setEnding(null)} />
    </section>
  );
}

function ActiveTable({ rows, onEnd }: { rows: ActiveOrder[]; onEnd: (order: ActiveOrder) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
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
          {rows.map((order) => (
            <tr key={order.id}>
              <th scope="row">
                {order.commune.name} ({order.commune.code})
              </th>
              <td>{order.module.name}</td>
              <td>{order.plan.name}</td>
              <td>{order.purchaseOrderNumber ?? "—"}</td>
              <td>
                {order.currentPeriodStart && order.currentPeriodEnd
                  ? t("purchaseOrders.periodRange", {
                      start: formatDay(order.currentPeriodStart, locale),
                      end: formatDay(order.currentPeriodEnd, locale),
                    })
                  : "—"}
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
                <button type="button" className="button danger-quiet" onClick={() => onEnd(order)}>
                  {t("purchaseOrders.end")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
