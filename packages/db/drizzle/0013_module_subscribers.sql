-- Hand-written: who uses a published module (public), a subscriber's view of a module it
-- subscribes to after the provider retires it, and one purchase-order invoice per period.
-- Runs on PostgreSQL 15+ and on embedded PGlite (18).

-- Who subscribes to a published module is public (the catalog shows it), but subscriptions are
-- tenant data. module_subscribers() runs as ciar_stats (migration 0007), which may read the live
-- subscriptions and nothing else of them, and returns only the communes' code and name.
-- api_keys and coalition_roles only because the policies of subscriptions and modules consult
-- them (a policy's subqueries run with the reader's privileges); the function reads neither.
GRANT SELECT ON "modules", "subscriptions", "api_keys", "coalition_roles" TO ciar_stats;
--> statement-breakpoint
CREATE POLICY "subscriptions_stats_read" ON "subscriptions" AS PERMISSIVE FOR SELECT TO ciar_stats
  USING ("status" IN ('active', 'trialing', 'past_due'));
--> statement-breakpoint
CREATE POLICY "modules_stats_read" ON "modules" AS PERMISSIVE FOR SELECT TO ciar_stats
  USING ("status" = 'published');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION module_subscribers(p_module uuid) RETURNS TABLE (code text, name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT c.code, c.name
    FROM modules m
    JOIN subscriptions s ON s.module_id = m.id AND s.status IN ('active', 'trialing', 'past_due')
    JOIN communes c ON c.id = s.commune_id
    WHERE m.id = p_module AND m.status = 'published'
    ORDER BY c.name, c.code
  $$;
--> statement-breakpoint
ALTER FUNCTION module_subscribers(uuid) OWNER TO ciar_stats;
--> statement-breakpoint
REVOKE ALL ON FUNCTION module_subscribers(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION module_subscribers(uuid) TO ciar_app;
--> statement-breakpoint

-- A subscriber keeps reading the module (and, through module_plans_read, its plans) after the
-- provider retires it, so that its subscriptions, usage and invoices still name what they are for.
-- Never the upstream: module_upstreams has its own policies.
CREATE POLICY "modules_subscriber_read" ON "modules" AS PERMISSIVE FOR SELECT TO public
  USING (exists (select 1 from subscriptions s
    where s.module_id = "modules"."id" and s.commune_id = (select app_commune_id())));
--> statement-breakpoint

-- Purchase-order invoices: one base invoice (overage_units = 0) and one overage invoice
-- (overage_units > 0) per subscription and period, so that closing a month twice adds nothing.
CREATE UNIQUE INDEX "module_invoices_purchase_order_period_key"
  ON "module_invoices" USING btree ("commune_id", "subscription_id", "period_start", ("overage_units" > 0))
  WHERE "source" = 'purchase_order';
