import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import type { Kpi, Transparency } from "@ciar/domain/schemas/use-cases";
import { communes } from "./communes";
import { createdAt, id, updatedAt } from "./columns";
import { coordinatedCommunes, currentCommune } from "./rls";
import { users } from "./users";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * Who may read a use case besides its own commune: published ones with coalition visibility,
 * by any signed-in commune; published public ones, by anyone. Private and unpublished rows never
 * leave the commune. Child tables (versions are private; discussion, endorsements, adoptions
 * are not) reuse this rule by checking that the parent row is visible.
 */
const sharedInCatalog = (t: { status: unknown; visibility: unknown }) =>
  sql`${t.status} = 'published' and (${t.visibility} = 'public' or (${t.visibility} = 'coalition' and ${currentCommune} is not null))`;

/** A commune's AI project. Tenant data, keyed by commune first. */
export const useCases = pgTable(
  "use_cases",
  {
    id: id(),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    problem: text("problem").notNull().default(""),
    solution: text("solution").notNull().default(""),
    serviceArea: text("service_area").notNull(),
    techniques: text("techniques")
      .array()
      .notNull()
      .default(sql`'{}'`),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'`),
    stage: text("stage").notNull().default("idea"),
    visibility: text("visibility").notNull().default("private"),
    status: text("status").notNull().default("draft"),
    license: text("license"),
    repositoryUrl: text("repository_url"),
    dataSources: text("data_sources")
      .array()
      .notNull()
      .default(sql`'{}'`),
    setupCostClp: bigint("setup_cost_clp", { mode: "number" }),
    monthlyCostClp: bigint("monthly_cost_clp", { mode: "number" }),
    kpis: jsonb("kpis").$type<Kpi[]>().notNull().default([]),
    transparency: jsonb("transparency").$type<Transparency>().notNull(),
    sourceUrl: text("source_url"),
    /** Lineage: the use case this one reuses (another commune's). */
    adoptedFromCommuneId: uuid("adopted_from_commune_id"),
    adoptedFromId: uuid("adopted_from_id"),
    version: integer("version").notNull().default(1),
    reviewNote: text("review_note"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    isDemo: boolean("is_demo").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id),
    updatedBy: uuid("updated_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Maintained by a trigger (Spanish stemming, accents ignored): see migration 0005. */
    searchVector: tsvector("search_vector"),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.id] }),
    unique("use_cases_id_key").on(t.id),
    index("use_cases_commune_updated_idx").on(t.communeId, t.updatedAt.desc()),
    index("use_cases_search_idx").using("gin", t.searchVector),
    // The catalog's default order; the expression matches the one the search sorts by.
    index("use_cases_recent_idx").on(
      sql`(coalesce(${t.publishedAt}, ${t.updatedAt})) desc`,
      sql`${t.id} desc`,
    ),
    // Lets totals and facets be counted from the index alone (the RLS predicate's columns first).
    index("use_cases_visibility_facets_idx").on(t.status, t.visibility, t.communeId, t.serviceArea, t.stage),
    index("use_cases_service_area_idx").on(t.serviceArea),
    index("use_cases_techniques_idx").using("gin", t.techniques),
    index("use_cases_adopted_from_idx").on(t.adoptedFromId),
    check(
      "use_cases_stage_valid",
      sql`${t.stage} in ('idea', 'design', 'pilot', 'production', 'scaled', 'retired')`,
    ),
    check("use_cases_visibility_valid", sql`${t.visibility} in ('private', 'coalition', 'public')`),
    check("use_cases_status_valid", sql`${t.status} in ('draft', 'submitted', 'published')`),
    check(
      "use_cases_costs_non_negative",
      sql`coalesce(${t.setupCostClp}, 0) >= 0 and coalesce(${t.monthlyCostClp}, 0) >= 0`,
    ),
    foreignKey({
      name: "use_cases_adopted_from_fk",
      columns: [t.adoptedFromCommuneId, t.adoptedFromId],
      foreignColumns: [t.communeId, t.id],
    }),
    pgPolicy("use_cases_own", {
      for: "all",
      using: sql`${t.communeId} = ${currentCommune}`,
      withCheck: sql`${t.communeId} = ${currentCommune}`,
    }),
    pgPolicy("use_cases_catalog_read", { for: "select", using: sharedInCatalog(t) }),
    // Coordinators count their communes' shared cases (by stage, adoptions); private ones stay private.
    pgPolicy("use_cases_coordinator_read", {
      for: "select",
      using: sql`${t.status} = 'published' and ${t.visibility} <> 'private' and ${t.communeId} = any(${coordinatedCommunes})`,
    }),
  ],
);

