/**
 * Stripe's side of a webhook delivery, for tests: an event's exact bytes and the
 * `Stripe-Signature` header the SDK's test helper makes for them; and an SDK client pointed at
 * the local fake, to arrange what Stripe would hold (a subscription created by Checkout).
 */
import Stripe from "stripe";

let counter = 0;

export interface SignedEvent {
  id: string;
  payload: string;
  header: string;
}

export function signedStripeEvent(
  secret: string,
  type: string,
  object: Record<string, unknown>,
  options: { id?: string; created?: number; timestamp?: number } = {},
): SignedEvent {
  const id = options.id ?? `evt_fixture_${++counter}_${Date.now()}`;
  const payload = JSON.stringify({
    id,
    object: "event",
    api_version: "2026-10-28.endive",
    created: options.created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  });
  const header = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
  });
  return { id, payload, header };
}

/** The Stripe SDK, talking to the local fake. */
export function fakeStripeClient(fake: { host: string; port: number }, secretKey: string): Stripe {
  return new Stripe(secretKey, { host: fake.host, port: fake.port, protocol: "http" });
}
