/**
 * Errors the billing adapters throw. Each carries a stable `code` so that the API can map it to
 * its own AppError code in one place without importing the Stripe SDK.
 */
export type BillingErrorCode = "billing.unavailable" | "billing.webhook_signature" | "billing.provider";

export abstract class BillingError extends Error {
  abstract readonly code: BillingErrorCode;
}

/**
 * The operation needs Stripe and this installation has none (no STRIPE_SECRET_KEY, or no
 * STRIPE_WEBHOOK_SECRET for webhooks): only purchase orders are available.
 */
export class BillingUnavailableError extends BillingError {
  readonly code = "billing.unavailable";
  override readonly name = "BillingUnavailableError";

  constructor(message = "Stripe no está configurado: solo se aceptan órdenes de compra.") {
    super(message);
  }
}

/**
 * A webhook request whose `Stripe-Signature` is missing, forged, or older than the tolerance
 * (300 s). Answer 400 and store nothing: the body is not trusted.
 */
export class WebhookSignatureError extends BillingError {
  readonly code = "billing.webhook_signature";
  override readonly name = "WebhookSignatureError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Stripe refused or failed a request (invalid parameters, card declined, rate limit, network).
 * `stripeCode` and `statusCode` are Stripe's when it answered; `requestId` helps support.
 */
export class BillingProviderError extends BillingError {
  readonly code = "billing.provider";
  override readonly name = "BillingProviderError";
  readonly stripeCode: string | undefined;
  readonly statusCode: number | undefined;
  readonly requestId: string | undefined;

  constructor(
    message: string,
    details: { stripeCode?: string; statusCode?: number; requestId?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.stripeCode = details.stripeCode;
    this.statusCode = details.statusCode;
    this.requestId = details.requestId;
  }
}

export function isBillingError(error: unknown): error is BillingError {
  return error instanceof BillingError;
}
