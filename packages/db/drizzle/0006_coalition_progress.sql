CREATE TABLE "coalition_coordinators" (
	"coalition_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coalition_coordinators_coalition_id_user_id_pk" PRIMARY KEY("coalition_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "coalition_coordinators" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "coalition_members" (
	"coalition_id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coalition_members_coalition_id_commune_id_pk" PRIMARY KEY("coalition_id","commune_id")
);
--> statement-breakpoint
ALTER TABLE "coalition_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "coalitions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"country" text,
	"description" text DEFAULT '' NOT NULL,
	"source_url" text,
	"share_results" boolean DEFAULT false NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coalitions_slug_format" CHECK ("coalitions"."slug" ~ '^[a-z0-9][a-z0-9-]{1,59}$'),
	CONSTRAINT "coalitions_country_iso" CHECK ("coalitions"."country" is null or "coalitions"."country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
ALTER TABLE "coalitions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"commune_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"period" text NOT NULL,
	"value" double precision NOT NULL,
	"source" text NOT NULL,
	"source_url" text,
	"note" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_values_commune_id_indicator_id_period_pk" PRIMARY KEY("commune_id","indicator_id","period"),
	CONSTRAINT "indicator_values_period_format" CHECK ("indicator_values"."period" ~ '^[0-9]{4}-Q[1-4]$'),
	CONSTRAINT "indicator_values_value_finite" CHECK ("indicator_values"."value" > '-Infinity' and "indicator_values"."value" < 'Infinity')
);
--> statement-breakpoint
ALTER TABLE "indicator_values" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" uuid PRIMARY KEY NOT NULL,
	"coalition_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name_es" text NOT NULL,
	"name_en" text NOT NULL,
	"unit" text NOT NULL,
	"direction" text NOT NULL,
	"definition_es" text NOT NULL,
	"definition_en" text NOT NULL,
	"reference_value" double precision,
	"reference_note" text DEFAULT '' NOT NULL,
	"source_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_coalition_code_key" UNIQUE("coalition_id","code"),
	CONSTRAINT "indicators_direction_valid" CHECK ("indicators"."direction" in ('lower_is_better', 'higher_is_better')),
	CONSTRAINT "indicators_code_format" CHECK ("indicators"."code" ~ '^[a-z0-9_]{2,64}$')
);
--> statement-breakpoint
ALTER TABLE "indicators" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "maturity_frameworks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"frozen_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maturity_frameworks_code_version_key" UNIQUE("code","version"),
	CONSTRAINT "maturity_frameworks_version_positive" CHECK ("maturity_frameworks"."version" > 0)
);
--> statement-breakpoint
ALTER TABLE "maturity_frameworks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "peer_group_members" (
	"group_id" uuid NOT NULL,
	"coalition_id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "peer_group_members_group_id_commune_id_pk" PRIMARY KEY("group_id","commune_id")
);
--> statement-breakpoint
ALTER TABLE "peer_group_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "peer_groups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"coalition_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "peer_groups_id_coalition_key" UNIQUE("id","coalition_id")
);
--> statement-breakpoint
ALTER TABLE "peer_groups" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "roadmap_milestones" (
	"id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"dimension_code" text,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"completed_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadmap_milestones_commune_id_id_pk" PRIMARY KEY("commune_id","id"),
	CONSTRAINT "roadmap_milestones_id_key" UNIQUE("id"),
	CONSTRAINT "roadmap_milestones_status_valid" CHECK ("roadmap_milestones"."status" in ('planned', 'in_progress', 'done', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "roadmap_milestones" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "self_assessment_answers" (
	"commune_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"question_code" text NOT NULL,
	"level" smallint,
	"evidence" text DEFAULT '' NOT NULL,
	"evidence_links" text[] DEFAULT '{}' NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "self_assessment_answers_commune_id_assessment_id_question_code_pk" PRIMARY KEY("commune_id","assessment_id","question_code"),
	CONSTRAINT "self_assessment_answers_level_range" CHECK ("self_assessment_answers"."level" is null or "self_assessment_answers"."level" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "self_assessment_answers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "self_assessment_events" (
	"id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"action" text NOT NULL,
	"actor_user_id" uuid,
	"comment" text,
	"question_comments" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"maturity_index" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "self_assessment_events_commune_id_id_pk" PRIMARY KEY("commune_id","id"),
	CONSTRAINT "self_assessment_events_action_valid" CHECK ("self_assessment_events"."action" in ('created', 'submitted', 'returned', 'validated'))
);
--> statement-breakpoint
ALTER TABLE "self_assessment_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "self_assessments" (
	"id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"framework_id" uuid NOT NULL,
	"period" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"scores" jsonb,
	"maturity_index" double precision,
	"version" integer DEFAULT 1 NOT NULL,
	"review_comment" text,
	"question_comments" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "self_assessments_commune_id_id_pk" PRIMARY KEY("commune_id","id"),
	CONSTRAINT "self_assessments_id_key" UNIQUE("id"),
	CONSTRAINT "self_assessments_commune_period_key" UNIQUE("commune_id","period"),
	CONSTRAINT "self_assessments_period_format" CHECK ("self_assessments"."period" ~ '^[0-9]{4}-Q[1-4]$'),
	CONSTRAINT "self_assessments_status_valid" CHECK ("self_assessments"."status" in ('draft', 'submitted', 'returned', 'validated')),
	CONSTRAINT "self_assessments_index_range" CHECK ("self_assessments"."maturity_index" is null or ("self_assessments"."maturity_index" >= 0 and "self_assessments"."maturity_index" <= 100)),
	CONSTRAINT "self_assessments_scored_when_submitted" CHECK ("self_assessments"."status" in ('draft', 'returned') or ("self_assessments"."scores" is not null and "self_assessments"."maturity_index" is not null))
);
--> statement-breakpoint
ALTER TABLE "self_assessments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "coalition_roles" DROP CONSTRAINT "coalition_roles_role_valid";--> statement-breakpoint
ALTER TABLE "coalition_coordinators" ADD CONSTRAINT "coalition_coordinators_coalition_id_coalitions_id_fk" FOREIGN KEY ("coalition_id") REFERENCES "public"."coalitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalition_coordinators" ADD CONSTRAINT "coalition_coordinators_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalition_members" ADD CONSTRAINT "coalition_members_coalition_id_coalitions_id_fk" FOREIGN KEY ("coalition_id") REFERENCES "public"."coalitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalition_members" ADD CONSTRAINT "coalition_members_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_coalition_id_coalitions_id_fk" FOREIGN KEY ("coalition_id") REFERENCES "public"."coalitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_frameworks" ADD CONSTRAINT "maturity_frameworks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_group_members" ADD CONSTRAINT "peer_group_members_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_group_members" ADD CONSTRAINT "peer_group_members_group_fk" FOREIGN KEY ("group_id","coalition_id") REFERENCES "public"."peer_groups"("id","coalition_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_groups" ADD CONSTRAINT "peer_groups_coalition_id_coalitions_id_fk" FOREIGN KEY ("coalition_id") REFERENCES "public"."coalitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_groups" ADD CONSTRAINT "peer_groups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_milestones" ADD CONSTRAINT "roadmap_milestones_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_milestones" ADD CONSTRAINT "roadmap_milestones_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_milestones" ADD CONSTRAINT "roadmap_milestones_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessment_answers" ADD CONSTRAINT "self_assessment_answers_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessment_answers" ADD CONSTRAINT "self_assessment_answers_assessment_fk" FOREIGN KEY ("commune_id","assessment_id") REFERENCES "public"."self_assessments"("commune_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessment_events" ADD CONSTRAINT "self_assessment_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessment_events" ADD CONSTRAINT "self_assessment_events_assessment_fk" FOREIGN KEY ("commune_id","assessment_id") REFERENCES "public"."self_assessments"("commune_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessments" ADD CONSTRAINT "self_assessments_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessments" ADD CONSTRAINT "self_assessments_framework_id_maturity_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."maturity_frameworks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessments" ADD CONSTRAINT "self_assessments_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessments" ADD CONSTRAINT "self_assessments_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessments" ADD CONSTRAINT "self_assessments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coalition_coordinators_user_idx" ON "coalition_coordinators" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "coalition_members_commune_idx" ON "coalition_members" USING btree ("commune_id");--> statement-breakpoint
CREATE UNIQUE INDEX "coalitions_slug_key" ON "coalitions" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "indicator_values_indicator_idx" ON "indicator_values" USING btree ("indicator_id","period","commune_id");--> statement-breakpoint
CREATE INDEX "peer_group_members_commune_idx" ON "peer_group_members" USING btree ("commune_id");--> statement-breakpoint
CREATE UNIQUE INDEX "peer_groups_name_key" ON "peer_groups" USING btree ("coalition_id",lower("name"));--> statement-breakpoint
CREATE INDEX "roadmap_milestones_due_idx" ON "roadmap_milestones" USING btree ("commune_id","due_date");--> statement-breakpoint
CREATE INDEX "self_assessment_events_assessment_idx" ON "self_assessment_events" USING btree ("commune_id","assessment_id","created_at");--> statement-breakpoint
CREATE INDEX "self_assessments_period_idx" ON "self_assessments" USING btree ("period","commune_id");--> statement-breakpoint
-- Hand-added (drizzle-kit cannot emit data moves): the foundation's global "coordinator" role
-- becomes a role within a coalition. The platform is CIAR Chile's, so every holder becomes a
-- coordinator of the CIAR Chile coalition, created here (the demo seed adds its member communes).
INSERT INTO "coalitions" ("id", "slug", "name", "country", "description")
SELECT gen_random_uuid(), 'ciar-chile', 'CIAR Chile', 'CL',
  'Coalición de Ciudades por la Inteligencia Artificial: comunas de Chile que construyen y comparten casos de uso de IA.'
WHERE NOT EXISTS (SELECT 1 FROM "coalitions" WHERE "slug" = 'ciar-chile');
--> statement-breakpoint
INSERT INTO "coalition_coordinators" ("coalition_id", "user_id")
SELECT c."id", r."user_id" FROM "coalition_roles" r CROSS JOIN "coalitions" c
WHERE r."role" = 'coordinator' AND c."slug" = 'ciar-chile'
ON CONFLICT DO NOTHING;
--> statement-breakpoint
DELETE FROM "coalition_roles" WHERE "role" = 'coordinator';
--> statement-breakpoint
-- Hand-added: what the policies below know about the caller's coalitions. Invoker's rights, so
-- each reads only what the caller may read (their own coordinator and platform-role rows), and
-- the policies call them as (select …): once per statement.
CREATE OR REPLACE FUNCTION app_is_platform_admin() RETURNS boolean
  LANGUAGE sql STABLE
  AS $$ SELECT EXISTS (SELECT 1 FROM coalition_roles WHERE user_id = app_user_id() AND role = 'platform_admin') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_coordinated_coalitions() RETURNS uuid[]
  LANGUAGE sql STABLE
  AS $$ SELECT coalesce(array_agg(coalition_id), '{}') FROM coalition_coordinators WHERE user_id = app_user_id() $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_coordinated_communes() RETURNS uuid[]
  LANGUAGE sql STABLE
  AS $$
    SELECT coalesce(array_agg(DISTINCT m.commune_id), '{}')
    FROM coalition_members m JOIN coalition_coordinators c ON c.coalition_id = m.coalition_id
    WHERE c.user_id = app_user_id()
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_sharing_peer_communes() RETURNS uuid[]
  LANGUAGE sql STABLE
  AS $$
    SELECT coalesce(array_agg(DISTINCT other.commune_id), '{}')
    FROM coalition_members mine
    JOIN coalitions c ON c.id = mine.coalition_id AND c.share_results
    JOIN coalition_members other ON other.coalition_id = mine.coalition_id
    WHERE mine.commune_id = app_commune_id()
  $$;
--> statement-breakpoint
ALTER TABLE "coalition_roles" ADD CONSTRAINT "coalition_roles_role_valid" CHECK ("coalition_roles"."role" in ('platform_admin'));--> statement-breakpoint
CREATE POLICY "coalition_coordinators_read" ON "coalition_coordinators" AS PERMISSIVE FOR SELECT TO public USING ("coalition_coordinators"."user_id" = (select app_user_id()) or (select app_is_platform_admin()));--> statement-breakpoint
CREATE POLICY "coalition_coordinators_platform_insert" ON "coalition_coordinators" AS PERMISSIVE FOR INSERT TO public WITH CHECK ((select app_is_platform_admin()));--> statement-breakpoint
CREATE POLICY "coalition_coordinators_platform_delete" ON "coalition_coordinators" AS PERMISSIVE FOR DELETE TO public USING ((select app_is_platform_admin()));--> statement-breakpoint
CREATE POLICY "coalition_members_read_all" ON "coalition_members" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "coalition_members_platform_insert" ON "coalition_members" AS PERMISSIVE FOR INSERT TO public WITH CHECK ((select app_is_platform_admin()));--> statement-breakpoint
CREATE POLICY "coalition_members_platform_delete" ON "coalition_members" AS PERMISSIVE FOR DELETE TO public USING ((select app_is_platform_admin()));--> statement-breakpoint
CREATE POLICY "coalitions_read_all" ON "coalitions" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "coalitions_platform_insert" ON "coalitions" AS PERMISSIVE FOR INSERT TO public WITH CHECK ((select app_is_platform_admin()));--> statement-breakpoint
CREATE POLICY "coalitions_platform_delete" ON "coalitions" AS PERMISSIVE FOR DELETE TO public USING ((select app_is_platform_admin()));--> statement-breakpoint
CREATE POLICY "coalitions_update" ON "coalitions" AS PERMISSIVE FOR UPDATE TO public USING ((select app_is_platform_admin()) or "coalitions"."id" = any(((select app_coordinated_coalitions())::uuid[]))) WITH CHECK ((select app_is_platform_admin()) or "coalitions"."id" = any(((select app_coordinated_coalitions())::uuid[])));--> statement-breakpoint
CREATE POLICY "indicator_values_own" ON "indicator_values" AS PERMISSIVE FOR ALL TO public USING ("indicator_values"."commune_id" = (select app_commune_id())) WITH CHECK ("indicator_values"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "indicator_values_coordinator_read" ON "indicator_values" AS PERMISSIVE FOR SELECT TO public USING ("indicator_values"."commune_id" = any(((select app_coordinated_communes())::uuid[])));--> statement-breakpoint
CREATE POLICY "indicator_values_shared_read" ON "indicator_values" AS PERMISSIVE FOR SELECT TO public USING ("indicator_values"."commune_id" = any(((select app_sharing_peer_communes())::uuid[])));--> statement-breakpoint
CREATE POLICY "indicators_read_all" ON "indicators" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "indicators_write" ON "indicators" AS PERMISSIVE FOR ALL TO public USING ((select app_is_platform_admin()) or "indicators"."coalition_id" = any(((select app_coordinated_coalitions())::uuid[]))) WITH CHECK ((select app_is_platform_admin()) or "indicators"."coalition_id" = any(((select app_coordinated_coalitions())::uuid[])));--> statement-breakpoint
CREATE POLICY "maturity_frameworks_read_all" ON "maturity_frameworks" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "maturity_frameworks_platform_insert" ON "maturity_frameworks" AS PERMISSIVE FOR INSERT TO public WITH CHECK ((select app_is_platform_admin()));--> statement-breakpoint
CREATE POLICY "maturity_frameworks_platform_update" ON "maturity_frameworks" AS PERMISSIVE FOR UPDATE TO public USING ((select app_is_platform_admin())) WITH CHECK ((select app_is_platform_admin()));--> statement-breakpoint
CREATE POLICY "peer_group_members_coordinator" ON "peer_group_members" AS PERMISSIVE FOR ALL TO public USING ("peer_group_members"."coalition_id" = any(((select app_coordinated_coalitions())::uuid[]))) WITH CHECK ("peer_group_members"."coalition_id" = any(((select app_coordinated_coalitions())::uuid[])));--> statement-breakpoint
CREATE POLICY "peer_group_members_own_read" ON "peer_group_members" AS PERMISSIVE FOR SELECT TO public USING ("peer_group_members"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "peer_groups_coordinator" ON "peer_groups" AS PERMISSIVE FOR ALL TO public USING ("peer_groups"."coalition_id" = any(((select app_coordinated_coalitions())::uuid[]))) WITH CHECK ("peer_groups"."coalition_id" = any(((select app_coordinated_coalitions())::uuid[])));--> statement-breakpoint
CREATE POLICY "peer_groups_member_read" ON "peer_groups" AS PERMISSIVE FOR SELECT TO public USING (exists (select 1 from peer_group_members m where m.group_id = "peer_groups"."id" and m.commune_id = (select app_commune_id())));--> statement-breakpoint
CREATE POLICY "roadmap_milestones_own" ON "roadmap_milestones" AS PERMISSIVE FOR ALL TO public USING ("roadmap_milestones"."commune_id" = (select app_commune_id())) WITH CHECK ("roadmap_milestones"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "roadmap_milestones_coordinator_read" ON "roadmap_milestones" AS PERMISSIVE FOR SELECT TO public USING ("roadmap_milestones"."commune_id" = any(((select app_coordinated_communes())::uuid[])));--> statement-breakpoint
CREATE POLICY "self_assessment_answers_own_read" ON "self_assessment_answers" AS PERMISSIVE FOR SELECT TO public USING ("self_assessment_answers"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "self_assessment_answers_own_write" ON "self_assessment_answers" AS PERMISSIVE FOR ALL TO public USING ("self_assessment_answers"."commune_id" = (select app_commune_id()) and exists (select 1 from self_assessments a where a.commune_id = "self_assessment_answers"."commune_id" and a.id = "self_assessment_answers"."assessment_id" and a.status in ('draft', 'returned'))) WITH CHECK ("self_assessment_answers"."commune_id" = (select app_commune_id()) and exists (select 1 from self_assessments a where a.commune_id = "self_assessment_answers"."commune_id" and a.id = "self_assessment_answers"."assessment_id" and a.status in ('draft', 'returned')));--> statement-breakpoint
CREATE POLICY "self_assessment_answers_coordinator_read" ON "self_assessment_answers" AS PERMISSIVE FOR SELECT TO public USING ("self_assessment_answers"."commune_id" = any(((select app_coordinated_communes())::uuid[])) and exists (select 1 from self_assessments a where a.commune_id = "self_assessment_answers"."commune_id" and a.id = "self_assessment_answers"."assessment_id" and a.status in ('submitted', 'returned', 'validated')));--> statement-breakpoint
CREATE POLICY "self_assessment_answers_shared_read" ON "self_assessment_answers" AS PERMISSIVE FOR SELECT TO public USING ("self_assessment_answers"."commune_id" = any(((select app_sharing_peer_communes())::uuid[])) and exists (select 1 from self_assessments a where a.commune_id = "self_assessment_answers"."commune_id" and a.id = "self_assessment_answers"."assessment_id" and a.status in ('submitted', 'validated')));--> statement-breakpoint
CREATE POLICY "self_assessment_events_own_read" ON "self_assessment_events" AS PERMISSIVE FOR SELECT TO public USING ("self_assessment_events"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "self_assessment_events_own_insert" ON "self_assessment_events" AS PERMISSIVE FOR INSERT TO public WITH CHECK ("self_assessment_events"."commune_id" = (select app_commune_id()) and "self_assessment_events"."action" in ('created', 'submitted'));--> statement-breakpoint
CREATE POLICY "self_assessment_events_coordinator_read" ON "self_assessment_events" AS PERMISSIVE FOR SELECT TO public USING ("self_assessment_events"."commune_id" = any(((select app_coordinated_communes())::uuid[])) and exists (select 1 from self_assessments a where a.commune_id = "self_assessment_events"."commune_id" and a.id = "self_assessment_events"."assessment_id" and a.status in ('submitted', 'returned', 'validated')));--> statement-breakpoint
CREATE POLICY "self_assessment_events_coordinator_insert" ON "self_assessment_events" AS PERMISSIVE FOR INSERT TO public WITH CHECK ("self_assessment_events"."commune_id" = any(((select app_coordinated_communes())::uuid[])) and "self_assessment_events"."action" in ('returned', 'validated'));--> statement-breakpoint
CREATE POLICY "self_assessments_own_read" ON "self_assessments" AS PERMISSIVE FOR SELECT TO public USING ("self_assessments"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "self_assessments_own_insert" ON "self_assessments" AS PERMISSIVE FOR INSERT TO public WITH CHECK ("self_assessments"."commune_id" = (select app_commune_id()) and "self_assessments"."status" = 'draft');--> statement-breakpoint
CREATE POLICY "self_assessments_own_update" ON "self_assessments" AS PERMISSIVE FOR UPDATE TO public USING ("self_assessments"."commune_id" = (select app_commune_id())) WITH CHECK ("self_assessments"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "self_assessments_own_delete" ON "self_assessments" AS PERMISSIVE FOR DELETE TO public USING ("self_assessments"."commune_id" = (select app_commune_id()) and "self_assessments"."status" = 'draft');--> statement-breakpoint
CREATE POLICY "self_assessments_coordinator_read" ON "self_assessments" AS PERMISSIVE FOR SELECT TO public USING ("self_assessments"."status" <> 'draft' and "self_assessments"."commune_id" = any(((select app_coordinated_communes())::uuid[])));--> statement-breakpoint
CREATE POLICY "self_assessments_coordinator_review" ON "self_assessments" AS PERMISSIVE FOR UPDATE TO public USING ("self_assessments"."status" = 'submitted' and "self_assessments"."commune_id" = any(((select app_coordinated_communes())::uuid[]))) WITH CHECK ("self_assessments"."status" in ('returned', 'validated') and "self_assessments"."commune_id" = any(((select app_coordinated_communes())::uuid[])));--> statement-breakpoint
CREATE POLICY "self_assessments_shared_read" ON "self_assessments" AS PERMISSIVE FOR SELECT TO public USING ("self_assessments"."status" in ('submitted', 'validated') and "self_assessments"."commune_id" = any(((select app_sharing_peer_communes())::uuid[])));--> statement-breakpoint
ALTER POLICY "users_read_visible" ON "users" TO public USING ("users"."id" = (select app_user_id())
        or lower("users"."email") = (select app_setting('app.auth_email'))
        or exists (select 1 from memberships m where m.user_id = "users"."id" and m.commune_id = (select app_commune_id()))
        or (select app_is_platform_admin()));