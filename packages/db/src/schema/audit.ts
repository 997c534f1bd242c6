import { sql } from "drizzle-orm";
import { index, jsonb, pgPolicy, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { communes } from "./communes";
import { createdAt, id } from "./columns";
import { coordinatedCommunes, currentCommune, isPlatformAdmin } from "./rls";

/**
 * Append-only record of every mutation: who, when, what changed. UPDATE, DELETE and TRUNCATE are
 * refused by triggers (migration 0002), which hold even for the table owner.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    /** No foreign key: the record must outlive the account it names. */
    actorUserId: uuid("actor_user_id"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    /** { field: { from, to } } for updates, the created or removed values otherwise. */
    changes: jsonb("changes").$type<Record<string, unknown>>().notNull().default({}),
    requestId: text("request_id"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.id] }),
    index("audit_log_commune_created_idx").on(t.communeId, t.createdAt.desc(), t.id.desc()),
    pgPolicy("audit_log_read", { for: "select", using: sql`${t.communeId} = ${currentCommune}` }),
    pgPolicy("audit_log_insert", { for: "insert", withCheck: sql`${t.communeId} = ${currentCommune}` }),
    // A coordinator's review and a platform admin's coalition change are recorded in the log of the
    // commune they affect (the commune reads them; the writers never read its log).
    pgPolicy("audit_log_coordinator_insert", {
      for: "insert",
      withCheck: sql`${t.communeId} = any(${coordinatedCommunes}) or ${isPlatformAdmin}`,
    }),
  ],
);
