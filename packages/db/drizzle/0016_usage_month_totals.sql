CREATE TABLE "usage_month_totals" (
	"commune_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"month" text NOT NULL,
	"units" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_month_totals_commune_id_module_id_month_pk" PRIMARY KEY("commune_id","module_id","month")
);
--> statement-breakpoint
ALTER TABLE "usage_month_totals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "usage_month_totals" ADD CONSTRAINT "usage_month_totals_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_month_totals" ADD CONSTRAINT "usage_month_totals_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "usage_month_totals_own" ON "usage_month_totals" AS PERMISSIVE FOR ALL TO public USING ("usage_month_totals"."commune_id" = (select app_commune_id())) WITH CHECK ("usage_month_totals"."commune_id" = (select app_commune_id()));--> statement-breakpoint

-- Hand-written below. Runs on PostgreSQL 15+ and on embedded PGlite (18).
-- Kept by a trigger in the transaction of each usage insert (as the inserting role: the policy
-- above lets a commune add to its own totals only). usage_records never loses a row nor changes
-- its units (no DELETE grant; UPDATE only of the Stripe report columns), so adding is enough.
CREATE OR REPLACE FUNCTION usage_month_totals_add() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO usage_month_totals AS t (commune_id, module_id, month, units)
  VALUES (NEW.commune_id, NEW.module_id, NEW.month, NEW.units)
  ON CONFLICT (commune_id, module_id, month)
  DO UPDATE SET units = t.units + EXCLUDED.units, updated_at = now();
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER usage_month_totals_add
  AFTER INSERT ON "usage_records"
  FOR EACH ROW EXECUTE FUNCTION usage_month_totals_add();
--> statement-breakpoint

-- Totals of the usage recorded before this migration. The owner reads usage_records past its
-- forced RLS for this one statement (the migration's transaction), then it is forced again.
ALTER TABLE "usage_records" NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
INSERT INTO usage_month_totals (commune_id, module_id, month, units)
  SELECT commune_id, module_id, month, sum(units) FROM usage_records GROUP BY commune_id, module_id, month;
--> statement-breakpoint
ALTER TABLE "usage_records" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "usage_month_totals" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "usage_month_totals" TO ciar_app;
