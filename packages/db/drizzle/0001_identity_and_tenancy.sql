CREATE TABLE "communes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"country" text DEFAULT 'CL' NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"province_code" text,
	"province" text,
	"region_code" text NOT NULL,
	"region" text NOT NULL,
	"region_iso" text NOT NULL,
	"population" integer,
	"population_year" smallint,
	"status" text DEFAULT 'inactive' NOT NULL,
	"activated_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"display_name" text,
	"contact_email" text,
	"website_url" text,
	"default_locale" text DEFAULT 'es' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "communes_country_code_key" UNIQUE("country","code"),
	CONSTRAINT "communes_country_iso" CHECK ("communes"."country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "communes_status_valid" CHECK ("communes"."status" in ('inactive', 'active', 'suspended'))
);
--> statement-breakpoint
ALTER TABLE "communes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "coalition_roles" (
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coalition_roles_user_id_role_pk" PRIMARY KEY("user_id","role"),
	CONSTRAINT "coalition_roles_role_valid" CHECK ("coalition_roles"."role" in ('coordinator', 'platform_admin'))
);
--> statement-breakpoint
ALTER TABLE "coalition_roles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "refresh_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"locale" text DEFAULT 'es' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"last_login_at" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_commune_id_id_pk" PRIMARY KEY("commune_id","id"),
	CONSTRAINT "invitations_role_valid" CHECK ("invitations"."role" in ('admin', 'editor', 'viewer'))
);
--> statement-breakpoint
ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "memberships" (
	"commune_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_commune_id_user_id_pk" PRIMARY KEY("commune_id","user_id"),
	CONSTRAINT "memberships_role_valid" CHECK ("memberships"."role" in ('admin', 'editor', 'viewer'))
);
--> statement-breakpoint
ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_log_commune_id_id_pk" PRIMARY KEY("commune_id","id")
);
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "coalition_roles" ADD CONSTRAINT "coalition_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "refresh_tokens_token_hash_key" ON "refresh_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "refresh_tokens_family_idx" ON "refresh_tokens" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "refresh_tokens_user_idx" ON "refresh_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_open_email_key" ON "invitations" USING btree ("commune_id",lower("email")) WHERE accepted_at is null and revoked_at is null;--> statement-breakpoint
CREATE INDEX "invitations_commune_created_idx" ON "invitations" USING btree ("commune_id","created_at");--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_log_commune_created_idx" ON "audit_log" USING btree ("commune_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE POLICY "communes_read_all" ON "communes" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "communes_update_own" ON "communes" AS PERMISSIVE FOR UPDATE TO public USING ("communes"."id" = (select app_commune_id())) WITH CHECK ("communes"."id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "coalition_roles_read_own" ON "coalition_roles" AS PERMISSIVE FOR SELECT TO public USING ("coalition_roles"."user_id" = (select app_user_id()));--> statement-breakpoint
CREATE POLICY "refresh_tokens_own" ON "refresh_tokens" AS PERMISSIVE FOR ALL TO public USING ("refresh_tokens"."user_id" = (select app_user_id()) or "refresh_tokens"."token_hash" = (select app_setting('app.refresh_token_hash'))) WITH CHECK ("refresh_tokens"."user_id" = (select app_user_id()));--> statement-breakpoint
CREATE POLICY "users_read_visible" ON "users" AS PERMISSIVE FOR SELECT TO public USING ("users"."id" = (select app_user_id())
        or lower("users"."email") = (select app_setting('app.auth_email'))
        or exists (select 1 from memberships m where m.user_id = "users"."id" and m.commune_id = (select app_commune_id())));--> statement-breakpoint
CREATE POLICY "users_insert_by_auth_email" ON "users" AS PERMISSIVE FOR INSERT TO public WITH CHECK (lower("users"."email") = (select app_setting('app.auth_email')));--> statement-breakpoint
CREATE POLICY "users_update_self" ON "users" AS PERMISSIVE FOR UPDATE TO public USING ("users"."id" = (select app_user_id()) or lower("users"."email") = (select app_setting('app.auth_email')));--> statement-breakpoint
CREATE POLICY "invitations_read" ON "invitations" AS PERMISSIVE FOR SELECT TO public USING ("invitations"."commune_id" = (select app_commune_id()) or "invitations"."token_hash" = (select app_setting('app.invitation_token_hash')));--> statement-breakpoint
CREATE POLICY "invitations_insert" ON "invitations" AS PERMISSIVE FOR INSERT TO public WITH CHECK ("invitations"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "invitations_update" ON "invitations" AS PERMISSIVE FOR UPDATE TO public USING ("invitations"."commune_id" = (select app_commune_id())) WITH CHECK ("invitations"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "memberships_read" ON "memberships" AS PERMISSIVE FOR SELECT TO public USING ("memberships"."commune_id" = (select app_commune_id()) or "memberships"."user_id" = (select app_user_id()));--> statement-breakpoint
CREATE POLICY "memberships_insert" ON "memberships" AS PERMISSIVE FOR INSERT TO public WITH CHECK ("memberships"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "memberships_update" ON "memberships" AS PERMISSIVE FOR UPDATE TO public USING ("memberships"."commune_id" = (select app_commune_id())) WITH CHECK ("memberships"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "memberships_delete" ON "memberships" AS PERMISSIVE FOR DELETE TO public USING ("memberships"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "audit_log_read" ON "audit_log" AS PERMISSIVE FOR SELECT TO public USING ("audit_log"."commune_id" = (select app_commune_id()));--> statement-breakpoint
CREATE POLICY "audit_log_insert" ON "audit_log" AS PERMISSIVE FOR INSERT TO public WITH CHECK ("audit_log"."commune_id" = (select app_commune_id()));