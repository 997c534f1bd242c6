import Stripe from "stripe";
import type { WebhookEvent } from "../port";
import { BillingUnavailableError, WebhookSignatureError } from "../errors";
import { normaliseEvent } from "./normalise";

/** Seconds a signed webhook stays acceptable (Stripe's default): older ones are replays. */
const WEBHOOK_TOLERANCE_SECONDS = 300;

export function parseWebhook(
  stripe: Stripe,
  webhookSecret: string | undefined,
  rawBody: Buffer | string,
  signatureHeader: string | undefined,
): WebhookEvent {
  if (!webhookSecret) {
    throw new BillingUnavailableError(
      "STRIPE_WEBHOOK_SECRET no está configurado: no se pueden verificar los webhooks de Stripe.",
    );
  }
  if (!signatureHeader) throw new WebhookSignatureError("Missing Stripe-Signature header");
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(
      rawBody,
      signatureHeader,
      webhookSecret,
      WEBHOOK_TOLERANCE_SECONDS,
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      throw new WebhookSignatureError(error.message, { cause: error });
    }
    throw error;
  }
  return normaliseEvent(event);
}
