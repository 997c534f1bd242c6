-- Hand-written. Runs on PostgreSQL 15+ and on embedded PGlite (18).
--
-- Settings the policies read (app.*) are changed inside a data transaction only through
-- app_set(), which refuses any other name. The door itself (withAccess) sets the role and the
-- first settings with set_config before handing the transaction over.
--
-- Why: on embedded PGlite the only connection is the bootstrap superuser, and PGlite cannot log in
-- as another role (its `username` option is a SET ROLE the session can undo), so the app role is
-- entered with SET LOCAL ROLE and could be left with `set_config('role', …)` from one injected
-- expression. Revoking set_config from PUBLIC there closes that: the app role has no way to name
-- another role, and multi-statement text (RESET ROLE; …) never reaches the server because every
-- query goes through the extended protocol, one statement per message. On PostgreSQL the app logs
-- in as ciar_app (no superuser, no BYPASSRLS, member of nothing), so leaving the role gains nothing
-- and set_config stays public: the door, connected as ciar_app, needs it.
CREATE OR REPLACE FUNCTION app_set(name text, value text) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  IF name IS NULL OR name NOT LIKE 'app.%' THEN
    RAISE EXCEPTION 'app_set: only app.* settings may be changed (got %)', name
      USING ERRCODE = '42501';
  END IF;
  -- Transaction-local, like the door's own settings: nothing leaks to the next user of a pooled
  -- connection.
  RETURN set_config(name, value, true);
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION app_set(text, text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_set(text, text) TO ciar_app;--> statement-breakpoint
DO $$
BEGIN
  IF version() LIKE '%PGlite%' THEN
    REVOKE EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) FROM PUBLIC;
  END IF;
END
$$;
