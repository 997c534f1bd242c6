import type { SubscriptionSnapshot } from "@ciar/billing/port";
import type { SubscriptionStatus } from "@ciar/domain/billing/entitlement";

/**
 * Stripe's subscription statuses in ours. Unpaid and paused are past due (the grace period then
 * decides access); an expired incomplete subscription never started: canceled.
 */
export function statusFromStripe(status: SubscriptionSnapshot["status"]): SubscriptionStatus {
  switch (status) {
    case "active":
    case "trialing":
    case "past_due":
    case "canceled":
    case "incomplete":
      return status;
    case "unpaid":
    case "paused":
      return "past_due";
    case "incomplete_expired":
      return "canceled";
  }
}
