-- Hand-written: access tokens tied to live sessions, and rate limits shared by every replica.
-- Runs on PostgreSQL 15+ and on embedded PGlite (18).

-- A session is a refresh-token family (one per sign-in): an access token names it (claim `sid`),
-- and it is live while one of its refresh tokens is not revoked and its user is not disabled.
-- Logout, a password change and reuse of a refresh token revoke the family. The check runs as
-- ciar_stats (migration 0007) so that it does not depend on the caller's RLS settings: the API
-- evaluates it in the statement that sets them, adding no round trip to any door. It answers
-- only yes or no about the (session, user) pair it is given.
-- Only the columns it needs: never a password or token hash.
GRANT SELECT ("family_id", "user_id", "revoked_at") ON "refresh_tokens" TO ciar_stats;
--> statement-breakpoint
GRANT SELECT ("id", "disabled_at") ON "users" TO ciar_stats;
--> statement-breakpoint
CREATE POLICY "refresh_tokens_session_check" ON "refresh_tokens" AS PERMISSIVE FOR SELECT TO ciar_stats
  USING (true);
--> statement-breakpoint
CREATE POLICY "users_session_check" ON "users" AS PERMISSIVE FOR SELECT TO ciar_stats
  USING (true);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_session_live(p_session uuid, p_user uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT EXISTS (
      SELECT 1 FROM refresh_tokens r JOIN users u ON u.id = r.user_id
      WHERE r.family_id = p_session AND r.user_id = p_user
        AND r.revoked_at IS NULL AND u.disabled_at IS NULL
    )
  $$;
--> statement-breakpoint
ALTER FUNCTION app_session_live(uuid, uuid) OWNER TO ciar_stats;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_session_live(uuid, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_session_live(uuid, uuid) TO ciar_app;
--> statement-breakpoint

-- Fixed-window counters for throttles (sign-in, public procedures), shared by every replica.
-- Keys are SHA-256 digests (no e-mail or address is stored). Not tenant data: the app role has no
-- grant on the table and reaches it only through rate_limit_hit(), one atomic upsert, which works
-- on PGlite's single connection and through PgBouncer in transaction mode.
CREATE TABLE "rate_limit_counters" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"window_ends_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rate_limit_counters" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE INDEX "rate_limit_counters_window_idx" ON "rate_limit_counters" ("window_ends_at");
--> statement-breakpoint
-- Counts one hit of `p_key` and returns the hits in its current window (a new window starts when
-- the last one ended). Now and then it also drops windows that ended long ago.
CREATE OR REPLACE FUNCTION rate_limit_hit(p_key text, p_window_seconds integer) RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  result integer;
BEGIN
  INSERT INTO rate_limit_counters AS c (key, hits, window_ends_at)
  VALUES (p_key, 1, clock_timestamp() + make_interval(secs => p_window_seconds))
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN c.window_ends_at <= clock_timestamp() THEN 1 ELSE c.hits + 1 END,
    window_ends_at = CASE WHEN c.window_ends_at <= clock_timestamp()
      THEN EXCLUDED.window_ends_at ELSE c.window_ends_at END
  RETURNING hits INTO result;
  IF random() < 0.01 THEN
    DELETE FROM rate_limit_counters WHERE window_ends_at < clock_timestamp() - interval '1 hour';
  END IF;
  RETURN result;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION rate_limit_hit(text, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION rate_limit_hit(text, integer) TO ciar_app;
