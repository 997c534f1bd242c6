-- Hand-written. Runs on PostgreSQL 15+ and on embedded PGlite (18).
--
-- Two-step verification: TOTP (seed sealed by the API's secret box, never in clear), one-time
-- recovery codes (hashed), passkeys (public keys only), and the short-lived single-use challenges
-- of the second sign-in step and of WebAuthn ceremonies (the sign-in token stored hashed).
-- Personal tables, not a commune's: a person reads and changes only their own rows; an admin of a
-- commune may delete the factors of a member of that commune (the lost-factor reset).
ALTER TABLE "communes" ADD COLUMN "two_step_policy" text DEFAULT 'none' NOT NULL;
--> statement-breakpoint
ALTER TABLE "communes" ADD CONSTRAINT "communes_two_step_policy_valid"
  CHECK ("two_step_policy" in ('none', 'admins', 'everyone'));
--> statement-breakpoint
CREATE TABLE "user_totp" (
  "user_id" uuid PRIMARY KEY NOT NULL REFERENCES "users"("id") ON DELETE cascade,
  "secret_sealed" text NOT NULL,
  "confirmed_at" timestamp with time zone,
  "last_used_step" bigint,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  -- The secret box's format ("v1.<iv>.<sealed>"): a seed in clear cannot be written by mistake.
  CONSTRAINT "user_totp_sealed" CHECK ("secret_sealed" LIKE 'v1.%')
);
--> statement-breakpoint
CREATE TABLE "user_recovery_codes" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE cascade,
  "code_hash" text NOT NULL,
  "used_at" timestamp with time zone,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "user_recovery_codes_hashed" CHECK ("code_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE UNIQUE INDEX "user_recovery_codes_hash_key" ON "user_recovery_codes" ("user_id", "code_hash");
--> statement-breakpoint
CREATE TABLE "user_passkeys" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE cascade,
  "credential_id" text NOT NULL,
  "public_key" text NOT NULL,
  "counter" bigint DEFAULT 0 NOT NULL,
  "transports" text[] DEFAULT '{}'::text[] NOT NULL,
  "name" text NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "user_passkeys_credential_key" ON "user_passkeys" ("credential_id");
--> statement-breakpoint
CREATE INDEX "user_passkeys_user_idx" ON "user_passkeys" ("user_id");
--> statement-breakpoint
CREATE TABLE "two_step_challenges" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "user_id" uuid REFERENCES "users"("id") ON DELETE cascade,
  "purpose" text NOT NULL,
  "token_hash" text NOT NULL,
  "webauthn_challenge" text,
  "attempts" integer DEFAULT 0 NOT NULL,
  "expires_at" timestamp with time zone NOT NULL,
  "used_at" timestamp with time zone,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "two_step_challenges_purpose_valid"
    CHECK ("purpose" in ('sign_in', 'passkey_register', 'passkey_sign_in')),
  CONSTRAINT "two_step_challenges_hashed" CHECK ("token_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE UNIQUE INDEX "two_step_challenges_token_hash_key" ON "two_step_challenges" ("token_hash");
--> statement-breakpoint
CREATE INDEX "two_step_challenges_user_idx" ON "two_step_challenges" ("user_id");
--> statement-breakpoint
ALTER TABLE "user_totp" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "user_totp" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "user_recovery_codes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "user_recovery_codes" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "user_passkeys" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "user_passkeys" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "two_step_challenges" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "two_step_challenges" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "user_totp_own" ON "user_totp" AS PERMISSIVE FOR ALL TO public
  USING ("user_id" = (select app_user_id())) WITH CHECK ("user_id" = (select app_user_id()));
--> statement-breakpoint
CREATE POLICY "user_recovery_codes_own" ON "user_recovery_codes" AS PERMISSIVE FOR ALL TO public
  USING ("user_id" = (select app_user_id())) WITH CHECK ("user_id" = (select app_user_id()));
--> statement-breakpoint
CREATE POLICY "user_passkeys_own" ON "user_passkeys" AS PERMISSIVE FOR ALL TO public
  USING ("user_id" = (select app_user_id())) WITH CHECK ("user_id" = (select app_user_id()));
--> statement-breakpoint
-- Password-less sign-in: the credential the browser presented names its account.
CREATE POLICY "user_passkeys_by_credential" ON "user_passkeys" AS PERMISSIVE FOR SELECT TO public
  USING ("credential_id" = (select app_setting('app.passkey_credential_id')));
--> statement-breakpoint
-- The lost-factor reset: an admin of the active commune deletes a member's factors (a DELETE
-- that names its rows needs them visible too, hence the read policies; the API never returns them).
CREATE OR REPLACE FUNCTION app_may_reset_two_step(p_user uuid) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT EXISTS (SELECT 1 FROM memberships a WHERE a.commune_id = app_commune_id()
                   AND a.user_id = app_user_id() AND a.role = 'admin')
       AND EXISTS (SELECT 1 FROM memberships m WHERE m.commune_id = app_commune_id() AND m.user_id = p_user)
  $$;
--> statement-breakpoint
CREATE POLICY "user_totp_reset" ON "user_totp" AS PERMISSIVE FOR DELETE TO public
  USING (app_may_reset_two_step("user_id"));
--> statement-breakpoint
CREATE POLICY "user_totp_reset_read" ON "user_totp" AS PERMISSIVE FOR SELECT TO public
  USING (app_may_reset_two_step("user_id"));
--> statement-breakpoint
CREATE POLICY "user_recovery_codes_reset" ON "user_recovery_codes" AS PERMISSIVE FOR DELETE TO public
  USING (app_may_reset_two_step("user_id"));
--> statement-breakpoint
CREATE POLICY "user_recovery_codes_reset_read" ON "user_recovery_codes" AS PERMISSIVE FOR SELECT TO public
  USING (app_may_reset_two_step("user_id"));
--> statement-breakpoint
CREATE POLICY "user_passkeys_reset" ON "user_passkeys" AS PERMISSIVE FOR DELETE TO public
  USING (app_may_reset_two_step("user_id"));
--> statement-breakpoint
CREATE POLICY "user_passkeys_reset_read" ON "user_passkeys" AS PERMISSIVE FOR SELECT TO public
  USING (app_may_reset_two_step("user_id"));
--> statement-breakpoint
CREATE POLICY "two_step_challenges_access" ON "two_step_challenges" AS PERMISSIVE FOR ALL TO public
  USING ("user_id" = (select app_user_id())
         OR "token_hash" = (select app_setting('app.two_step_token_hash')))
  WITH CHECK ("user_id" = (select app_user_id())
              OR ("user_id" IS NULL AND "token_hash" = (select app_setting('app.two_step_token_hash'))));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "user_totp", "user_recovery_codes", "user_passkeys", "two_step_challenges" TO ciar_app;
--> statement-breakpoint
-- Whether the caller (app.user_id) has a second factor: a confirmed TOTP or a passkey.
CREATE OR REPLACE FUNCTION app_has_second_factor() RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT EXISTS (SELECT 1 FROM user_totp WHERE user_id = app_user_id() AND confirmed_at IS NOT NULL)
        OR EXISTS (SELECT 1 FROM user_passkeys WHERE user_id = app_user_id())
  $$;
--> statement-breakpoint
-- Whether the caller must have one: a platform admin outside the demo seed, or a member of a
-- commune (p_commune, or any when null) whose policy covers their role there.
CREATE OR REPLACE FUNCTION app_two_step_required(p_commune uuid) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT (app_is_platform_admin()
            AND NOT coalesce((SELECT is_demo FROM users WHERE id = app_user_id()), false))
        OR EXISTS (SELECT 1 FROM memberships m JOIN communes c ON c.id = m.commune_id
                   WHERE m.user_id = app_user_id()
                     AND (p_commune IS NULL OR m.commune_id = p_commune)
                     AND (c.two_step_policy = 'everyone'
                          OR (c.two_step_policy = 'admins' AND m.role = 'admin')))
  $$;
