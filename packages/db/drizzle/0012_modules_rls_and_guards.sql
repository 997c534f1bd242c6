-- Hand-written: FORCE RLS, grants and the subscription guard for shared modules and billing.
ALTER TABLE "modules" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "module_upstreams" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "module_plans" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "subscriptions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "stripe_events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "api_keys" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "usage_records" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "module_invoices" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "modules" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "module_upstreams" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "module_plans" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "subscriptions" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "stripe_events" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "api_keys" TO ciar_app;
--> statement-breakpoint
-- Usage is never deleted; the only update marks what was reported to Stripe.
GRANT SELECT, INSERT, UPDATE ("reported_to_stripe_at") ON "usage_records" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "module_invoices" TO ciar_app;
--> statement-breakpoint
-- Who may change a subscription, held by the database even if the API forgets: the subscriber
-- asks (pending purchase order, or incomplete until Stripe confirms), may withdraw a pending
-- request, switch cancel-at-period-end and correct its invoice details; the status of a live
-- subscription comes only from a platform admin (activating a paid purchase order) or from
-- Stripe's webhook (app.stripe_event_id set). Commune, module and provider never change.
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
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER subscriptions_guard
  BEFORE INSERT OR UPDATE ON "subscriptions"
  FOR EACH ROW EXECUTE FUNCTION subscriptions_guard();
