CREATE TABLE "api_keys" (
	"id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"token_hash" text NOT NULL,
	"module_ids" uuid[] NOT NULL,
	"created_by" uuid,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_keys_commune_id_id_pk" PRIMARY KEY("commune_id","id"),
	CONSTRAINT "api_keys_id_key" UNIQUE("id"),
	CONSTRAINT "api_keys_scoped" CHECK (cardinality("api_keys"."module_ids") between 1 and 50)
);
--> statement-breakpoint
ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "module_invoices" (
	"id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"provider_commune_id" uuid NOT NULL,
	"source" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"net_clp" integer NOT NULL,
	"iva_clp" integer NOT NULL,
	"total_clp" integer NOT NULL,
	"overage_units" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"stripe_invoice_id" text,
	"hosted_invoice_url" text,
	"purchase_order_number" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "module_invoices_commune_id_id_pk" PRIMARY KEY("commune_id","id"),
	CONSTRAINT "module_invoices_source_valid" CHECK ("module_invoices"."source" in ('stripe', 'purchase_order')),
	CONSTRAINT "module_invoices_amounts" CHECK ("module_invoices"."net_clp" >= 0 and "module_invoices"."iva_clp" >= 0 and "module_invoices"."total_clp" = "module_invoices"."net_clp" + "module_invoices"."iva_clp")
);
--> statement-breakpoint
ALTER TABLE "module_invoices" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "module_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"module_id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"name" text NOT NULL,
	"interval" text NOT NULL,
	"price_clp" integer NOT NULL,
	"included_units" integer NOT NULL,
	"overage_unit_price_clp" integer DEFAULT 0 NOT NULL,
	"quota_policy" text DEFAULT 'block' NOT NULL,
	"stripe_price_id" text,
	"stripe_metered_price_id" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "module_plans_interval_valid" CHECK ("module_plans"."interval" in ('month', 'year')),
	CONSTRAINT "module_plans_amounts" CHECK ("module_plans"."price_clp" >= 0 and "module_plans"."included_units" >= 0 and "module_plans"."overage_unit_price_clp" >= 0),
	CONSTRAINT "module_plans_quota_policy_valid" CHECK ("module_plans"."quota_policy" in ('overage', 'block')),
	CONSTRAINT "module_plans_status_valid" CHECK ("module_plans"."status" in ('active', 'archived'))
);
--> statement-breakpoint
ALTER TABLE "module_plans" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "module_upstreams" (
	"module_id" uuid PRIMARY KEY NOT NULL,
	"commune_id" uuid NOT NULL,
	"upstream_url" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "module_upstreams_url_http" CHECK ("module_upstreams"."upstream_url" ~ '^https?://')
);
--> statement-breakpoint
ALTER TABLE "module_upstreams" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "modules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commune_id" uuid NOT NULL,
	"use_case_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"documentation" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"usage_unit" text NOT NULL,
	"is_example" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "modules_slug_format" CHECK ("modules"."slug" ~ '^[a-z0-9][a-z0-9-]{1,59}$'),
	CONSTRAINT "modules_status_valid" CHECK ("modules"."status" in ('draft', 'published', 'retired'))
);
--> statement-breakpoint
ALTER TABLE "modules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"stripe_created_at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "stripe_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"provider_commune_id" uuid NOT NULL,
	"method" text NOT NULL,
	"status" text NOT NULL,
	"purchase_order_number" text,
	"billing" jsonb,
	"stripe_customer_id" text,
	"stripe_subscription_id" text,
	"stripe_checkout_session_id" text,
	"current_period_start" timestamp with time zone,
	"current_period_end" timestamp with time zone,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"past_due_since" timestamp with time zone,
	"canceled_at" timestamp with time zone,
	"activated_at" timestamp with time zone,
	"activated_by" uuid,
	"stripe_state_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_commune_id_id_pk" PRIMARY KEY("commune_id","id"),
	CONSTRAINT "subscriptions_id_key" UNIQUE("id"),
	CONSTRAINT "subscriptions_method_valid" CHECK ("subscriptions"."method" in ('stripe_checkout', 'stripe_invoice', 'purchase_order')),
	CONSTRAINT "subscriptions_status_valid" CHECK ("subscriptions"."status" in ('pending', 'incomplete', 'active', 'trialing', 'past_due', 'canceled')),
	CONSTRAINT "subscriptions_purchase_order_number" CHECK ("subscriptions"."method" <> 'purchase_order' or "subscriptions"."purchase_order_number" is not null)
);
--> statement-breakpoint
ALTER TABLE "subscriptions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "usage_records" (
	"id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"provider_commune_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"api_key_id" uuid NOT NULL,
	"month" text NOT NULL,
	"units" integer DEFAULT 1 NOT NULL,
	"over_quota" boolean DEFAULT false NOT NULL,
	"idempotency_key" text,
	"reported_to_stripe_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_records_commune_id_id_pk" PRIMARY KEY("commune_id","id"),
	CONSTRAINT "usage_records_month_format" CHECK ("usage_records"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "usage_records_units_positive" CHECK ("usage_records"."units" > 0)
);
--> statement-breakpoint
ALTER TABLE "usage_records" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_invoices" ADD CONSTRAINT "module_invoices_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_invoices" ADD CONSTRAINT "module_invoices_subscription_fk" FOREIGN KEY ("commune_id","subscription_id") REFERENCES "public"."subscriptions"("commune_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_plans" ADD CONSTRAINT "module_plans_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_upstreams" ADD CONSTRAINT "module_upstreams_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "modules" ADD CONSTRAINT "modules_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "modules" ADD CONSTRAINT "modules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "modules" ADD CONSTRAINT "modules_use_case_fk" FOREIGN KEY ("commune_id","use_case_id") REFERENCES "public"."use_cases"("commune_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_plan_id_module_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."module_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_activated_by_users_id_fk" FOREIGN KEY ("activated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_token_hash_key" ON "api_keys" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys" USING btree ("prefix");--> statement-breakpoint
CREATE UNIQUE INDEX "module_invoices_stripe_key" ON "module_invoices" USING btree ("stripe_invoice_id");--> statement-breakpoint
CREATE INDEX "module_invoices_subscription_idx" ON "module_invoices" USING btree ("commune_id","subscription_id","period_start");--> statement-breakpoint
CREATE INDEX "module_invoices_provider_idx" ON "module_invoices" USING btree ("provider_commune_id","period_start");--> statement-breakpoint
CREATE INDEX "module_plans_module_idx" ON "module_plans" USING btree ("module_id");--> statement-breakpoint
CREATE UNIQUE INDEX "modules_slug_key" ON "modules" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "modules_commune_idx" ON "modules" USING btree ("commune_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_stripe_subscription_key" ON "subscriptions" USING btree ("stripe_subscription_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_stripe_checkout_key" ON "subscriptions" USING btree ("stripe_checkout_session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_live_key" ON "subscriptions" USING btree ("commune_id","module_id") WHERE status <> 'canceled';--> statement-breakpoint
CREATE INDEX "subscriptions_module_idx" ON "subscriptions" USING btree ("module_id");--> statement-breakpoint
CREATE INDEX "subscriptions_pending_idx" ON "subscriptions" USING btree ("status") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "usage_records_idempotency_key" ON "usage_records" USING btree ("commune_id","module_id","idempotency_key") WHERE idempotency_key is not null;--> statement-breakpoint
CREATE INDEX "usage_records_month_idx" ON "usage_records" USING btree ("commune_id","module_id","month");--> statement-breakpoint
CREATE INDEX "usage_records_provider_idx" ON "usage_records" USING btree ("provider_commune_id","month");--> statement-breakpoint
CREATE POLICY "api_keys_own" ON "api_keys" AS PERMISSIVE FOR ALL TO public USING ("api_keys"."commune_id" = (select app_commune_id())) WITH CHECK ("api_keys"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "api_keys_gateway_read" ON "api_keys" AS PERMISSIVE FOR SELECT TO public USING ("api_keys"."token_hash" = (select app_setting('app.api_key_hash')));--> statement-breakpoint
CREATE POLICY "module_invoices_own_read" ON "module_invoices" AS PERMISSIVE FOR SELECT TO public USING ("module_invoices"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "module_invoices_provider_read" ON "module_invoices" AS PERMISSIVE FOR SELECT TO public USING ("module_invoices"."provider_commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "module_invoices_platform" ON "module_invoices" AS PERMISSIVE FOR ALL TO public USING ((select app_is_platform_admin())) WITH CHECK ((select app_is_platform_admin()));--> statement-breakpoint
CREATE POLICY "module_invoices_stripe" ON "module_invoices" AS PERMISSIVE FOR ALL TO public USING ("module_invoices"."stripe_invoice_id" is not null and (select app_setting('app.stripe_event_id')) is not null) WITH CHECK ("module_invoices"."stripe_invoice_id" is not null and (select app_setting('app.stripe_event_id')) is not null);--> statement-breakpoint
CREATE POLICY "module_plans_read" ON "module_plans" AS PERMISSIVE FOR SELECT TO public USING (exists (select 1 from modules m where m.id = "module_plans"."module_id"));--> statement-breakpoint
CREATE POLICY "module_plans_provider_write" ON "module_plans" AS PERMISSIVE FOR ALL TO public USING ("module_plans"."commune_id" = (select app_commune_id())) WITH CHECK ("module_plans"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "module_upstreams_provider" ON "module_upstreams" AS PERMISSIVE FOR ALL TO public USING ("module_upstreams"."commune_id" = (select app_commune_id())) WITH CHECK ("module_upstreams"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "module_upstreams_gateway_read" ON "module_upstreams" AS PERMISSIVE FOR SELECT TO public USING (exists (select 1 from api_keys k where k.token_hash = (select app_setting('app.api_key_hash'))
        and k.revoked_at is null and "module_upstreams"."module_id" = any(k.module_ids)));--> statement-breakpoint
CREATE POLICY "modules_read" ON "modules" AS PERMISSIVE FOR SELECT TO public USING ("modules"."status" = 'published' or "modules"."commune_id" = (select app_commune_id()) or (select app_is_platform_admin()));--> statement-breakpoint
CREATE POLICY "modules_provider_write" ON "modules" AS PERMISSIVE FOR ALL TO public USING ("modules"."commune_id" = (select app_commune_id())) WITH CHECK ("modules"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "stripe_events_webhook" ON "stripe_events" AS PERMISSIVE FOR ALL TO public USING ("stripe_events"."id" = (select app_setting('app.stripe_event_id'))) WITH CHECK ("stripe_events"."id" = (select app_setting('app.stripe_event_id')));--> statement-breakpoint
CREATE POLICY "stripe_events_platform_read" ON "stripe_events" AS PERMISSIVE FOR SELECT TO public USING ((select app_is_platform_admin()));--> statement-breakpoint
CREATE POLICY "subscriptions_own" ON "subscriptions" AS PERMISSIVE FOR ALL TO public USING ("subscriptions"."commune_id" = (select app_commune_id())) WITH CHECK ("subscriptions"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "subscriptions_provider_read" ON "subscriptions" AS PERMISSIVE FOR SELECT TO public USING ("subscriptions"."provider_commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "subscriptions_platform" ON "subscriptions" AS PERMISSIVE FOR ALL TO public USING ((select app_is_platform_admin())) WITH CHECK ((select app_is_platform_admin()));--> statement-breakpoint
CREATE POLICY "subscriptions_stripe" ON "subscriptions" AS PERMISSIVE FOR ALL TO public USING ("subscriptions"."stripe_subscription_id" = (select app_setting('app.stripe_subscription_id'))
        or "subscriptions"."stripe_checkout_session_id" = (select app_setting('app.stripe_checkout_session_id'))) WITH CHECK ("subscriptions"."stripe_subscription_id" = (select app_setting('app.stripe_subscription_id'))
        or "subscriptions"."stripe_checkout_session_id" = (select app_setting('app.stripe_checkout_session_id')));--> statement-breakpoint
CREATE POLICY "subscriptions_gateway_read" ON "subscriptions" AS PERMISSIVE FOR SELECT TO public USING (exists (select 1 from api_keys k where k.token_hash = (select app_setting('app.api_key_hash'))
        and k.revoked_at is null and k.commune_id = "subscriptions"."commune_id" and "subscriptions"."module_id" = any(k.module_ids)));--> statement-breakpoint
CREATE POLICY "usage_records_own" ON "usage_records" AS PERMISSIVE FOR ALL TO public USING ("usage_records"."commune_id" = (select app_commune_id())) WITH CHECK ("usage_records"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "usage_records_provider_read" ON "usage_records" AS PERMISSIVE FOR SELECT TO public USING ("usage_records"."provider_commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "usage_records_platform_read" ON "usage_records" AS PERMISSIVE FOR SELECT TO public USING ((select app_is_platform_admin()));