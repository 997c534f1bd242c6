import { withIva } from "@ciar/domain/billing/pricing";
import { formatClp } from "@ciar/domain/format";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useAccountTRPC, type RouterOutputs } from "../../lib/trpc";
import { useLocale } from "../../lib/use-locale";
import type { ActiveOrder } from "./ActivePurchaseOrders";
import { formatDay } from "./months";

export type RenewalActivated = RouterOutputs["subscriptions"]["activateRenewal"];

/**
 * Activates the renewal order a commune gave: the next period follows the current one (or starts
 * now if it has lapsed), the renewal becomes the order in force and the period's invoice record
 * is written.
 */
export function ActivateRenewalDialog({
  order,
  onClose,
  onActivated,
}: {
  order: ActiveOrder | null;
  onClose: () => void;
  onActivated: (order: ActiveOrder, result: RenewalActivated) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useAccountTRPC();
  const queryClient = useQueryClient();
  const activate = useMutation(
    trpc.subscriptions.activateRenewal.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries(trpc.subscriptions.activePurchaseOrders.pathFilter());
        if (order) onActivated(order, result);
        onClose();
      },
    }),
  );

  function close() {
    activate.reset();
    onClose();
  }

  // As the API computes it: from the current period's end, or from now when it has passed.
  const now = new Date();
  const end = order?.currentPeriodEnd ? new Date(order.currentPeriodEnd) : null;
  const start = end && end > now ? end : now;
  const price = order ? withIva(order.plan.priceClp) : null;
  return (
    <ConfirmDialog
      open={order !== null}
      title={t("purchaseOrders.activateRenewalTitle")}
      confirmLabel={t("purchaseOrders.activateRenewal")}
      tone="primary"
      pending={activate.isPending}
      error={activate.error}
      onCancel={close}
      onConfirm={() => order && activate.mutate({ subscriptionId: order.id })}
    >
      {order && order.renewal && price ? (
        <>
          <p>
            {t("purchaseOrders.activateRenewalText", {
              commune: order.commune.name,
              module: order.module.name,
              number: order.renewal.purchaseOrderNumber,
              current: order.purchaseOrderNumber ?? "—",
              start: formatDay(start.toISOString(), locale),
              length:
                order.plan.interval === "year"
                  ? t("purchaseOrders.lengthYear")
                  : t("purchaseOrders.lengthMonth"),
            })}
          </p>
          <p>
            {t("purchaseOrders.activateRenewalInvoice", {
              net: formatClp(price.net),
              iva: formatClp(price.iva),
              total: formatClp(price.gross),
            })}
          </p>
        </>
      ) : null}
    </ConfirmDialog>
  );
}
