import {
  zActivePurchaseOrdersInput,
  zActivateSubscriptionInput,
  zCloseMonthInput,
  zEndSubscriptionInput,
  zRequestRenewalInput,
  zSubscribePurchaseOrderInput,
  zSubscriptionIdInput,
  zSubscriptionInvoicesInput,
  zSubscriptionUsageInput,
} from "@ciar/domain/schemas/modules";
import { permittedProcedure } from "../procedures/permitted";
import { platformProcedure } from "../procedures/platform";
import {
  activatePurchaseOrder,
  activateRenewal,
  activePurchaseOrders,
  closeMonth,
  endPurchaseOrder,
  pendingPurchaseOrders,
} from "../services/subscriptions/platform";
import {
  listOwnInvoices,
  listOwnSubscriptions,
  requestRenewal,
  subscribePurchaseOrder,
  subscriptionUsage,
  withdrawSubscription,
} from "../services/subscriptions/subscriber";
import { router } from "../trpc";

/**
 * Subscriptions to shared modules. The subscriber (the active commune) asks by purchase order,
 * withdraws a pending request, gives the next period's order (renewal) and reads its
 * subscriptions, usage and invoices; platform admins activate orders and renewals, end purchase
 * orders and close each month's overage.
 */
export const subscriptionsRouter = router({
  subscribePurchaseOrder: permittedProcedure("subscriptions.manage")
    .input(zSubscribePurchaseOrderInput)
    .mutation(({ ctx, input }) => subscribePurchaseOrder(ctx.tx, ctx.actor, input)),
  requestRenewal: permittedProcedure("subscriptions.manage")
    .input(zRequestRenewalInput)
    .mutation(({ ctx, input }) => requestRenewal(ctx.tx, ctx.actor, input)),
  withdraw: permittedProcedure("subscriptions.manage")
    .input(zSubscriptionIdInput)
    .mutation(({ ctx, input }) => withdrawSubscription(ctx.tx, ctx.actor, input.id)),
  mine: permittedProcedure("modules.read").query(({ ctx }) => listOwnSubscriptions(ctx.tx, ctx.commune.id)),
  usage: permittedProcedure("modules.read")
    .input(zSubscriptionUsageInput)
    .query(({ ctx, input }) => subscriptionUsage(ctx.tx, ctx.commune.id, input)),
  invoices: permittedProcedure("billing.read")
    .input(zSubscriptionInvoicesInput)
    .query(({ ctx, input }) => listOwnInvoices(ctx.tx, ctx.commune.id, input.subscriptionId)),

  // Platform administration.
  pendingPurchaseOrders: platformProcedure.query(({ ctx }) => pendingPurchaseOrders(ctx.tx)),
  activePurchaseOrders: platformProcedure
    .input(zActivePurchaseOrdersInput)
    .query(({ ctx, input }) => activePurchaseOrders(ctx.tx, input)),
  activate: platformProcedure
    .input(zActivateSubscriptionInput)
    .mutation(({ ctx, input }) => activatePurchaseOrder(ctx.tx, ctx.actor, input.subscriptionId)),
  activateRenewal: platformProcedure
    .input(zActivateSubscriptionInput)
    .mutation(({ ctx, input }) => activateRenewal(ctx.tx, ctx.actor, input.subscriptionId)),
  end: platformProcedure
    .input(zEndSubscriptionInput)
    .mutation(({ ctx, input }) => endPurchaseOrder(ctx.tx, ctx.actor, input.subscriptionId)),
  closeMonth: platformProcedure
    .input(zCloseMonthInput)
    .mutation(({ ctx, input }) => closeMonth(ctx.tx, ctx.actor, input.month)),
});