/** Every saved edit: a full snapshot and what changed. Private to the owner commune. */
export const useCaseVersions = pgTable(
  "use_case_versions",
  {
    communeId: uuid("commune_id").notNull(),
    useCaseId: uuid("use_case_id").notNull(),
    version: integer("version").notNull(),
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>().notNull(),
    changes: jsonb("changes").$type<Record<string, { from: unknown; to: unknown }>>().notNull().default({}),
    actorUserId: uuid("actor_user_id"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.useCaseId, t.version] }),
    foreignKey({
      name: "use_case_versions_use_case_fk",
      columns: [t.communeId, t.useCaseId],
      foreignColumns: [useCases.communeId, useCases.id],
    }).onDelete("cascade"),
    pgPolicy("use_case_versions_own", {
      for: "all",
      using: sql`${t.communeId} = ${currentCommune}`,
      withCheck: sql`${t.communeId} = ${currentCommune}`,
    }),
  ],
);

/** A use case visible to the caller (its RLS applies inside the policy). */
const parentVisible = (communeColumn: unknown, idColumn: unknown) =>
  sql`exists (select 1 from use_cases u where u.commune_id = ${communeColumn} and u.id = ${idColumn})`;

/**
 * Reuse: the adopter's copy (commune_id, use_case_id) of a source. Readable by whoever sees the
 * source, so that lineage and "how far they got" (stage) show in the catalog without exposing the
 * adopter's private copy itself.
 */
export const adoptions = pgTable(
  "adoptions",
  {
    communeId: uuid("commune_id").notNull(),
    useCaseId: uuid("use_case_id").notNull(),
    sourceCommuneId: uuid("source_commune_id").notNull(),
    sourceUseCaseId: uuid("source_use_case_id").notNull(),
    stage: text("stage").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.useCaseId] }),
    unique("adoptions_one_per_commune").on(t.communeId, t.sourceUseCaseId),
    index("adoptions_source_idx").on(t.sourceUseCaseId),
    foreignKey({
      name: "adoptions_copy_fk",
      columns: [t.communeId, t.useCaseId],
      foreignColumns: [useCases.communeId, useCases.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "adoptions_source_fk",
      columns: [t.sourceCommuneId, t.sourceUseCaseId],
      foreignColumns: [useCases.communeId, useCases.id],
    }),
    pgPolicy("adoptions_read", {
      for: "select",
      using: sql`${t.communeId} = ${currentCommune} or ${parentVisible(t.sourceCommuneId, t.sourceUseCaseId)}`,
    }),
    pgPolicy("adoptions_write_own", {
      for: "insert",
      withCheck: sql`${t.communeId} = ${currentCommune} and ${parentVisible(t.sourceCommuneId, t.sourceUseCaseId)}`,
    }),
    pgPolicy("adoptions_update_own", {
      for: "update",
      using: sql`${t.communeId} = ${currentCommune}`,
      withCheck: sql`${t.communeId} = ${currentCommune}`,
    }),
  ],
);

