import { describe, expect, it } from "vitest";
import { PURCHASE_ORDER_RENEWAL_GRACE_DAYS, entitlementOf, usageMonth } from "./entitlement";

const now = new Date("2026-11-25T12:00:00Z");

describe("entitlementOf", () => {
  it("allows active and trialing subscriptions", () => {
    expect(
      entitlementOf({ status: "active", method: "purchase_order", pastDueSince: null }, now).allowed,
    ).toBe(true);
    expect(
      entitlementOf({ status: "trialing", method: "stripe_checkout", pastDueSince: null }, now).allowed,
    ).toBe(true);
  });

  it("keeps a past-due subscription working during the grace period only", () => {
    const recent = entitlementOf(
      { status: "past_due", method: "stripe_invoice", pastDueSince: "2026-11-20T12:00:00Z" },
      now,
    );
    expect(recent).toMatchObject({ state: "past_due", allowed: true });
    const old = entitlementOf(
      { status: "past_due", method: "stripe_invoice", pastDueSince: "2026-11-10T12:00:00Z" },
      now,
    );
    expect(old).toMatchObject({ state: "past_due_expired", allowed: false });
    // Exactly at the end of the grace period access stops.
    const edge = entitlementOf(
      { status: "past_due", method: "stripe_invoice", pastDueSince: "2026-11-18T12:00:00Z" },
      now,
    );
    expect(edge.allowed).toBe(false);
  });

  it("refuses pending purchase orders, incomplete and canceled subscriptions", () => {
    for (const status of ["pending", "incomplete", "canceled"] as const) {
      expect(entitlementOf({ status, method: "purchase_order", pastDueSince: null }, now).allowed).toBe(
        false,
      );
    }
    expect(
      entitlementOf({ status: "pending", method: "purchase_order", pastDueSince: null }, now).state,
    ).toBe("pending_purchase_order");
  });

  it("keeps an expired purchase order working during the renewal grace period, then refuses it", () => {
    const day = 86_400_000;
    const order = (end: Date | null) => ({
      status: "active" as const,
      method: "purchase_order",
      pastDueSince: null,
      currentPeriodEnd: end,
    });
    expect(entitlementOf(order(new Date(now.getTime() + day)), now)).toEqual({
      state: "active",
      allowed: true,
    });
    expect(entitlementOf(order(null), now).allowed).toBe(true);
    const ended = new Date(now.getTime() - 3 * day);
    expect(entitlementOf(order(ended), now)).toEqual({
      state: "renewal_due",
      allowed: true,
      graceUntil: new Date(ended.getTime() + PURCHASE_ORDER_RENEWAL_GRACE_DAYS * day),
    });
    const long = new Date(now.getTime() - (PURCHASE_ORDER_RENEWAL_GRACE_DAYS + 1) * day);
    expect(entitlementOf(order(long), now)).toMatchObject({
      state: "purchase_order_expired",
      allowed: false,
    });
    // Stripe renews (or ends) its own subscriptions: a stale period end changes nothing there.
    expect(entitlementOf({ ...order(long), method: "stripe_invoice" }, now).allowed).toBe(true);
  });
});

describe("usageMonth", () => {
  it("counts by Chile's calendar: 00:30 UTC on the 1st is still the previous month there", () => {
    expect(usageMonth(new Date("2026-12-01T00:30:00Z"))).toBe("2026-11");
    expect(usageMonth(new Date("2026-12-01T12:00:00Z"))).toBe("2026-12");
  });
});
