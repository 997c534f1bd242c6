import { describe, expect, it } from "vitest";
import { createBilling } from "../src/create-billing";
import { BillingUnavailableError, isBillingError } from "../src/errors";
import { createPurchaseOrderBilling } from "../src/purchase-order-adapter";

describe("purchase-order adapter", () => {
  const billing = createPurchaseOrderBilling();

  it("accepts only purchase orders", () => {
    expect(billing.mode).toBe("purchase_order");
    expect(billing.supports("purchase_order")).toBe(true);
    expect(billing.supports("stripe_checkout")).toBe(false);
    expect(billing.supports("stripe_invoice")).toBe(false);
  });

  it("refuses every Stripe operation with BillingUnavailableError", async () => {
    const refusals = [
      billing.ensurePrices({
        planId: "p",
        moduleSlug: "m",
        name: "n",
        interval: "month",
        priceClp: 1,
        overageUnitPriceClp: 0,
        usageUnit: "u",
      }),
      billing.ensureCustomer({ communeId: "c", name: "n", email: "e@x.example" }),
      billing.startCheckout({
        customerId: "c",
        stripePriceId: "p",
        subscriptionRef: "r",
        successUrl: "https://x.example",
        cancelUrl: "https://x.example",
      }),
      billing.startInvoiceSubscription({ customerId: "c", stripePriceId: "p", subscriptionRef: "r" }),
      billing.changePlan({ stripeSubscriptionId: "s", stripePriceId: "p" }),
      billing.cancelAtPeriodEnd("s"),
      billing.portalUrl({ customerId: "c", returnUrl: "https://x.example" }),
      billing.reportOverage({
        stripeSubscriptionId: "s",
        quantity: 1,
        timestamp: new Date(),
        idempotencyKey: "k",
      }),
      billing.retrieveSubscription("s"),
    ];
    for (const refusal of refusals) {
      await expect(refusal).rejects.toBeInstanceOf(BillingUnavailableError);
      await expect(refusal).rejects.toMatchObject({
        code: "billing.unavailable",
        message: expect.stringContaining("Stripe no está configurado"),
      });
    }
  });

  it("refuses webhooks", () => {
    expect(() => billing.parseWebhook("{}", "t=1,v1=x")).toThrow(BillingUnavailableError);
    try {
      billing.parseWebhook("{}", undefined);
    } catch (error) {
      expect(isBillingError(error)).toBe(true);
    }
  });
});

describe("createBilling", () => {
  it("is Stripe when a secret key is set", () => {
    const billing = createBilling({ stripeSecretKey: "sk_test_x", stripeWebhookSecret: "whsec_x" });
    expect(billing.mode).toBe("stripe");
    expect(billing.supports("stripe_checkout")).toBe(true);
    expect(billing.supports("stripe_invoice")).toBe(true);
    expect(billing.supports("purchase_order")).toBe(true);
  });

  it("is purchase orders only without a key (unset or blank)", () => {
    expect(createBilling({}).mode).toBe("purchase_order");
    expect(createBilling({ stripeSecretKey: "  " }).mode).toBe("purchase_order");
  });
});