/** One endorsement per commune and use case. Owned by the endorsing commune. */
export const endorsements = pgTable(
  "endorsements",
  {
    communeId: uuid("commune_id").notNull(),
    useCaseCommuneId: uuid("use_case_commune_id").notNull(),
    useCaseId: uuid("use_case_id").notNull(),
    userId: uuid("user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.useCaseId] }),
    index("endorsements_use_case_idx").on(t.useCaseId),
    foreignKey({
      name: "endorsements_use_case_fk",
      columns: [t.useCaseCommuneId, t.useCaseId],
      foreignColumns: [useCases.communeId, useCases.id],
    }).onDelete("cascade"),
    pgPolicy("endorsements_read", { for: "select", using: parentVisible(t.useCaseCommuneId, t.useCaseId) }),
    pgPolicy("endorsements_insert", {
      for: "insert",
      withCheck: sql`${t.communeId} = ${currentCommune} and ${parentVisible(t.useCaseCommuneId, t.useCaseId)}`,
    }),
    pgPolicy("endorsements_delete", { for: "delete", using: sql`${t.communeId} = ${currentCommune}` }),
  ],
);

/**
 * Questions and comments, threaded one level (parent_id). Owned by the author's commune; readable
 * by whoever sees the use case. The owner commune accepts an answer in `comment_acceptances`.
 */
export const comments = pgTable(
  "use_case_comments",
  {
    id: id(),
    communeId: uuid("commune_id").notNull(),
    useCaseCommuneId: uuid("use_case_commune_id").notNull(),
    useCaseId: uuid("use_case_id").notNull(),
    parentId: uuid("parent_id"),
    kind: text("kind").notNull(),
    body: text("body").notNull(),
    authorUserId: uuid("author_user_id").references(() => users.id),
    /** Shown to other communes, who cannot read the author's account (users RLS). */
    authorName: text("author_name").notNull(),
    createdAt: createdAt(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.id] }),
    unique("use_case_comments_id_key").on(t.id),
    index("use_case_comments_use_case_idx").on(t.useCaseId, t.createdAt),
    check("use_case_comments_kind_valid", sql`${t.kind} in ('question', 'comment', 'answer')`),
    foreignKey({
      name: "use_case_comments_use_case_fk",
      columns: [t.useCaseCommuneId, t.useCaseId],
      foreignColumns: [useCases.communeId, useCases.id],
    }).onDelete("cascade"),
    pgPolicy("use_case_comments_read", {
      for: "select",
      using: parentVisible(t.useCaseCommuneId, t.useCaseId),
    }),
    pgPolicy("use_case_comments_insert", {
      for: "insert",
      withCheck: sql`${t.communeId} = ${currentCommune} and ${parentVisible(t.useCaseCommuneId, t.useCaseId)}`,
    }),
    pgPolicy("use_case_comments_update_own", {
      for: "update",
      using: sql`${t.communeId} = ${currentCommune}`,
      withCheck: sql`${t.communeId} = ${currentCommune}`,
    }),
  ],
);

/** The owner commune's choice of accepted answer for a question on its use case. */
export const commentAcceptances = pgTable(
  "comment_acceptances",
  {
    communeId: uuid("commune_id").notNull(),
    useCaseId: uuid("use_case_id").notNull(),
    questionId: uuid("question_id").notNull(),
    answerId: uuid("answer_id").notNull(),
    acceptedBy: uuid("accepted_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.questionId] }),
    foreignKey({
      name: "comment_acceptances_use_case_fk",
      columns: [t.communeId, t.useCaseId],
      foreignColumns: [useCases.communeId, useCases.id],
    }).onDelete("cascade"),
    pgPolicy("comment_acceptances_read", { for: "select", using: parentVisible(t.communeId, t.useCaseId) }),
    pgPolicy("comment_acceptances_write_own", {
      for: "all",
      using: sql`${t.communeId} = ${currentCommune}`,
      withCheck: sql`${t.communeId} = ${currentCommune}`,
    }),
  ],
);

/**
 * The owner commune's inbox: its use case was adopted, asked about, commented or endorsed.
 * Another commune may write one, only in its own name (actor_commune_id); only the recipient
 * reads and marks them.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    kind: text("kind").notNull(),
    useCaseId: uuid("use_case_id"),
    actorCommuneId: uuid("actor_commune_id").notNull(),
    actorUserId: uuid("actor_user_id"),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.id] }),
    index("notifications_commune_created_idx").on(t.communeId, t.id.desc()),
    check(
      "notifications_kind_valid",
      sql`${t.kind} in ('adopted', 'question', 'comment', 'answer', 'endorsed')`,
    ),
    pgPolicy("notifications_read_own", { for: "select", using: sql`${t.communeId} = ${currentCommune}` }),
    pgPolicy("notifications_send_as_self", {
      for: "insert",
      withCheck: sql`${t.actorCommuneId} = ${currentCommune}`,
    }),
    pgPolicy("notifications_mark_own", {
      for: "update",
      using: sql`${t.communeId} = ${currentCommune}`,
      withCheck: sql`${t.communeId} = ${currentCommune}`,
    }),
  ],
);
