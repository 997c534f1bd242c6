import type { Tx } from "@ciar/db/client";
import { notificationPreferences, users } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import {
  DEFAULT_NOTIFICATION_DELIVERY,
  NOTIFICATION_CATEGORIES,
  type NotificationCategory,
  type NotificationDelivery,
} from "@ciar/domain/notification-preferences";
import type { SetNotificationPreferencesInput, UpdateProfileInput } from "@ciar/domain/schemas/account";
import { eq, sql } from "drizzle-orm";
import { recordPlatformAudit } from "../audit/record-platform-audit";

/** Name and language of the caller's account. The language is the one e-mails are written in. */
export async function updateProfile(
  tx: Tx,
  userId: string,
  input: UpdateProfileInput,
  requestId: string,
): Promise<UpdateProfileInput> {
  const [before] = await tx
    .select({ name: users.name, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId));
  if (!before) throw new AppError("auth.session_expired");
  await tx
    .update(users)
    .set({ name: input.name, locale: input.locale, updatedAt: new Date() })
    .where(eq(users.id, userId));
  const changes = Object.fromEntries(
    (["name", "locale"] as const)
      .filter((key) => before[key] !== input[key])
      .map((key) => [key, { from: before[key], to: input[key] }]),
  );
  await recordPlatformAudit(tx, {
    action: "account.profile_updated",
    actorUserId: userId,
    subjectUserId: userId,
    changes,
    requestId,
  });
  return input;
}

/** Every category with the caller's choice, or its default where they made none. */
export async function getNotificationPreferences(
  tx: Tx,
  userId: string,
): Promise<Array<{ category: NotificationCategory; delivery: NotificationDelivery; isDefault: boolean }>> {
  const rows = await tx
    .select({ category: notificationPreferences.category, delivery: notificationPreferences.delivery })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  const chosen = new Map(rows.map((row) => [row.category, row.delivery]));
  return NOTIFICATION_CATEGORIES.map((category) => ({
    category,
    delivery: chosen.get(category) ?? DEFAULT_NOTIFICATION_DELIVERY[category],
    isDefault: !chosen.has(category),
  }));
}

export async function setNotificationPreferences(
  tx: Tx,
  userId: string,
  input: SetNotificationPreferencesInput,
  requestId: string,
) {
  for (const { category, delivery } of input.preferences) {
    await tx
      .insert(notificationPreferences)
      .values({ userId, category, delivery })
      .onConflictDoUpdate({
        target: [notificationPreferences.userId, notificationPreferences.category],
        set: { delivery, updatedAt: sql`now()` },
      });
  }
  await recordPlatformAudit(tx, {
    action: "account.notification_preferences_updated",
    actorUserId: userId,
    subjectUserId: userId,
    changes: Object.fromEntries(input.preferences.map((p) => [p.category, p.delivery])),
    requestId,
  });
  return getNotificationPreferences(tx, userId);
}
