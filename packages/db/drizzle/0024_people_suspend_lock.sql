-- Hand-written. Runs on PostgreSQL 15+ and on embedded PGlite (18).
--
-- People management without SQL (issue 13, item 6).
--
-- A commune admin suspends a member's access to the commune: the membership stays (role, history,
-- the person's name in the member list) but the tenant door refuses it at once, in the same
-- transaction as the work (packages/api/src/procedures/tenant.ts). Who suspended, when and why
-- are kept on the row; every suspension and reactivation is also in the commune's audit log.
ALTER TABLE "memberships" ADD COLUMN "suspended_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "suspended_by" uuid REFERENCES "users"("id") ON DELETE SET NULL;
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "suspension_reason" text;
--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_suspension_consistent"
  CHECK (("suspended_at" IS NULL AND "suspended_by" IS NULL AND "suspension_reason" IS NULL)
         OR "suspended_at" IS NOT NULL);
--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_suspension_reason_length"
  CHECK ("suspension_reason" IS NULL OR char_length("suspension_reason") <= 500);
--> statement-breakpoint

-- A platform admin locks an account platform-wide (users.disabled_at, read by app_session_live of
-- migration 0018: every access token of the account stops working at once) and unlocks it. The
-- reason is kept beside the lock for the people page; the platform log has the full history.
ALTER TABLE "users" ADD COLUMN "disabled_reason" text;
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_disabled_reason_length"
  CHECK ("disabled_reason" IS NULL OR char_length("disabled_reason") <= 500);
--> statement-breakpoint
-- Platform admins may change accounts (the API changes only disabled_at/disabled_reason there).
CREATE POLICY "users_platform_update" ON "users" AS PERMISSIVE FOR UPDATE TO public
  USING ((select app_is_platform_admin())) WITH CHECK ((select app_is_platform_admin()));
--> statement-breakpoint
-- Locking also revokes the account's sessions, so that unlocking does not bring old ones back. An
-- UPDATE … WHERE reads the rows first, so the platform admin also needs to see them (hashes only:
-- a refresh token is stored as the SHA-256 of a random value).
CREATE POLICY "refresh_tokens_platform_read" ON "refresh_tokens" AS PERMISSIVE FOR SELECT TO public
  USING ((select app_is_platform_admin()));
--> statement-breakpoint
CREATE POLICY "refresh_tokens_platform_revoke" ON "refresh_tokens" AS PERMISSIVE FOR UPDATE TO public
  USING ((select app_is_platform_admin())) WITH CHECK ((select app_is_platform_admin()));
--> statement-breakpoint
-- A person's memberships in every commune, for the platform's people page (read only).
CREATE POLICY "memberships_platform_read" ON "memberships" AS PERMISSIVE FOR SELECT TO public
  USING ((select app_is_platform_admin()));
