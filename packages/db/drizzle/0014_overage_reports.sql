ALTER TABLE "usage_records" ADD COLUMN "stripe_report_id" uuid;--> statement-breakpoint
CREATE INDEX "usage_records_stripe_pending_idx" ON "usage_records" USING btree ("commune_id","subscription_id") WHERE over_quota and reported_to_stripe_at is null;--> statement-breakpoint

-- Hand-written below. Runs on PostgreSQL 15+ and on embedded PGlite (18).

-- A subscriber claims its own over-quota usage for a report to Stripe's meter (policy
-- usage_records_own); only these two columns ever change after the insert.
GRANT UPDATE ("stripe_report_id", "reported_to_stripe_at") ON "usage_records" TO ciar_app;
--> statement-breakpoint

-- The background job that reports overage is nobody's request: it asks which subscriptions have
-- usage to report through pending_stripe_overage(), which runs as ciar_stats (migration 0007) and
-- returns ids only, then does the work in a transaction as each subscriber commune. Only plans
-- with an overage price have a metered price in Stripe: others have nothing to report.
GRANT SELECT ON "usage_records", "module_plans" TO ciar_stats;
--> statement-breakpoint
CREATE POLICY "module_plans_stats_metered" ON "module_plans" AS PERMISSIVE FOR SELECT TO ciar_stats
  USING ("overage_unit_price_clp" > 0);
--> statement-breakpoint
CREATE POLICY "usage_records_stats_pending" ON "usage_records" AS PERMISSIVE FOR SELECT TO ciar_stats
  USING ("over_quota" AND "reported_to_stripe_at" IS NULL);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pending_stripe_overage() RETURNS TABLE (commune_id uuid, subscription_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT DISTINCT u.commune_id, u.subscription_id
    FROM usage_records u
    JOIN subscriptions s ON s.commune_id = u.commune_id AND s.id = u.subscription_id
    JOIN module_plans p ON p.id = s.plan_id AND p.overage_unit_price_clp > 0
    WHERE u.over_quota AND u.reported_to_stripe_at IS NULL
      AND s.method IN ('stripe_checkout', 'stripe_invoice') AND s.stripe_subscription_id IS NOT NULL
  $$;
--> statement-breakpoint
ALTER FUNCTION pending_stripe_overage() OWNER TO ciar_stats;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pending_stripe_overage() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pending_stripe_overage() TO ciar_app;
