/**
 * Whether a commune may call a module it subscribes to, from the subscription alone: the one
 * rule the gateway, the dashboard and the webhook handler share.
 *
 * - active and trialing: allowed;
 * - past due: still allowed during a grace period after the payment failed (shown as a warning),
 *   refused after it;
 * - pending (a purchase order not yet paid), incomplete (Stripe has not confirmed), canceled:
 *   refused. A subscription canceled at period end stays active until Stripe ends it.
 * - an active purchase order whose period has ended (Stripe renews its own subscriptions; an
 *   order must be renewed by a new order): still allowed during a renewal grace period, shown as
 *   a warning ("renewal_due"), refused after it ("purchase_order_expired") until a platform admin
 *   activates the renewal.
 */
export const SUBSCRIPTION_STATUSES = [
  "pending",
  "incomplete",
  "active",
  "trialing",
  "past_due",
  "canceled",
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const PAST_DUE_GRACE_DAYS = 7;
/**
 * Days an expired purchase order keeps working while its renewal goes through: a municipality's
 * new order needs a decree and a Mercado Público cycle, which rarely take less than two weeks.
 */
export const PURCHASE_ORDER_RENEWAL_GRACE_DAYS = 15;

export type Entitlement =
  | { state: "active" | "trialing"; allowed: true }
  | { state: "past_due"; allowed: true; graceUntil: Date }
  | { state: "past_due_expired"; allowed: false; graceUntil: Date }
  | { state: "renewal_due"; allowed: true; graceUntil: Date }
  | { state: "purchase_order_expired"; allowed: false; graceUntil: Date }
  | { state: "pending_purchase_order" | "incomplete" | "canceled"; allowed: false };

export function entitlementOf(
  subscription: {
    status: SubscriptionStatus;
    method: string;
    pastDueSince: Date | string | null;
    currentPeriodEnd?: Date | string | null;
  },
  now: Date = new Date(),
  graceDays: number = PAST_DUE_GRACE_DAYS,
): Entitlement {
  switch (subscription.status) {
    case "active":
      if (subscription.method === "purchase_order" && subscription.currentPeriodEnd) {
        const end = new Date(subscription.currentPeriodEnd);
        if (end <= now) {
          const graceUntil = new Date(end.getTime() + PURCHASE_ORDER_RENEWAL_GRACE_DAYS * 86_400_000);
          return graceUntil > now
            ? { state: "renewal_due", allowed: true, graceUntil }
            : { state: "purchase_order_expired", allowed: false, graceUntil };
        }
      }
      return { state: "active", allowed: true };
    case "trialing":
      return { state: subscription.status, allowed: true };
    case "past_due": {
      // Without a recorded start, the grace period runs from now: never refuse on missing data.
      const since = subscription.pastDueSince ? new Date(subscription.pastDueSince) : now;
      const graceUntil = new Date(since.getTime() + graceDays * 86_400_000);
      return graceUntil > now
        ? { state: "past_due", allowed: true, graceUntil }
        : { state: "past_due_expired", allowed: false, graceUntil };
    }
    case "pending":
      return { state: "pending_purchase_order", allowed: false };
    case "incomplete":
      return { state: "incomplete", allowed: false };
    case "canceled":
      return { state: "canceled", allowed: false };
  }
}

/** Calendar month (YYYY-MM) of an instant in Chile: quotas and usage are counted per month. */
export function usageMonth(at: Date, timeZone = "America/Santiago"): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
  }).formatToParts(at);
  const year = parts.find((p) => p.type === "year")?.value;
  const month = parts.find((p) => p.type === "month")?.value;
  return `${year}-${month}`;
}
