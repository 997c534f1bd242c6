import {
  zChangePlanInput,
  zStripeSubscriptionInput,
  zSubscribeStripeInput,
} from "@ciar/domain/schemas/billing";
import { authedProcedure } from "../procedures/authed";
import { permittedProcedure } from "../procedures/permitted";
import {
  cancelStripeSubscription,
  changeStripePlan,
  stripePortal,
  subscribeWithStripe,
} from "../services/billing/stripe-subscribe";
import { router } from "../trpc";

/**
 * Paying for modules with Stripe. Without STRIPE_SECRET_KEY these answer
 * "billing.stripe_unavailable" and the dashboard offers purchase orders only (billing.status).
 */
export const billingRouter = router({
  status: authedProcedure.query(({ ctx }) => {
    const stripe = ctx.deps.billing?.mode === "stripe";
    return {
      stripe,
      methods: stripe ? ["stripe_checkout", "stripe_invoice", "purchase_order"] : ["purchase_order"],
    };
  }),
  subscribe: permittedProcedure("subscriptions.manage")
    .input(zSubscribeStripeInput)
    .mutation(({ ctx, input }) =>
      subscribeWithStripe(ctx.tx, ctx.actor, ctx.deps.billing, {
        ...input,
        successUrl: `${ctx.deps.publicUrl}/modulos/pago?resultado=ok`,
        cancelUrl: `${ctx.deps.publicUrl}/modulos/pago?resultado=cancelado`,
      }),
    ),
  changePlan: permittedProcedure("subscriptions.manage")
    .input(zChangePlanInput)
    .mutation(({ ctx, input }) => changeStripePlan(ctx.tx, ctx.actor, ctx.deps.billing, input)),
  cancel: permittedProcedure("subscriptions.manage")
    .input(zStripeSubscriptionInput)
    .mutation(({ ctx, input }) =>
      cancelStripeSubscription(ctx.tx, ctx.actor, ctx.deps.billing, input.subscriptionId),
    ),
  portal: permittedProcedure("billing.read").mutation(({ ctx }) =>
    stripePortal(ctx.tx, ctx.commune.id, ctx.deps.billing, `${ctx.deps.publicUrl}/`),
  ),
});
