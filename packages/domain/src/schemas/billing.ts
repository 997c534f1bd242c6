import { z } from "zod";
import { zUuid } from "./common";
import { zBillingDetails } from "./modules";

/** Subscribing with Stripe: Checkout (card) or an invoice paid by bank transfer within 30 days. */
export const zSubscribeStripeInput = z.object({
  moduleId: zUuid,
  planId: zUuid,
  method: z.enum(["stripe_checkout", "stripe_invoice"]),
  billing: zBillingDetails,
});

export const zChangePlanInput = z.object({ subscriptionId: zUuid, planId: zUuid });

export const zStripeSubscriptionInput = z.object({ subscriptionId: zUuid });
