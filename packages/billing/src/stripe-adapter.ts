import Stripe from "stripe";
import type { BillingProvider } from "./port";
import { ensureCustomer } from "./stripe/customers";
import { ensurePrices } from "./stripe/prices";
import {
  cancelAtPeriodEnd,
  changePlan,
  portalUrl,
  reportOverage,
  retrieveSubscription,
  startCheckout,
  startInvoiceSubscription,
} from "./stripe/subscriptions";
import { parseWebhook } from "./stripe/webhook";

/**
 * The Stripe API version this code and its types are written for: the SDK's own (stripe 23.1.0).
 * Pinned so that the account's default version never changes the shapes we read. Create the
 * webhook endpoint with the same version, so that event payloads have these shapes too.
 */
export const STRIPE_API_VERSION = "2026-10-28.endive";

export interface StripeBillingOptions {
  /** sk_live_… or sk_test_… (or a restricted key rk_… with the permissions used here). */
  secretKey: string;
  /** whsec_… of the webhook endpoint; without it parseWebhook throws BillingUnavailableError. */
  webhookSecret?: string | undefined;
  /** Stripe tax rate (txr_…) for IVA 19 %, exclusive: added to every new subscription when set. */
  ivaTaxRateId?: string | undefined;
  /** API host, port and protocol: only to point the SDK at a local fake in tests. */
  host?: string | undefined;
  port?: number | string | undefined;
  protocol?: "http" | "https" | undefined;
  /** Automatic retries of failed requests (the SDK's default is 1); idempotency keys make them safe. */
  maxNetworkRetries?: number | undefined;
  /** Per-request timeout in milliseconds (default 30 s). */
  timeoutMs?: number | undefined;
}

export function createStripeBilling(options: StripeBillingOptions): BillingProvider {
  const stripe = new Stripe(options.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    typescript: true,
    appInfo: { name: "red-ciar" },
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 30_000,
    ...(options.host ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.protocol ? { protocol: options.protocol } : {}),
  });
  const settings = { ivaTaxRateId: options.ivaTaxRateId };

  return {
    mode: "stripe",
    supports: () => true,
    ensurePrices: (plan) => ensurePrices(stripe, plan),
    ensureCustomer: (input) => ensureCustomer(stripe, input),
    startCheckout: (input) => startCheckout(stripe, settings, input),
    startInvoiceSubscription: (input) => startInvoiceSubscription(stripe, settings, input),
    changePlan: (input) => changePlan(stripe, input),
    cancelAtPeriodEnd: (id) => cancelAtPeriodEnd(stripe, id),
    portalUrl: (input) => portalUrl(stripe, input),
    reportOverage: (input) => reportOverage(stripe, input),
    retrieveSubscription: (id) => retrieveSubscription(stripe, id),
    parseWebhook: (rawBody, signatureHeader) =>
      parseWebhook(stripe, options.webhookSecret, rawBody, signatureHeader),
  };
}
