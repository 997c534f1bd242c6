-- Hand-written: what drizzle-kit cannot emit. Runs on PostgreSQL 15+ and on embedded PGlite (18).
--
-- The application runs as ciar_app: no superuser, no BYPASSRLS. Operators may create it in
-- advance with LOGIN and a password (see docs/tenancy-and-security.md); otherwise it is created
-- here without LOGIN, and a connecting owner role switches to it per transaction.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ciar_app') THEN
    CREATE ROLE ciar_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;
--> statement-breakpoint
-- Let the role that runs migrations switch to ciar_app (needed when it is not a superuser).
DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_auth_members m
    JOIN pg_roles r ON r.oid = m.roleid
    JOIN pg_roles u ON u.oid = m.member
    WHERE r.rolname = 'ciar_app' AND u.rolname = current_user
  ) AND current_user <> 'ciar_app'
    AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT ciar_app TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
-- Per-transaction settings read by the policies. current_setting(name, true) returns '' (not
-- NULL) once the setting has existed in the session, hence nullif: a missing setting matches nothing.
CREATE OR REPLACE FUNCTION app_setting(name text) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting(name, true), '') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_commune_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.commune_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
