import { sql } from "drizzle-orm";
import {
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
import { communes } from "./communes";
import { createdAt, id, updatedAt } from "./columns";
import { currentCommune, currentUser, isPlatformAdmin, setting } from "./rls";
import { users } from "./users";

const roleCheck = (column: unknown) => sql`${column} in ('admin', 'editor', 'viewer')`;

/** A user's role in one commune. Tenant data: keyed by commune first (Citus distribution column). */
export const memberships = pgTable(
  "memberships",
  {
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["admin", "editor", "viewer"] }).notNull(),
    /** Set while a commune admin has suspended this member's access (migration 0024). */
    suspendedAt: timestamp("suspended_at", { withTimezone: true }),
    suspendedBy: uuid("suspended_by").references(() => users.id, { onDelete: "set null" }),
    suspensionReason: text("suspension_reason"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.userId] }),
    index("memberships_user_idx").on(t.userId),
    check("memberships_role_valid", roleCheck(t.role)),
    // A user sees the memberships of the active commune, and their own in every commune
    // (to list the communes they can switch to). Writes only inside the active commune.
    pgPolicy("memberships_read", {
      for: "select",
      using: sql`${t.communeId} = ${currentCommune} or ${t.userId} = ${currentUser}`,
    }),
    pgPolicy("memberships_insert", { for: "insert", withCheck: sql`${t.communeId} = ${currentCommune}` }),
    pgPolicy("memberships_update", {
      for: "update",
      using: sql`${t.communeId} = ${currentCommune}`,
      withCheck: sql`${t.communeId} = ${currentCommune}`,
    }),
    pgPolicy("memberships_delete", { for: "delete", using: sql`${t.communeId} = ${currentCommune}` }),
    // A person's memberships in every commune, for the platform's people page.
    pgPolicy("memberships_platform_read", { for: "select", using: isPlatformAdmin }),
  ],
);

/**
 * Single-use invitations. The token is only ever stored hashed; whoever holds the link can look
 * the invitation up by that hash (app.invitation_token_hash) before belonging to the commune.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    email: text("email").notNull(),
    role: text("role", { enum: ["admin", "editor", "viewer"] }).notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by")
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.id] }),
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    // At most one open invitation per e-mail and commune.
    uniqueIndex("invitations_open_email_key")
      .on(t.communeId, sql`lower(${t.email})`)
      .where(sql`accepted_at is null and revoked_at is null`),
    index("invitations_commune_created_idx").on(t.communeId, t.createdAt),
    check("invitations_role_valid", roleCheck(t.role)),
    pgPolicy("invitations_read", {
      for: "select",
      using: sql`${t.communeId} = ${currentCommune} or ${t.tokenHash} = ${setting("app.invitation_token_hash")}`,
    }),
    pgPolicy("invitations_insert", { for: "insert", withCheck: sql`${t.communeId} = ${currentCommune}` }),
    pgPolicy("invitations_update", {
      for: "update",
      using: sql`${t.communeId} = ${currentCommune}`,
      withCheck: sql`${t.communeId} = ${currentCommune}`,
    }),
  ],
);
