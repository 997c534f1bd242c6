import { sql } from "drizzle-orm";
import { boolean, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { communes } from "./communes";
import { createdAt, updatedAt } from "./columns";
import { users } from "./users";

/**
 * Sign-in with the commune's directory (OpenID Connect), migration 0023 (hand-written, with its
 * row-level security policies). One directory per commune; its client secret only sealed.
 */
export const directoryProviders = pgTable("directory_providers", {
  communeId: uuid("commune_id")
    .primaryKey()
    .references(() => communes.id, { onDelete: "cascade" }),
  kind: text("kind", { enum: ["entra", "google", "keycloak", "claveunica"] }).notNull(),
  issuerUrl: text("issuer_url").notNull(),
  clientId: text("client_id").notNull(),
  /** secretBox.seal(secret, "directory_client_secret:<commune id>"); null: not set. */
  clientSecretSealed: text("client_secret_sealed"),
  allowedDomains: text("allowed_domains")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  defaultRole: text("default_role", { enum: ["admin", "editor", "viewer"] })
    .notNull()
    .default("viewer"),
  enabled: boolean("enabled").notNull().default(false),
  passwordSignInDisabled: boolean("password_sign_in_disabled").notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A sign-in on its way through the provider, found by the SHA-256 of its state; used once. */
export const directorySignInFlows = pgTable("directory_sign_in_flows", {
  stateHash: text("state_hash").primaryKey(),
  communeId: uuid("commune_id")
    .notNull()
    .references(() => communes.id, { onDelete: "cascade" }),
  nonce: text("nonce").notNull(),
  /** secretBox.seal(verifier, "directory_code_verifier:<state hash>"). */
  codeVerifierSealed: text("code_verifier_sealed").notNull(),
  returnTo: text("return_to").notNull().default("/"),
  createdAt: createdAt(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

/** A person ↔ their subject at the commune's directory, kept only as an HMAC (a RUN for ClaveÚnica). */
export const directoryIdentities = pgTable(
  "directory_identities",
  {
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id, { onDelete: "cascade" }),
    subjectHash: text("subject_hash").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    createdAt: createdAt(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.communeId, t.subjectHash] })],
);
