import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { communes } from "./communes";
import { createdAt, id, updatedAt } from "./columns";
import { coordinatedCoalitions, currentUser, isPlatformAdmin } from "./rls";
import { users } from "./users";

/**
 * A network of communes (CIAR Chile, RECI Santiago…). A commune may belong to several; each
 * coalition has its own coordinators, who read the progress of its member communes only.
 * Names and member lists are public (the networks announce them); only platform admins change them.
 */
export const coalitions = pgTable(
  "coalitions",
  {
    id: id().primaryKey(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    /** ISO 3166-1 alpha-2; null for a network across countries. */
    country: text("country"),
    description: text("description").notNull().default(""),
    sourceUrl: text("source_url"),
    /** Members see each other's individual results only when the coalition chooses so (off by default). */
    shareResults: boolean("share_results").notNull().default(false),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("coalitions_slug_key").on(t.slug),
    check("coalitions_slug_format", sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]{1,59}$'`),
    check("coalitions_country_iso", sql`${t.country} is null or ${t.country} ~ '^[A-Z]{2}$'`),
    pgPolicy("coalitions_read_all", { for: "select", using: sql`true` }),
    pgPolicy("coalitions_platform_insert", { for: "insert", withCheck: isPlatformAdmin }),
    pgPolicy("coalitions_platform_delete", { for: "delete", using: isPlatformAdmin }),
    // Coordinators decide whether their members share individual results.
    pgPolicy("coalitions_update", {
      for: "update",
      using: sql`${isPlatformAdmin} or ${t.id} = any(${coordinatedCoalitions})`,
      withCheck: sql`${isPlatformAdmin} or ${t.id} = any(${coordinatedCoalitions})`,
    }),
  ],
);

/** Which communes belong to which coalition. */
export const coalitionMembers = pgTable(
  "coalition_members",
  {
    coalitionId: uuid("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    joinedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.coalitionId, t.communeId] }),
    index("coalition_members_commune_idx").on(t.communeId),
    pgPolicy("coalition_members_read_all", { for: "select", using: sql`true` }),
    pgPolicy("coalition_members_platform_insert", { for: "insert", withCheck: isPlatformAdmin }),
    pgPolicy("coalition_members_platform_delete", { for: "delete", using: isPlatformAdmin }),
  ],
);

/**
 * The coalition's coordinators (the foundation's global "coordinator" role, now per coalition:
 * migration 0006 moved every holder to CIAR Chile). What they may read across communes is decided
 * by the database from these rows and app.user_id (see app_coordinated_communes()).
 */
export const coalitionCoordinators = pgTable(
  "coalition_coordinators",
  {
    coalitionId: uuid("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.coalitionId, t.userId] }),
    index("coalition_coordinators_user_idx").on(t.userId),
    pgPolicy("coalition_coordinators_read", {
      for: "select",
      using: sql`${t.userId} = ${currentUser} or ${isPlatformAdmin}`,
    }),
    pgPolicy("coalition_coordinators_platform_insert", { for: "insert", withCheck: isPlatformAdmin }),
    pgPolicy("coalition_coordinators_platform_delete", { for: "delete", using: isPlatformAdmin }),
  ],
);
