import { subscriptions } from "@ciar/db/schema";
import { applySettings } from "@ciar/db/tenant-transaction";
import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { FakeStripe } from "../../../../packages/billing/test/fake-stripe";
import { signedStripeEvent } from "../../../../packages/billing/test/stripe-events";
import { call, type TestApp } from "./test-app";

/** Posts an event as Stripe would: the exact bytes, signed with `secret` (at `timestamp`, default now). */
export async function deliverStripeEvent(
  t: TestApp,
  secret: string,
  type: string,
  object: Record<string, unknown>,
  options: { id?: string; created?: number; timestamp?: number } = {},
) {
  const { id, payload, header } = signedStripeEvent(secret, type, object, options);
  const response = await t.app.inject({
    method: "POST",
    url: "/webhooks/stripe",
    headers: { "content-type": "application/json", "stripe-signature": header },
    payload,
  });
  return { id, status: response.statusCode, body: response.body };
}

/**
 * A commune admin subscribes with Checkout and pays: the subscription is created in the fake
 * with the items Checkout was given, and `checkout.session.completed` arrives signed.
 */
export async function subscribeWithCheckout(
  t: TestApp,
  stripe: { fake: FakeStripe; client: Stripe; webhookSecret: string },
  subscriber: { token: string; communeId: string },
  plan: { moduleId: string; planId: string },
): Promise<{ subscriptionId: string; stripeSubscriptionId: string; stripeCustomerId: string }> {
  const started = await call<{ subscriptionId: string }>(
    t,
    "mutation",
    "billing.subscribe",
    {
      ...plan,
      method: "stripe_checkout",
      billing: {
        rut: "69.071.500-7",
        name: "Ilustre Municipalidad (prueba)",
        address: "Calle de prueba 123",
        email: "finanzas@prueba.example",
      },
    },
    { token: subscriber.token, commune: subscriber.communeId },
  );
  if (started.status !== 200) throw new Error(`billing.subscribe: ${started.status} ${started.body}`);
  const { subscriptionId } = started.data;
  const row = await t.db.owner.db.transaction(async (tx) => {
    await applySettings(tx, { communeId: subscriber.communeId });
    const [found] = await tx
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.communeId, subscriber.communeId), eq(subscriptions.id, subscriptionId)));
    return found!;
  });
  const session = stripe.fake.calls("POST", "/v1/checkout/sessions").at(-1)!;
  const items = (session.body.line_items as Array<{ price: string }>).map((i) => ({ price: i.price }));
  const created = await stripe.client.subscriptions.create({
    customer: row.stripeCustomerId!,
    items,
    metadata: { subscriptionRef: subscriptionId },
  });
  (stripe.fake.object(created.id) as { status: string }).status = "active";
  const delivered = await deliverStripeEvent(t, stripe.webhookSecret, "checkout.session.completed", {
    id: row.stripeCheckoutSessionId,
    object: "checkout.session",
    mode: "subscription",
    customer: row.stripeCustomerId,
    subscription: created.id,
    client_reference_id: subscriptionId,
    metadata: { subscriptionRef: subscriptionId },
    payment_status: "paid",
    status: "complete",
  });
  if (delivered.status !== 200) throw new Error(`webhook: ${delivered.status} ${delivered.body}`);
  return { subscriptionId, stripeSubscriptionId: created.id, stripeCustomerId: row.stripeCustomerId! };
}
