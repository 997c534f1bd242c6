import { sql } from "drizzle-orm";
import { index, jsonb, pgPolicy, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { currentUser, isPlatformAdmin } from "./rls";

/**
 * The platform's own append-only log (migration 0020): events about a person's account (password,
 * two-step verification, sessions, directory sign-in, platform lock) and platform-wide
 * administration. Commune events stay in `audit_log`. Platform admins read all of it; a person
 * reads what concerns their own account.
 */
export const platformAuditLog = pgTable(
  "platform_audit_log",
  {
    id: id().primaryKey(),
    /** No foreign keys: the record must outlive the accounts it names. Null: no signed-in actor. */
    actorUserId: uuid("actor_user_id"),
    subjectUserId: uuid("subject_user_id"),
    action: text("action").notNull(),
    changes: jsonb("changes").$type<Record<string, unknown>>().notNull().default({}),
    requestId: text("request_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
  },
  (t) => [
    index("platform_audit_log_created_idx").on(t.createdAt.desc(), t.id.desc()),
    index("platform_audit_log_subject_idx").on(t.subjectUserId, t.createdAt.desc()),
    pgPolicy("platform_audit_log_read", {
      for: "select",
      using: sql`${t.subjectUserId} = ${currentUser} or ${isPlatformAdmin}`,
    }),
    pgPolicy("platform_audit_log_insert", {
      for: "insert",
      withCheck: sql`${t.actorUserId} = ${currentUser} or ${isPlatformAdmin}
        or (${t.actorUserId} is null and ${t.subjectUserId} = ${currentUser})`,
    }),
  ],
);
