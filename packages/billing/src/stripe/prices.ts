import type Stripe from "stripe";
import type { PlanPrices, PlanPricesInput } from "../port";
import { call, idempotencyKey, idOf, isMissing } from "./call";

/**
 * Plans in Stripe: one product per plan, a recurring flat price, and for overage a metered price
 * backed by the module's billing meter.
 *
 * Why meters: since API version 2025-03-31 Stripe no longer has usage records
 * (`subscriptionItems.createUsageRecord` is gone from this SDK); a metered price must name a
 * billing meter, and usage is reported as meter events for a customer. One meter per module
 * (event name `ciar_module_<slug>`) sums the overage units; each plan's metered price of that
 * module points at it with its own unit amount. A commune has at most one live subscription per
 * module, so per-customer aggregation equals per-subscription.
 */

/** The meter event name of a module (Stripe: letters, digits and underscores are safe). */
function meterEventName(moduleSlug: string): string {
  return `ciar_module_${moduleSlug.toLowerCase().replace(/[^a-z0-9_]/g, "_")}`;
}

function assertClp(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer CLP amount: ${value}`);
  }
}

function planMetadata(plan: PlanPricesInput, kind: "flat" | "overage"): Record<string, string> {
  return { ciar_plan_id: plan.planId, ciar_module_slug: plan.moduleSlug, ciar_price_kind: kind };
}

function matches(price: Stripe.Price, plan: PlanPricesInput, kind: "flat" | "overage"): boolean {
  const amount = kind === "flat" ? plan.priceClp : plan.overageUnitPriceClp;
  const usage = kind === "flat" ? "licensed" : "metered";
  return (
    price.active &&
    price.currency === "clp" &&
    price.unit_amount === amount &&
    price.recurring?.interval === plan.interval &&
    (price.recurring.interval_count ?? 1) === 1 &&
    price.recurring.usage_type === usage &&
    (kind === "flat" || price.recurring.meter != null)
  );
}

/**
 * The lookup key of a plan's price in Stripe. A plan's price ids are stored on the plan when its
 * provider publishes or edits it; a plan priced only when a commune subscribed (published before
 * Stripe was on) has none stored, and its prices are found again by this key.
 */
function priceLookupKey(planId: string, kind: "flat" | "overage"): string {
  return `ciar_plan_${planId}_${kind}`;
}

/** The price last created for the plan (by lookup key) when it still fits; null otherwise. */
async function lookedUp(stripe: Stripe, plan: PlanPricesInput, kind: "flat" | "overage") {
  const found = await call("find price", () =>
    stripe.prices.list({ lookup_keys: [priceLookupKey(plan.planId, kind)], active: true, limit: 1 }),
  );
  const price = found.data[0];
  return price && matches(price, plan, kind) ? price : null;
}

/** The stored price when it still fits the plan; null when absent, deleted or changed. */
async function reusable(
  stripe: Stripe,
  priceId: string | null | undefined,
  plan: PlanPricesInput,
  kind: "flat" | "overage",
): Promise<Stripe.Price | null> {
  if (!priceId) return null;
  try {
    const price = await call("retrieve price", () => stripe.prices.retrieve(priceId));
    return matches(price, plan, kind) ? price : null;
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

async function ensureMeter(
  stripe: Stripe,
  plan: PlanPricesInput,
): Promise<{ id: string; eventName: string }> {
  const eventName = meterEventName(plan.moduleSlug);
  const found = await call("list meters", async () => {
    for await (const meter of stripe.billing.meters.list({ limit: 100 })) {
      if (meter.event_name === eventName) return meter;
    }
    return null;
  });
  if (found) {
    if (found.status === "inactive") {
      await call("reactivate meter", () => stripe.billing.meters.reactivate(found.id));
    }
    return { id: found.id, eventName };
  }
  const params: Stripe.Billing.MeterCreateParams = {
    display_name: `${plan.moduleSlug}: ${plan.usageUnit}`.slice(0, 250),
    event_name: eventName,
    default_aggregation: { formula: "sum" },
    customer_mapping: { type: "by_id", event_payload_key: "stripe_customer_id" },
    value_settings: { event_payload_key: "value" },
  };
  const meter = await call("create meter", () =>
    stripe.billing.meters.create(params, { idempotencyKey: idempotencyKey("meter", eventName, params) }),
  );
  return { id: meter.id, eventName };
}

export async function ensurePrices(stripe: Stripe, plan: PlanPricesInput): Promise<PlanPrices> {
  assertClp("priceClp", plan.priceClp);
  assertClp("overageUnitPriceClp", plan.overageUnitPriceClp);

  let flat =
    (await reusable(stripe, plan.existing?.stripePriceId, plan, "flat")) ??
    (await lookedUp(stripe, plan, "flat"));
  if (!flat) {
    const params: Stripe.PriceCreateParams = {
      currency: "clp",
      // CLP is zero-decimal in Stripe: the amount is in pesos, never multiplied by 100.
      unit_amount: plan.priceClp,
      recurring: { interval: plan.interval, usage_type: "licensed" },
      tax_behavior: "exclusive",
      nickname: plan.name,
      product_data: { name: plan.name, metadata: planMetadata(plan, "flat") },
      metadata: planMetadata(plan, "flat"),
      // The newest price of the plan takes the key (a changed amount makes a new price).
      lookup_key: priceLookupKey(plan.planId, "flat"),
      transfer_lookup_key: true,
    };
    flat = await call("create price", () =>
      stripe.prices.create(params, { idempotencyKey: idempotencyKey("price", plan.planId, params) }),
    );
  }
  if (plan.overageUnitPriceClp === 0) return { stripePriceId: flat.id, stripeMeteredPriceId: null };

  let metered =
    (await reusable(stripe, plan.existing?.stripeMeteredPriceId, plan, "overage")) ??
    (await lookedUp(stripe, plan, "overage"));
  if (!metered) {
    const meter = await ensureMeter(stripe, plan);
    const product = idOf(flat.product);
    if (!product) throw new Error(`Stripe price ${flat.id} has no product`);
    const params: Stripe.PriceCreateParams = {
      currency: "clp",
      unit_amount: plan.overageUnitPriceClp,
      recurring: { interval: plan.interval, usage_type: "metered", meter: meter.id },
      tax_behavior: "exclusive",
      nickname: `${plan.name}: excedente por ${plan.usageUnit}`,
      product,
      metadata: { ...planMetadata(plan, "overage"), ciar_meter_event_name: meter.eventName },
      lookup_key: priceLookupKey(plan.planId, "overage"),
      transfer_lookup_key: true,
    };
    metered = await call("create metered price", () =>
      stripe.prices.create(params, { idempotencyKey: idempotencyKey("price", plan.planId, params) }),
    );
  }
  return { stripePriceId: flat.id, stripeMeteredPriceId: metered.id };
}
