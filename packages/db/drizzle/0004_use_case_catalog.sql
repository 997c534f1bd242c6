CREATE TABLE "adoptions" (
	"commune_id" uuid NOT NULL,
	"use_case_id" uuid NOT NULL,
	"source_commune_id" uuid NOT NULL,
	"source_use_case_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "adoptions_commune_id_use_case_id_pk" PRIMARY KEY("commune_id","use_case_id"),
	CONSTRAINT "adoptions_one_per_commune" UNIQUE("commune_id","source_use_case_id")
);
--> statement-breakpoint
ALTER TABLE "adoptions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "comment_acceptances" (
	"commune_id" uuid NOT NULL,
	"use_case_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"answer_id" uuid NOT NULL,
	"accepted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comment_acceptances_commune_id_question_id_pk" PRIMARY KEY("commune_id","question_id")
);
--> statement-breakpoint
ALTER TABLE "comment_acceptances" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "use_case_comments" (
	"id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"use_case_commune_id" uuid NOT NULL,
	"use_case_id" uuid NOT NULL,
	"parent_id" uuid,
	"kind" text NOT NULL,
	"body" text NOT NULL,
	"author_user_id" uuid,
	"author_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	CONSTRAINT "use_case_comments_commune_id_id_pk" PRIMARY KEY("commune_id","id"),
	CONSTRAINT "use_case_comments_id_key" UNIQUE("id"),
	CONSTRAINT "use_case_comments_kind_valid" CHECK ("use_case_comments"."kind" in ('question', 'comment', 'answer'))
);
--> statement-breakpoint
ALTER TABLE "use_case_comments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "endorsements" (
	"commune_id" uuid NOT NULL,
	"use_case_commune_id" uuid NOT NULL,
	"use_case_id" uuid NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "endorsements_commune_id_use_case_id_pk" PRIMARY KEY("commune_id","use_case_id")
);
--> statement-breakpoint
ALTER TABLE "endorsements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"use_case_id" uuid,
	"actor_commune_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_commune_id_id_pk" PRIMARY KEY("commune_id","id"),
	CONSTRAINT "notifications_kind_valid" CHECK ("notifications"."kind" in ('adopted', 'question', 'comment', 'answer', 'endorsed'))
);
--> statement-breakpoint
ALTER TABLE "notifications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "use_case_versions" (
	"commune_id" uuid NOT NULL,
	"use_case_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "use_case_versions_commune_id_use_case_id_version_pk" PRIMARY KEY("commune_id","use_case_id","version")
);
--> statement-breakpoint
ALTER TABLE "use_case_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "use_cases" (
	"id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"problem" text DEFAULT '' NOT NULL,
	"solution" text DEFAULT '' NOT NULL,
	"service_area" text NOT NULL,
	"techniques" text[] DEFAULT '{}' NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"stage" text DEFAULT 'idea' NOT NULL,
	"visibility" text DEFAULT 'private' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"license" text,
	"repository_url" text,
	"data_sources" text[] DEFAULT '{}' NOT NULL,
	"setup_cost_clp" bigint,
	"monthly_cost_clp" bigint,
	"kpis" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"transparency" jsonb NOT NULL,
	"source_url" text,
	"adopted_from_commune_id" uuid,
	"adopted_from_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"review_note" text,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector",
	CONSTRAINT "use_cases_commune_id_id_pk" PRIMARY KEY("commune_id","id"),
	CONSTRAINT "use_cases_id_key" UNIQUE("id"),
	CONSTRAINT "use_cases_stage_valid" CHECK ("use_cases"."stage" in ('idea', 'design', 'pilot', 'production', 'scaled', 'retired')),
	CONSTRAINT "use_cases_visibility_valid" CHECK ("use_cases"."visibility" in ('private', 'coalition', 'public')),
	CONSTRAINT "use_cases_status_valid" CHECK ("use_cases"."status" in ('draft', 'submitted', 'published')),
	CONSTRAINT "use_cases_costs_non_negative" CHECK (coalesce("use_cases"."setup_cost_clp", 0) >= 0 and coalesce("use_cases"."monthly_cost_clp", 0) >= 0)
);
--> statement-breakpoint
ALTER TABLE "use_cases" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "adoptions" ADD CONSTRAINT "adoptions_copy_fk" FOREIGN KEY ("commune_id","use_case_id") REFERENCES "public"."use_cases"("commune_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptions" ADD CONSTRAINT "adoptions_source_fk" FOREIGN KEY ("source_commune_id","source_use_case_id") REFERENCES "public"."use_cases"("commune_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_acceptances" ADD CONSTRAINT "comment_acceptances_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_acceptances" ADD CONSTRAINT "comment_acceptances_use_case_fk" FOREIGN KEY ("commune_id","use_case_id") REFERENCES "public"."use_cases"("commune_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_case_comments" ADD CONSTRAINT "use_case_comments_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_case_comments" ADD CONSTRAINT "use_case_comments_use_case_fk" FOREIGN KEY ("use_case_commune_id","use_case_id") REFERENCES "public"."use_cases"("commune_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "endorsements" ADD CONSTRAINT "endorsements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "endorsements" ADD CONSTRAINT "endorsements_use_case_fk" FOREIGN KEY ("use_case_commune_id","use_case_id") REFERENCES "public"."use_cases"("commune_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_case_versions" ADD CONSTRAINT "use_case_versions_use_case_fk" FOREIGN KEY ("commune_id","use_case_id") REFERENCES "public"."use_cases"("commune_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_cases" ADD CONSTRAINT "use_cases_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_cases" ADD CONSTRAINT "use_cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_cases" ADD CONSTRAINT "use_cases_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_cases" ADD CONSTRAINT "use_cases_adopted_from_fk" FOREIGN KEY ("adopted_from_commune_id","adopted_from_id") REFERENCES "public"."use_cases"("commune_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adoptions_source_idx" ON "adoptions" USING btree ("source_use_case_id");--> statement-breakpoint
CREATE INDEX "use_case_comments_use_case_idx" ON "use_case_comments" USING btree ("use_case_id","created_at");--> statement-breakpoint
CREATE INDEX "endorsements_use_case_idx" ON "endorsements" USING btree ("use_case_id");--> statement-breakpoint
CREATE INDEX "notifications_commune_created_idx" ON "notifications" USING btree ("commune_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "use_cases_commune_updated_idx" ON "use_cases" USING btree ("commune_id","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "use_cases_search_idx" ON "use_cases" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "use_cases_recent_idx" ON "use_cases" USING btree ((coalesce("published_at", "updated_at")) desc,"id" desc);--> statement-breakpoint
CREATE INDEX "use_cases_visibility_facets_idx" ON "use_cases" USING btree ("status","visibility","commune_id","service_area","stage");--> statement-breakpoint
CREATE INDEX "use_cases_service_area_idx" ON "use_cases" USING btree ("service_area");--> statement-breakpoint
CREATE INDEX "use_cases_techniques_idx" ON "use_cases" USING gin ("techniques");--> statement-breakpoint
CREATE INDEX "use_cases_adopted_from_idx" ON "use_cases" USING btree ("adopted_from_id");--> statement-breakpoint
CREATE POLICY "adoptions_read" ON "adoptions" AS PERMISSIVE FOR SELECT TO public USING ("adoptions"."commune_id" = (select app_commune_id()) or exists (select 1 from use_cases u where u.commune_id = "adoptions"."source_commune_id" and u.id = "adoptions"."source_use_case_id"));--> statement-breakpoint
CREATE POLICY "adoptions_write_own" ON "adoptions" AS PERMISSIVE FOR INSERT TO public WITH CHECK ("adoptions"."commune_id" = (select app_commune_id()) and exists (select 1 from use_cases u where u.commune_id = "adoptions"."source_commune_id" and u.id = "adoptions"."source_use_case_id"));--> statement-breakpoint
CREATE POLICY "adoptions_update_own" ON "adoptions" AS PERMISSIVE FOR UPDATE TO public USING ("adoptions"."commune_id" = (select app_commune_id())) WITH CHECK ("adoptions"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "comment_acceptances_read" ON "comment_acceptances" AS PERMISSIVE FOR SELECT TO public USING (exists (select 1 from use_cases u where u.commune_id = "comment_acceptances"."commune_id" and u.id = "comment_acceptances"."use_case_id"));--> statement-breakpoint
CREATE POLICY "comment_acceptances_write_own" ON "comment_acceptances" AS PERMISSIVE FOR ALL TO public USING ("comment_acceptances"."commune_id" = (select app_commune_id())) WITH CHECK ("comment_acceptances"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "use_case_comments_read" ON "use_case_comments" AS PERMISSIVE FOR SELECT TO public USING (exists (select 1 from use_cases u where u.commune_id = "use_case_comments"."use_case_commune_id" and u.id = "use_case_comments"."use_case_id"));--> statement-breakpoint
CREATE POLICY "use_case_comments_insert" ON "use_case_comments" AS PERMISSIVE FOR INSERT TO public WITH CHECK ("use_case_comments"."commune_id" = (select app_commune_id()) and exists (select 1 from use_cases u where u.commune_id = "use_case_comments"."use_case_commune_id" and u.id = "use_case_comments"."use_case_id"));--> statement-breakpoint
CREATE POLICY "use_case_comments_update_own" ON "use_case_comments" AS PERMISSIVE FOR UPDATE TO public USING ("use_case_comments"."commune_id" = (select app_commune_id())) WITH CHECK ("use_case_comments"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "endorsements_read" ON "endorsements" AS PERMISSIVE FOR SELECT TO public USING (exists (select 1 from use_cases u where u.commune_id = "endorsements"."use_case_commune_id" and u.id = "endorsements"."use_case_id"));--> statement-breakpoint
CREATE POLICY "endorsements_insert" ON "endorsements" AS PERMISSIVE FOR INSERT TO public WITH CHECK ("endorsements"."commune_id" = (select app_commune_id()) and exists (select 1 from use_cases u where u.commune_id = "endorsements"."use_case_commune_id" and u.id = "endorsements"."use_case_id"));--> statement-breakpoint
CREATE POLICY "endorsements_delete" ON "endorsements" AS PERMISSIVE FOR DELETE TO public USING ("endorsements"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "notifications_read_own" ON "notifications" AS PERMISSIVE FOR SELECT TO public USING ("notifications"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "notifications_send_as_self" ON "notifications" AS PERMISSIVE FOR INSERT TO public WITH CHECK ("notifications"."actor_commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "notifications_mark_own" ON "notifications" AS PERMISSIVE FOR UPDATE TO public USING ("notifications"."commune_id" = (select app_commune_id())) WITH CHECK ("notifications"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "use_case_versions_own" ON "use_case_versions" AS PERMISSIVE FOR ALL TO public USING ("use_case_versions"."commune_id" = (select app_commune_id())) WITH CHECK ("use_case_versions"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "use_cases_own" ON "use_cases" AS PERMISSIVE FOR ALL TO public USING ("use_cases"."commune_id" = (select app_commune_id())) WITH CHECK ("use_cases"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "use_cases_catalog_read" ON "use_cases" AS PERMISSIVE FOR SELECT TO public USING ("use_cases"."status" = 'published' and ("use_cases"."visibility" = 'public' or ("use_cases"."visibility" = 'coalition' and (select app_commune_id()) is not null)));