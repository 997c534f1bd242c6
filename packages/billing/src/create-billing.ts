import type { BillingProvider } from "./port";
import { createPurchaseOrderBilling } from "./purchase-order-adapter";
import { createStripeBilling } from "./stripe-adapter";

/** Billing settings, as the server's validated config reads them from the environment. */
export interface BillingConfig {
  /** STRIPE_SECRET_KEY: with it, Stripe; without it, purchase orders only. */
  stripeSecretKey?: string | undefined;
  /** STRIPE_WEBHOOK_SECRET: verifies webhook signatures (required to accept webhooks). */
  stripeWebhookSecret?: string | undefined;
  /** STRIPE_IVA_TAX_RATE_ID: Stripe tax rate for IVA added to subscriptions (optional). */
  stripeIvaTaxRateId?: string | undefined;
  /** STRIPE_API_HOST / _PORT / _PROTOCOL: a local fake of Stripe's API, for tests only. */
  stripeApiHost?: string | undefined;
  stripeApiPort?: number | string | undefined;
  stripeApiProtocol?: "http" | "https" | undefined;
}

/** The Stripe adapter when a secret key is configured, else the purchase-order one. */
export function createBilling(config: BillingConfig): BillingProvider {
  const secretKey = config.stripeSecretKey?.trim();
  if (!secretKey) return createPurchaseOrderBilling();
  return createStripeBilling({
    secretKey,
    webhookSecret: config.stripeWebhookSecret?.trim() || undefined,
    ivaTaxRateId: config.stripeIvaTaxRateId?.trim() || undefined,
    host: config.stripeApiHost,
    port: config.stripeApiPort,
    protocol: config.stripeApiProtocol,
  });
}
