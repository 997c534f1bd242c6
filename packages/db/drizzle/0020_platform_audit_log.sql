-- Hand-written. Runs on PostgreSQL 15+ and on embedded PGlite (18).
--
-- The platform's own log: events about a person's account rather than a commune (a password
-- changed or recovered, two-step verification turned on, an account locked by a platform admin),
-- and platform-wide administration. Commune events stay in audit_log (in the commune's log).
-- Append-only like audit_log: the trigger holds even for the table owner.
CREATE TABLE "platform_audit_log" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  -- No foreign keys: the record must outlive the accounts it names.
  "actor_user_id" uuid,
  "subject_user_id" uuid,
  "action" text NOT NULL,
  "changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
  "request_id" text,
  "ip" text,
  "user_agent" text,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "platform_audit_log_created_idx" ON "platform_audit_log" ("created_at" DESC, "id" DESC);
--> statement-breakpoint
CREATE INDEX "platform_audit_log_subject_idx" ON "platform_audit_log" ("subject_user_id", "created_at" DESC);
--> statement-breakpoint
ALTER TABLE "platform_audit_log" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "platform_audit_log" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Platform admins read everything; a person reads the events about their own account.
CREATE POLICY "platform_audit_log_read" ON "platform_audit_log" AS PERMISSIVE FOR SELECT TO public
  USING ("subject_user_id" = (select app_user_id()) OR (select app_is_platform_admin()));
--> statement-breakpoint
-- A signed-in person writes as themself; a platform admin about anyone; the flows without a
-- signed-in caller (recovery link, directory sign-in) write about the account the flow named
-- (app.user_id set by their door once the token or the provider named it), with no actor.
CREATE POLICY "platform_audit_log_insert" ON "platform_audit_log" AS PERMISSIVE FOR INSERT TO public
  WITH CHECK (
    "actor_user_id" = (select app_user_id())
    OR (select app_is_platform_admin())
    OR ("actor_user_id" IS NULL AND "subject_user_id" = (select app_user_id()))
  );
--> statement-breakpoint
GRANT SELECT, INSERT ON "platform_audit_log" TO ciar_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "platform_audit_log" FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER platform_audit_log_no_update_delete
  BEFORE UPDATE OR DELETE ON "platform_audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER platform_audit_log_no_truncate
  BEFORE TRUNCATE ON "platform_audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
