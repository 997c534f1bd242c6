import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { currentUser, setting } from "./rls";
import { users } from "./users";

/**
 * Outgoing e-mail (migration 0021): written by a service in its own transaction (queueMail),
 * delivered by the `mail` job after the commit. `sealedData` holds the template's data sealed with
 * the secret box (bound to the row id) and is erased once the message is sent.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: id().primaryKey(),
    recipient: text("recipient").notNull(),
    template: text("template").notNull(),
    locale: text("locale", { enum: ["es", "en"] }).notNull(),
    sealedData: text("sealed_data"),
    status: text("status", { enum: ["pending", "sent", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("mail_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    check("mail_outbox_status_valid", sql`${t.status} in ('pending', 'sent', 'failed')`),
    check("mail_outbox_locale_valid", sql`${t.locale} in ('es', 'en')`),
    pgPolicy("mail_outbox_queue", {
      for: "insert",
      withCheck: sql`${t.status} = 'pending' and ${t.attempts} = 0`,
    }),
    pgPolicy("mail_outbox_delivery", {
      for: "all",
      using: sql`${setting("app.mail_delivery")} = 'on'`,
      withCheck: sql`${setting("app.mail_delivery")} = 'on'`,
    }),
  ],
);

/** Password recovery links (migration 0021): only the SHA-256 of the token; single use, 30 min. */
export const passwordRecoveryTokens = pgTable(
  "password_recovery_tokens",
  {
    id: id().primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("password_recovery_tokens_hash_key").on(t.tokenHash),
    index("password_recovery_tokens_user_idx").on(t.userId),
    pgPolicy("password_recovery_tokens_own", {
      for: "all",
      using: sql`${t.userId} = ${currentUser} or ${t.tokenHash} = ${setting("app.recovery_token_hash")}`,
      withCheck: sql`${t.userId} = ${currentUser}`,
    }),
  ],
);

/** Notification e-mail preferences per person and category; no row = the category's default. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    category: text("category").notNull(),
    delivery: text("delivery", { enum: ["immediate", "daily", "off"] }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: "notification_preferences_pk", columns: [t.userId, t.category] }),
    check("notification_preferences_delivery_valid", sql`${t.delivery} in ('immediate', 'daily', 'off')`),
    pgPolicy("notification_preferences_own", {
      for: "all",
      using: sql`${t.userId} = ${currentUser}`,
      withCheck: sql`${t.userId} = ${currentUser}`,
    }),
  ],
);
