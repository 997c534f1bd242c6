import { withIva } from "@ciar/domain/billing/pricing";
import { formatClp, formatDateTime } from "@ciar/domain/format";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ErrorNotice, Loading } from "../../components/StatusMessages";
import { useAccountTRPC, type RouterOutputs } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useLocale } from "../../lib/use-locale";
import { ActivePurchaseOrders } from "./ActivePurchaseOrders";
import { CloseMonthForm } from "./CloseMonthForm";

type PendingOrder = RouterOutputs["subscriptions"]["pendingPurchaseOrders"][number];

/**
 * /plataforma/ordenes-de-compra: subscriptions by purchase order waiting for the platform, the
 * active ones (which the platform ends when an order is not renewed), and the monthly close.
 */
export function PurchaseOrdersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("purchaseOrders.title"));
  return (
    <>
      <h1>{t("purchaseOrders.title")}</h1>
      <p className="lead">{t("purchaseOrders.lead")}</p>
      <PendingPurchaseOrders />
      <ActivePurchaseOrders />
      <CloseMonthForm />
    </>
  );
}

function PendingPurchaseOrders() {
  const { t } = useTranslation();
  const trpc = useAccountTRPC();
  const pending = useQuery(trpc.subscriptions.pendingPurchaseOrders.queryOptions());
  return (
    <section className="section" aria-labelledby="pending-purchase-orders">
      <h2 id="pending-purchase-orders">{t("purchaseOrders.pendingHeading")}</h2>
      {pending.isPending ? (
        <Loading />
      ) : pending.isError ? (
        <ErrorNotice error={pending.error} onRetry={() => void pending.refetch()} />
      ) : pending.data.length === 0 ? (
        <p>{t("purchaseOrders.empty")}</p>
      ) : (
        <ul className="card-list">
          {pending.data.map((order) => (
            <li key={order.id}>
              <OrderCard order={order} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OrderCard({ order }: { order: PendingOrder }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useAccountTRPC();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const activate = useMutation(
    trpc.subscriptions.activate.mutationOptions({
      onSuccess: () => {
        setConfirm(false);
        // The order leaves the pending list and joins the active ones.
        void queryClient.invalidateQueries(trpc.subscriptions.pathFilter());
      },
    }),
  );
  const price = withIva(order.plan.priceClp);
  const per = order.plan.interval === "year" ? t("modules.perYear") : t("modules.perMonth");
  const label = t("purchaseOrders.orderLabel", {
    number: order.purchaseOrderNumber ?? "—",
    commune: order.commune.name,
  });
  return (
    <article className="card" aria-label={label}>
      <h3>{label}</h3>
      <dl className="plan-summary">
        <dt>{t("purchaseOrders.commune")}</dt>
        <dd>
          {order.commune.name} ({order.commune.code})
        </dd>
        <dt>{t("purchaseOrders.module")}</dt>
        <dd>
          {t("purchaseOrders.moduleBy", { module: order.module.name, provider: order.module.provider.name })}
        </dd>
        <dt>{t("modules.plan")}</dt>
        <dd>
          {order.plan.name}: {formatClp(price.net)} + {t("modules.iva")} {formatClp(price.iva)} ={" "}
          {formatClp(price.gross)} {per}
        </dd>
        <dt>{t("modules.purchaseOrderNumber")}</dt>
        <dd>{order.purchaseOrderNumber ?? "—"}</dd>
        {order.billing && (
          <>
            <dt>{t("modules.billingDetails")}</dt>
            <dd>
              {order.billing.name} · {t("modules.rut")} {order.billing.rut} · {order.billing.address} ·{" "}
              {order.billing.email}
            </dd>
          </>
        )}
        <dt>{t("purchaseOrders.requestedAt")}</dt>
        <dd>
          {formatDateTime(order.requestedAt, locale)}
          {order.requestedBy && ` · ${order.requestedBy.name} (${order.requestedBy.email})`}
        </dd>
      </dl>
      <button type="button" className="button primary" onClick={() => setConfirm(true)}>
        {t("purchaseOrders.activate")}
      </button>
      <ConfirmDialog
        open={confirm}
        title={t("purchaseOrders.activateTitle")}
        confirmLabel={t("purchaseOrders.activate")}
        tone="primary"
        pending={activate.isPending}
        error={activate.error}
        onConfirm={() => activate.mutate({ subscriptionId: order.id })}
        onCancel={() => setConfirm(false)}
      >
        <p>{t("purchaseOrders.activateText", { commune: order.commune.name, module: order.module.name })}</p>
      </ConfirmDialog>
    </article>
  );
}
