import type { BillingProvider } from "./port";
import { BillingUnavailableError } from "./errors";

/**
 * Billing without Stripe (no STRIPE_SECRET_KEY): communes subscribe with a Mercado Público
 * purchase order ("orden de compra") and a platform admin activates the subscription once it is
 * paid; the API issues the invoice records itself. Every Stripe operation is refused with
 * BillingUnavailableError, which the API maps to a clear message instead of a failure.
 */
export function createPurchaseOrderBilling(): BillingProvider {
  const unavailable = async (): Promise<never> => {
    throw new BillingUnavailableError();
  };
  return {
    mode: "purchase_order",
    supports: (method) => method === "purchase_order",
    ensurePrices: unavailable,
    ensureCustomer: unavailable,
    startCheckout: unavailable,
    startInvoiceSubscription: unavailable,
    changePlan: unavailable,
    cancelAtPeriodEnd: unavailable,
    portalUrl: unavailable,
    reportOverage: unavailable,
    retrieveSubscription: unavailable,
    parseWebhook: () => {
      throw new BillingUnavailableError();
    },
  };
}
