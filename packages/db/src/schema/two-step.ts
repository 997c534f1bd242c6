import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  integer,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { currentUser, setting } from "./rls";
import { users } from "./users";

/**
 * Two-step verification (migration 0022). Personal, not a commune's: a person reads and changes
 * only their own factors. An admin of a commune may delete (reset) the factors of a member of
 * that same commune: the lost-factor path, checked here and in the API.
 */
// The lost-factor reset (app_may_reset_two_step, migration 0022): the caller is an admin of the
// active commune and the person is a member of it.
const resetByCommuneAdmin = (userId: unknown) => sql`app_may_reset_two_step(${userId})`;

/** The TOTP seed, sealed with the secret box (context "totp:<user id>"); never stored in clear. */
export const userTotp = pgTable(
  "user_totp",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    secretSealed: text("secret_sealed").notNull(),
    /** Null while enrolment waits for its first code. */
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    /** The last time step a code was accepted for: a code is refused at or before it (replay). */
    lastUsedStep: bigint("last_used_step", { mode: "number" }),
    createdAt: createdAt(),
  },
  (t) => [
    pgPolicy("user_totp_own", {
      for: "all",
      using: sql`${t.userId} = ${currentUser}`,
      withCheck: sql`${t.userId} = ${currentUser}`,
    }),
    pgPolicy("user_totp_reset", { for: "delete", using: resetByCommuneAdmin(t.userId) }),
    pgPolicy("user_totp_reset_read", { for: "select", using: resetByCommuneAdmin(t.userId) }),
  ],
);

/** One-time recovery codes: SHA-256 of (user id, code); each used once. */
export const userRecoveryCodes = pgTable(
  "user_recovery_codes",
  {
    id: id().primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("user_recovery_codes_hash_key").on(t.userId, t.codeHash),
    pgPolicy("user_recovery_codes_own", {
      for: "all",
      using: sql`${t.userId} = ${currentUser}`,
      withCheck: sql`${t.userId} = ${currentUser}`,
    }),
    pgPolicy("user_recovery_codes_reset", { for: "delete", using: resetByCommuneAdmin(t.userId) }),
    pgPolicy("user_recovery_codes_reset_read", { for: "select", using: resetByCommuneAdmin(t.userId) }),
  ],
);

/** WebAuthn credentials (passkeys). The public key only: the private key never leaves the device. */
export const userPasskeys = pgTable(
  "user_passkeys",
  {
    id: id().primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** base64url, as the authenticator names it. */
    credentialId: text("credential_id").notNull(),
    /** COSE public key, base64url. */
    publicKey: text("public_key").notNull(),
    counter: bigint("counter", { mode: "number" }).notNull().default(0),
    transports: text("transports")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    name: text("name").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("user_passkeys_credential_key").on(t.credentialId),
    index("user_passkeys_user_idx").on(t.userId),
    pgPolicy("user_passkeys_own", {
      for: "all",
      using: sql`${t.userId} = ${currentUser}`,
      withCheck: sql`${t.userId} = ${currentUser}`,
    }),
    // Password-less sign-in: the credential the browser presented names its account.
    pgPolicy("user_passkeys_by_credential", {
      for: "select",
      using: sql`${t.credentialId} = ${setting("app.passkey_credential_id")}`,
    }),
    pgPolicy("user_passkeys_reset", { for: "delete", using: resetByCommuneAdmin(t.userId) }),
    pgPolicy("user_passkeys_reset_read", { for: "select", using: resetByCommuneAdmin(t.userId) }),
  ],
);

/**
 * Short-lived, single-use challenges: the second step of a sign-in (a token handed to the browser,
 * stored as its SHA-256), and WebAuthn ceremonies (the challenge the authenticator must sign).
 */
export const twoStepChallenges = pgTable(
  "two_step_challenges",
  {
    id: id().primaryKey(),
    /** Null for a password-less passkey sign-in until the credential names the account. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["sign_in", "passkey_register", "passkey_sign_in"] }).notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The WebAuthn challenge (base64url) of a ceremony; null for a sign-in's code step. */
    webauthnChallenge: text("webauthn_challenge"),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("two_step_challenges_token_hash_key").on(t.tokenHash),
    index("two_step_challenges_user_idx").on(t.userId),
    pgPolicy("two_step_challenges_access", {
      for: "all",
      using: sql`${t.userId} = ${currentUser} or ${t.tokenHash} = ${setting("app.two_step_token_hash")}`,
      withCheck: sql`${t.userId} = ${currentUser}
        or (${t.userId} is null and ${t.tokenHash} = ${setting("app.two_step_token_hash")})`,
    }),
  ],
);
