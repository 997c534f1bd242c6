-- Hand-written. Runs on PostgreSQL 15+ and on embedded PGlite (18).
-- The module gateway's billing integrity (docs/modules-and-billing.md, "Gateway: what a call
-- costs"): stored idempotent answers, units held for calls in flight on `block` plans, a rate
-- limit shared by every replica, and a per-module secret that signs what the gateway asserts.

-- The first 2xx answer to a call with an Idempotency-Key, per (commune, module, key), kept for a
-- window (expires_at). While the call is in flight the row is a claim (status null). Tenant data.
CREATE TABLE "gateway_idempotency" (
	"commune_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"status" integer,
	"headers" jsonb,
	"body" bytea,
	"body_stored" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "gateway_idempotency_pk" PRIMARY KEY("commune_id","module_id","idempotency_key"),
	CONSTRAINT "gateway_idempotency_status" CHECK ("status" IS NULL OR "status" BETWEEN 100 AND 599)
);
--> statement-breakpoint
ALTER TABLE "gateway_idempotency" ADD CONSTRAINT "gateway_idempotency_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_idempotency" ADD CONSTRAINT "gateway_idempotency_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gateway_idempotency_expires_idx" ON "gateway_idempotency" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "gateway_idempotency" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "gateway_idempotency" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "gateway_idempotency_own" ON "gateway_idempotency" AS PERMISSIVE FOR ALL TO public USING ("gateway_idempotency"."commune_id" = (select app_commune_id())) WITH CHECK ("gateway_idempotency"."commune_id" = (select app_commune_id()));--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "gateway_idempotency" TO ciar_app;--> statement-breakpoint

-- One unit of a `block` plan held by a call in flight: counted with the month's units when the
-- next call is decided, removed when the call ends (a usage record replaces it on 2xx), and
-- ignored after expires_at (a replica that died mid-call gives the unit back). Tenant data.
CREATE TABLE "gateway_quota_holds" (
	"commune_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"module_id" uuid NOT NULL,
	"month" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "gateway_quota_holds_pk" PRIMARY KEY("commune_id","id")
);
--> statement-breakpoint
ALTER TABLE "gateway_quota_holds" ADD CONSTRAINT "gateway_quota_holds_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_quota_holds" ADD CONSTRAINT "gateway_quota_holds_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gateway_quota_holds_month_idx" ON "gateway_quota_holds" USING btree ("commune_id","module_id","month");--> statement-breakpoint
ALTER TABLE "gateway_quota_holds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "gateway_quota_holds" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "gateway_quota_holds_own" ON "gateway_quota_holds" AS PERMISSIVE FOR ALL TO public USING ("gateway_quota_holds"."commune_id" = (select app_commune_id())) WITH CHECK ("gateway_quota_holds"."commune_id" = (select app_commune_id()));--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "gateway_quota_holds" TO ciar_app;--> statement-breakpoint

-- A stored answer is now the only thing a reused Idempotency-Key replays (for its window): a key
-- reused after the window is a new call and is counted, so the key no longer has to be unique in
-- usage_records (it stays there, for tracing).
DROP INDEX IF EXISTS "usage_records_idempotency_key";--> statement-breakpoint

-- Fixed-window counters shared by every replica (packages/api/src/services/rate-limits). Not
-- tenant data, and not readable by the app role: it only calls rate_limit_consume(), which runs
-- as ciar_stats (migration 0007), the definer role of work that is nobody's tenant request.
CREATE TABLE "rate_limit_windows" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer NOT NULL,
	"window_ends" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rate_limit_windows" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "rate_limit_windows" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "rate_limit_windows" TO ciar_stats;--> statement-breakpoint
CREATE POLICY "rate_limit_windows_definer" ON "rate_limit_windows" AS PERMISSIVE FOR ALL TO ciar_stats USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE OR REPLACE FUNCTION rate_limit_consume(p_key text, p_limit integer, p_window_seconds integer)
  RETURNS TABLE (allowed boolean, remaining integer, retry_after_ms integer)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    -- One atomic upsert: concurrent calls on any replica queue on the row, each sees the last count.
    WITH w AS (
      INSERT INTO rate_limit_windows AS r (key, points, window_ends)
      VALUES (p_key, 1, clock_timestamp() + make_interval(secs => p_window_seconds))
      ON CONFLICT (key) DO UPDATE SET
        points = CASE WHEN r.window_ends <= clock_timestamp() THEN 1 ELSE r.points + 1 END,
        window_ends = CASE WHEN r.window_ends <= clock_timestamp() THEN EXCLUDED.window_ends ELSE r.window_ends END
      RETURNING r.points, r.window_ends
    )
    SELECT w.points <= p_limit,
           greatest(p_limit - w.points, 0),
           greatest(ceil(extract(epoch FROM (w.window_ends - clock_timestamp())) * 1000), 0)::integer
    FROM w
  $$;
--> statement-breakpoint
ALTER FUNCTION rate_limit_consume(text, integer, integer) OWNER TO ciar_stats;--> statement-breakpoint
REVOKE ALL ON FUNCTION rate_limit_consume(text, integer, integer) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION rate_limit_consume(text, integer, integer) TO ciar_app;--> statement-breakpoint

-- The periodic sweep (job gateway-sweep) deletes expired rows of every commune: as ciar_stats,
-- which sees only rows already expired.
GRANT SELECT, DELETE ON "gateway_idempotency", "gateway_quota_holds" TO ciar_stats;--> statement-breakpoint
CREATE POLICY "gateway_idempotency_stats_expired" ON "gateway_idempotency" AS PERMISSIVE FOR ALL TO ciar_stats USING ("expires_at" < now());--> statement-breakpoint
CREATE POLICY "gateway_quota_holds_stats_expired" ON "gateway_quota_holds" AS PERMISSIVE FOR ALL TO ciar_stats USING ("expires_at" < now());--> statement-breakpoint
CREATE OR REPLACE FUNCTION sweep_expired_gateway_rows() RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    n integer;
    total integer := 0;
  BEGIN
    DELETE FROM gateway_idempotency WHERE expires_at < now();
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
    DELETE FROM gateway_quota_holds WHERE expires_at < now();
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
    DELETE FROM rate_limit_windows WHERE window_ends < now();
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN total + n;
  END
  $$;
--> statement-breakpoint
ALTER FUNCTION sweep_expired_gateway_rows() OWNER TO ciar_stats;--> statement-breakpoint
REVOKE ALL ON FUNCTION sweep_expired_gateway_rows() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION sweep_expired_gateway_rows() TO ciar_app;--> statement-breakpoint

-- The secret a module's service checks the gateway's signature with (x-ciar-signature). Shown to
-- the provider once (on creation and rotation). Existing modules get one here: 2 × 122 random bits.
ALTER TABLE "module_upstreams" ADD COLUMN "signing_secret" text DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') NOT NULL;
