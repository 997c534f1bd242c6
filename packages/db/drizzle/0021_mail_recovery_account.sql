-- Hand-written. Runs on PostgreSQL 15+ and on embedded PGlite (18).
--
-- E-mail for real (an outbox delivered by the job queue), password recovery links, and the
-- account's own preferences (notification e-mails). See docs/identity.md.

-- The mail outbox: a service writes a row in its own transaction (queueMail), so an e-mail exists
-- exactly when what it announces was committed; the `mail` job delivers it through SMTP after the
-- commit, with retries and exponential backoff (attempts, next_attempt_at), and a sweep re-queues
-- what a dead process left due. The template's data (links with tokens in them) is sealed with the
-- platform's secret box (AES-256-GCM, bound to the row id) and erased once the message is sent.
-- Not a commune's table: only the delivery door (app.mail_delivery) reads or updates it; every
-- door may add a row.
CREATE TABLE "mail_outbox" (
  "id" uuid PRIMARY KEY NOT NULL,
  "recipient" text NOT NULL,
  "template" text NOT NULL,
  "locale" text NOT NULL,
  "sealed_data" text,
  "status" text DEFAULT 'pending' NOT NULL,
  "attempts" integer DEFAULT 0 NOT NULL,
  "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
  "last_error" text,
  "sent_at" timestamp with time zone,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "mail_outbox_status_valid" CHECK ("status" in ('pending', 'sent', 'failed')),
  CONSTRAINT "mail_outbox_locale_valid" CHECK ("locale" in ('es', 'en'))
);
--> statement-breakpoint
CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox" ("next_attempt_at") WHERE "status" = 'pending';
--> statement-breakpoint
ALTER TABLE "mail_outbox" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "mail_outbox" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "mail_outbox_queue" ON "mail_outbox" AS PERMISSIVE FOR INSERT TO public
  WITH CHECK ("status" = 'pending' AND "attempts" = 0);
--> statement-breakpoint
CREATE POLICY "mail_outbox_delivery" ON "mail_outbox" AS PERMISSIVE FOR ALL TO public
  USING ((select app_setting('app.mail_delivery')) = 'on')
  WITH CHECK ((select app_setting('app.mail_delivery')) = 'on');
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "mail_outbox" TO ciar_app;
--> statement-breakpoint

-- Password recovery: one row per link sent, holding only the SHA-256 of its random token. The link
-- works once (used_at) and for 30 minutes (expires_at). Found by its hash (app.recovery_token_hash,
-- the recovery door), or as the account's own rows once the flow has named the account.
CREATE TABLE "password_recovery_tokens" (
  "id" uuid PRIMARY KEY NOT NULL,
  "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "token_hash" text NOT NULL,
  "expires_at" timestamp with time zone NOT NULL,
  "used_at" timestamp with time zone,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "password_recovery_tokens_hash_key" ON "password_recovery_tokens" ("token_hash");
--> statement-breakpoint
CREATE INDEX "password_recovery_tokens_user_idx" ON "password_recovery_tokens" ("user_id");
--> statement-breakpoint
ALTER TABLE "password_recovery_tokens" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "password_recovery_tokens" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "password_recovery_tokens_own" ON "password_recovery_tokens" AS PERMISSIVE FOR ALL TO public
  USING ("user_id" = (select app_user_id())
    OR "token_hash" = (select app_setting('app.recovery_token_hash')))
  WITH CHECK ("user_id" = (select app_user_id()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "password_recovery_tokens" TO ciar_app;
--> statement-breakpoint

-- A recovery link that names no account (forged, or a typo) is still recorded in the platform's
-- log, with neither actor nor subject: only by the recovery door, and only as that action.
CREATE POLICY "platform_audit_log_insert_recovery_refused" ON "platform_audit_log" AS PERMISSIVE
  FOR INSERT TO public
  WITH CHECK (
    "actor_user_id" IS NULL AND "subject_user_id" IS NULL
    AND "action" = 'account.recovery_refused'
    AND (select app_setting('app.recovery_token_hash')) IS NOT NULL
  );
--> statement-breakpoint

-- Notification e-mail preferences, per person and category (immediate, daily digest, off). A
-- missing row means the category's default (packages/domain/src/notification-preferences.ts).
CREATE TABLE "notification_preferences" (
  "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "category" text NOT NULL,
  "delivery" text NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "notification_preferences_pk" PRIMARY KEY ("user_id", "category"),
  CONSTRAINT "notification_preferences_delivery_valid" CHECK ("delivery" in ('immediate', 'daily', 'off'))
);
--> statement-breakpoint
ALTER TABLE "notification_preferences" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "notification_preferences" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "notification_preferences_own" ON "notification_preferences" AS PERMISSIVE FOR ALL TO public
  USING ("user_id" = (select app_user_id()))
  WITH CHECK ("user_id" = (select app_user_id()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "notification_preferences" TO ciar_app;
