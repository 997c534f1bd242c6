import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { currentCommune, currentUser, isPlatformAdmin, setting } from "./rls";

/**
 * People. Global (not owned by a commune), but personal data: the app role sees a user only as
 * themself, as a member of the active commune, or by the exact e-mail a sign-in or invitation is
 * looking up (app.auth_email); platform admins see everyone (to name coordinators).
 */
export const users = pgTable(
  "users",
  {
    id: id().primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    locale: text("locale", { enum: ["es", "en"] })
      .notNull()
      .default("es"),
    isDemo: boolean("is_demo").notNull().default(false),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    /** Locked platform-wide by a platform admin (migration 0024): no sign-in, no session. */
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    disabledReason: text("disabled_reason"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    pgPolicy("users_read_visible", {
      for: "select",
      using: sql`${t.id} = ${currentUser}
        or lower(${t.email}) = ${setting("app.auth_email")}
        or exists (select 1 from memberships m where m.user_id = ${t.id} and m.commune_id = ${currentCommune})
        or ${isPlatformAdmin}`,
    }),
    pgPolicy("users_insert_by_auth_email", {
      for: "insert",
      withCheck: sql`lower(${t.email}) = ${setting("app.auth_email")}`,
    }),
    pgPolicy("users_update_self", {
      for: "update",
      using: sql`${t.id} = ${currentUser} or lower(${t.email}) = ${setting("app.auth_email")}`,
    }),
    // Locking and unlocking an account (migration 0024).
    pgPolicy("users_platform_update", { for: "update", using: isPlatformAdmin, withCheck: isPlatformAdmin }),
  ],
);

/**
 * Platform-wide roles, granted by operators (CLI), never through the tenant API. Only
 * "platform_admin" remains: coordinators belong to a coalition (coalition_coordinators) since
 * migration 0006.
 */
export const coalitionRoles = pgTable(
  "coalition_roles",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["platform_admin"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.role] }),
    check("coalition_roles_role_valid", sql`${t.role} in ('platform_admin')`),
    pgPolicy("coalition_roles_read_own", { for: "select", using: sql`${t.userId} = ${currentUser}` }),
  ],
);

/**
 * Rotating refresh tokens, stored as SHA-256 hashes. Each sign-in starts a family; using a token
 * replaces it; presenting a used token again is theft, and revokes the whole family.
 */
export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    id: id().primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    familyId: uuid("family_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("refresh_tokens_token_hash_key").on(t.tokenHash),
    index("refresh_tokens_family_idx").on(t.familyId),
    index("refresh_tokens_user_idx").on(t.userId),
    pgPolicy("refresh_tokens_own", {
      for: "all",
      using: sql`${t.userId} = ${currentUser} or ${t.tokenHash} = ${setting("app.refresh_token_hash")}`,
      withCheck: sql`${t.userId} = ${currentUser}`,
    }),
    // Locking an account ends its sessions (migration 0024); UPDATE … WHERE needs to see the rows.
    pgPolicy("refresh_tokens_platform_read", { for: "select", using: isPlatformAdmin }),
    pgPolicy("refresh_tokens_platform_revoke", {
      for: "update",
      using: isPlatformAdmin,
      withCheck: isPlatformAdmin,
    }),
  ],
);
