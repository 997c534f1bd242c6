-- Hand-written: FORCE RLS, grants and the append-only audit log (drizzle-kit emits none of these).

-- Tenant tables: RLS holds for the table owner too. Global tables (communes, users,
-- coalition_roles) keep RLS enabled for the app role but let the owner run data migrations and
-- operator commands.
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "invitations" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "refresh_tokens" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO ciar_app;
--> statement-breakpoint
GRANT SELECT, UPDATE ON "communes" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "users" TO ciar_app;
--> statement-breakpoint
GRANT SELECT ON "coalition_roles" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "refresh_tokens" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "memberships" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "invitations" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "audit_log" TO ciar_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM PUBLIC;
--> statement-breakpoint
-- Grants can be undone by a careless operator; the triggers hold even for the owner.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete
  BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
