import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useAccountTRPC } from "../../lib/trpc";
import type { ActiveOrder } from "./ActivePurchaseOrders";

/** Ends a purchase-order subscription now (the order was not renewed): the commune loses access. */
export function EndSubscriptionDialog({
  order,
  onClose,
}: {
  order: ActiveOrder | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useAccountTRPC();
  const queryClient = useQueryClient();
  const end = useMutation(
    trpc.subscriptions.end.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.subscriptions.activePurchaseOrders.pathFilter());
        onClose();
      },
    }),
  );

  function close() {
    end.reset();
    onClose();
  }

  return (
    <ConfirmDialog
      open={order !== null}
      title={t("purchaseOrders.endTitle")}
      confirmLabel={t("purchaseOrders.end")}
      pending={end.isPending}
      error={end.error}
      onCancel={close}
      onConfirm={() => order && end.mutate({ subscriptionId: order.id })}
    >
      <p>
        {order
          ? t("purchaseOrders.endText", {
              commune: order.commune.name,
              module: order.module.name,
              number: order.purchaseOrderNumber ?? "—",
            })
          : null}
      </p>
    </ConfirmDialog>
  );
}
