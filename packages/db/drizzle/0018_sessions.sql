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

-- The throttles (sign-in, public procedures) share the gateway's fixed-window counters:
-- rate_limit_consume() of migration 0017, through packages/api/src/services/rate-limits.
