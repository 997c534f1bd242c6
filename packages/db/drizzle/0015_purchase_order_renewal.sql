ALTER TABLE "subscriptions" ADD COLUMN "renewal_purchase_order_number" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "renewal_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "renewal_requested_by" uuid;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_renewal_requested_by_users_id_fk" FOREIGN KEY ("renewal_requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint

-- Hand-written below. Runs on PostgreSQL 15+ and on embedded PGlite (18).
-- The guard of migration 0012, plus: the order in force (purchase_order_number) is the
-- subscriber's to correct only while it is pending; after that it changes only when a platform
-- admin activates a renewal. The subscriber gives a renewal only for an active purchase order.
CREATE OR REPLACE FUNCTION subscriptions_guard() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  trusted boolean := app_is_platform_admin() OR app_setting('app.stripe_event_id') IS NOT NULL;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NOT trusted AND NEW.status NOT IN ('pending', 'incomplete') THEN
      RAISE EXCEPTION 'a subscription starts pending or incomplete'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'subscriptions_guard';
    END IF;
    RETURN NEW;
  END IF;
  IF (NEW.commune_id, NEW.module_id, NEW.provider_commune_id, NEW.method)
      IS DISTINCT FROM (OLD.commune_id, OLD.module_id, OLD.provider_commune_id, OLD.method) THEN
    RAISE EXCEPTION 'a subscription keeps its commune, module, provider and method'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'subscriptions_guard';
  END IF;
  IF trusted THEN
    RETURN NEW;
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status
      AND NOT (OLD.status IN ('pending', 'incomplete') AND NEW.status = 'canceled') THEN
    RAISE EXCEPTION 'subscription status % -> % is not the subscriber''s to change', OLD.status, NEW.status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'subscriptions_guard';
  END IF;
  IF (NEW.plan_id, NEW.stripe_subscription_id, NEW.current_period_start, NEW.current_period_end,
      NEW.activated_at, NEW.activated_by, NEW.past_due_since, NEW.stripe_state_at)
      IS DISTINCT FROM (OLD.plan_id, OLD.stripe_subscription_id, OLD.current_period_start, OLD.current_period_end,
      OLD.activated_at, OLD.activated_by, OLD.past_due_since, OLD.stripe_state_at) THEN
    RAISE EXCEPTION 'only the platform or Stripe change a subscription''s plan and periods'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'subscriptions_guard';
  END IF;
  IF OLD.status <> 'pending' AND NEW.purchase_order_number IS DISTINCT FROM OLD.purchase_order_number THEN
    RAISE EXCEPTION 'the order in force changes only when the platform activates a renewal'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'subscriptions_guard';
  END IF;
  IF (NEW.renewal_purchase_order_number, NEW.renewal_requested_at, NEW.renewal_requested_by)
      IS DISTINCT FROM (OLD.renewal_purchase_order_number, OLD.renewal_requested_at, OLD.renewal_requested_by)
      AND NOT (OLD.method = 'purchase_order' AND OLD.status = 'active') THEN
    RAISE EXCEPTION 'a renewal is given for an active purchase order only'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'subscriptions_guard';
  END IF;
  RETURN NEW;
END
$$;
