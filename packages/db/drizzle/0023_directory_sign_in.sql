-- Hand-written. Runs on PostgreSQL 15+ and on embedded PGlite (18).
--
-- Sign-in with the commune's directory (OpenID Connect): the commune's provider, the pending
-- sign-ins (state → nonce and PKCE verifier, single use, short-lived), and the link between a
-- person and their identity at the provider. See docs/identity.md.

-- One directory per commune. The client secret is sealed (AES-256-GCM, context bound to the
-- commune: services/crypto/secret-box.ts); it is never returned to a client.
CREATE TABLE "directory_providers" (
  "commune_id" uuid PRIMARY KEY NOT NULL REFERENCES "communes"("id") ON DELETE CASCADE,
  "kind" text NOT NULL,
  "issuer_url" text NOT NULL,
  "client_id" text NOT NULL,
  "client_secret_sealed" text,
  "allowed_domains" text[] DEFAULT '{}'::text[] NOT NULL,
  "default_role" text DEFAULT 'viewer' NOT NULL,
  "enabled" boolean DEFAULT false NOT NULL,
  "password_sign_in_disabled" boolean DEFAULT false NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "directory_providers_kind_valid" CHECK ("kind" in ('entra', 'google', 'keycloak', 'claveunica')),
  CONSTRAINT "directory_providers_role_valid" CHECK ("default_role" in ('admin', 'editor', 'viewer')),
  -- Password sign-in can only be turned off while the directory is on: no commune locks itself out.
  CONSTRAINT "directory_providers_password_needs_directory" CHECK (NOT "password_sign_in_disabled" OR "enabled")
);
--> statement-breakpoint
CREATE INDEX "directory_providers_domains_idx" ON "directory_providers" USING gin ("allowed_domains");
--> statement-breakpoint
ALTER TABLE "directory_providers" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "directory_providers" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The active commune (its admin through the tenant door; the directory door once a pending
-- sign-in named the commune) reads and writes its own row.
CREATE POLICY "directory_providers_own" ON "directory_providers" AS PERMISSIVE FOR ALL TO public
  USING ("commune_id" = (select app_commune_id()))
  WITH CHECK ("commune_id" = (select app_commune_id()));
--> statement-breakpoint
-- Discovery on the sign-in page: an enabled directory whose allowed domains hold the domain of
-- the e-mail being looked up (app.auth_email).
CREATE POLICY "directory_providers_by_email_domain" ON "directory_providers" AS PERMISSIVE FOR SELECT TO public
  USING ("enabled" AND split_part((select app_setting('app.auth_email')), '@', 2) = any("allowed_domains"));
--> statement-breakpoint
-- Password sign-in asks whether one of the person's communes turned passwords off.
CREATE POLICY "directory_providers_member_read" ON "directory_providers" AS PERMISSIVE FOR SELECT TO public
  USING (exists (select 1 from memberships m where m.commune_id = "directory_providers"."commune_id"
                 and m.user_id = (select app_user_id())));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "directory_providers" TO ciar_app;
--> statement-breakpoint

-- A sign-in on its way through the provider: found only by the SHA-256 of its state (the value
-- travels in the provider's redirect), used once (used_at), valid ten minutes. The PKCE verifier
-- is sealed, bound to the state's hash.
CREATE TABLE "directory_sign_in_flows" (
  "state_hash" text PRIMARY KEY NOT NULL,
  "commune_id" uuid NOT NULL REFERENCES "communes"("id") ON DELETE CASCADE,
  "nonce" text NOT NULL,
  "code_verifier_sealed" text NOT NULL,
  "return_to" text DEFAULT '/' NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "expires_at" timestamp with time zone NOT NULL,
  "used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "directory_sign_in_flows_expires_idx" ON "directory_sign_in_flows" ("expires_at");
--> statement-breakpoint
ALTER TABLE "directory_sign_in_flows" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "directory_sign_in_flows" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "directory_sign_in_flows_start" ON "directory_sign_in_flows" AS PERMISSIVE FOR INSERT TO public
  WITH CHECK ("commune_id" = (select app_commune_id()));
--> statement-breakpoint
CREATE POLICY "directory_sign_in_flows_by_state" ON "directory_sign_in_flows" AS PERMISSIVE FOR SELECT TO public
  USING ("state_hash" = (select app_setting('app.directory_state_hash')));
--> statement-breakpoint
CREATE POLICY "directory_sign_in_flows_use" ON "directory_sign_in_flows" AS PERMISSIVE FOR UPDATE TO public
  USING ("state_hash" = (select app_setting('app.directory_state_hash')))
  WITH CHECK ("state_hash" = (select app_setting('app.directory_state_hash')));
--> statement-breakpoint
-- Starting a sign-in sweeps the commune's expired ones (never a live one).
CREATE POLICY "directory_sign_in_flows_sweep" ON "directory_sign_in_flows" AS PERMISSIVE FOR DELETE TO public
  USING ("commune_id" = (select app_commune_id()) AND "expires_at" < now());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "directory_sign_in_flows" TO ciar_app;
--> statement-breakpoint

-- A person ↔ their identity at the commune's directory. The subject is kept only as an HMAC
-- (key derived from DATA_ENCRYPTION_KEY): for ClaveÚnica it is the person's RUN, which the
-- platform never stores in clear nor shows.
CREATE TABLE "directory_identities" (
  "commune_id" uuid NOT NULL REFERENCES "communes"("id") ON DELETE CASCADE,
  "subject_hash" text NOT NULL,
  "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "kind" text NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "last_sign_in_at" timestamp with time zone DEFAULT now() NOT NULL,
  PRIMARY KEY ("commune_id", "subject_hash")
);
--> statement-breakpoint
CREATE INDEX "directory_identities_user_idx" ON "directory_identities" ("user_id");
--> statement-breakpoint
ALTER TABLE "directory_identities" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "directory_identities" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "directory_identities_own_commune" ON "directory_identities" AS PERMISSIVE FOR ALL TO public
  USING ("commune_id" = (select app_commune_id()))
  WITH CHECK ("commune_id" = (select app_commune_id()));
--> statement-breakpoint
-- A person sees their own links (Mi cuenta: connected directory).
CREATE POLICY "directory_identities_own_user" ON "directory_identities" AS PERMISSIVE FOR SELECT TO public
  USING ("user_id" = (select app_user_id()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "directory_identities" TO ciar_app;
--> statement-breakpoint

-- A refused directory sign-in (expired, reused or forged state) names no account: the directory
-- door records it with neither actor nor subject, and only as a directory event.
CREATE POLICY "platform_audit_log_directory_refusal" ON "platform_audit_log" AS PERMISSIVE FOR INSERT TO public
  WITH CHECK ("actor_user_id" IS NULL AND "subject_user_id" IS NULL
              AND "action" = 'directory.sign_in_refused'
              AND (select app_setting('app.directory_state_hash')) IS NOT NULL);
