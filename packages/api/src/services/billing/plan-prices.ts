import type { Tx } from "@ciar/db/client";
import type { BillingProvider, PlanPricesInput } from "@ciar/billing/port";
import { modulePlans, modules } from "@ciar/db/schema";
import { and, eq } from "drizzle-orm";
import { callStripe } from "./stripe-calls";

/**
 * With Stripe on, the provider's published plans get their Stripe prices when the module is
 * published or a plan is added or changed, and the ids are stored on the plan: Checkout and plan
 * changes then bill those prices, and the webhook knows a subscription's plan by its price.
 * Runs in the provider's transaction (only the provider may write its plans).
 */
export async function priceProviderPlans(
  tx: Tx,
  communeId: string,
  billing: BillingProvider | undefined,
  target: { moduleId: string } | { planId: string },
) {
  if (billing?.mode !== "stripe") return;
  const rows = await tx
    .select({ module: modules, plan: modulePlans })
    .from(modulePlans)
    .innerJoin(modules, eq(modules.id, modulePlans.moduleId))
    .where(
      and(
        eq(modulePlans.communeId, communeId),
        eq(modulePlans.status, "active"),
        eq(modules.status, "published"),
        "moduleId" in target ? eq(modulePlans.moduleId, target.moduleId) : eq(modulePlans.id, target.planId),
      ),
    );
  for (const { module, plan } of rows) {
    const prices = await callStripe(() => billing.ensurePrices(planPricesInput(module, plan)));
    if (
      prices.stripePriceId === plan.stripePriceId &&
      prices.stripeMeteredPriceId === plan.stripeMeteredPriceId
    ) {
      continue;
    }
    await tx
      .update(modulePlans)
      .set({ stripePriceId: prices.stripePriceId, stripeMeteredPriceId: prices.stripeMeteredPriceId })
      .where(and(eq(modulePlans.communeId, communeId), eq(modulePlans.id, plan.id)));
  }
}

/**
 * What Stripe is asked to price for a plan: its flat price, and a metered price for the overage
 * only when the plan bills it (a "block" plan refuses calls over quota instead).
 */
export function planPricesInput(
  module: typeof modules.$inferSelect,
  plan: typeof modulePlans.$inferSelect,
): PlanPricesInput {
  return {
    planId: plan.id,
    moduleSlug: module.slug,
    name: `${module.name} — ${plan.name}`,
    interval: plan.interval,
    priceClp: plan.priceClp,
    overageUnitPriceClp: plan.quotaPolicy === "overage" ? plan.overageUnitPriceClp : 0,
    usageUnit: module.usageUnit,
    existing: { stripePriceId: plan.stripePriceId, stripeMeteredPriceId: plan.stripeMeteredPriceId },
  };
}
