/**
 * Notification e-mails a person can choose about, per category: each at once, in a daily digest,
 * or not at all. Security notices (new sign-in, password changed) are not among them: they are
 * always sent. A person without a stored choice gets the category's default.
 */
export const NOTIFICATION_CATEGORIES = ["discussion", "reviews", "membership", "subscriptions"] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

export const NOTIFICATION_DELIVERIES = ["immediate", "daily", "off"] as const;
export type NotificationDelivery = (typeof NOTIFICATION_DELIVERIES)[number];

export const DEFAULT_NOTIFICATION_DELIVERY: Record<NotificationCategory, NotificationDelivery> = {
  discussion: "daily",
  reviews: "immediate",
  membership: "immediate",
  subscriptions: "immediate",
};
