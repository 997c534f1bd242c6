import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { FrameworkDefinition } from "@ciar/domain/progress/framework";
import { coalitionMembers, coalitions } from "./coalitions";
import { communes } from "./communes";
import { createdAt, id, updatedAt } from "./columns";
import {
  coordinatedCoalitions,
  coordinatedCommunes,
  currentCommune,
  currentUser,
  isPlatformAdmin,
  sharingPeers,
} from "./rls";
import { users } from "./users";

const periodFormat = (column: unknown) => sql`${column} ~ '^[0-9]{4}-Q[1-4]$'`;

/**
 * A version of the maturity framework (dimensions, questions, levels 1–5 with descriptors and the
 * public frameworks each question comes from), kept as one validated document. Reference data,
 * readable by everyone. The first assessment that uses a version freezes it (trigger of migration
 * 0006); changing the framework then means publishing a new version.
 */
export const maturityFrameworks = pgTable(
  "maturity_frameworks",
  {
    id: id().primaryKey(),
    code: text("code").notNull(),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<FrameworkDefinition>().notNull(),
    frozenAt: timestamp("frozen_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    unique("maturity_frameworks_code_version_key").on(t.code, t.version),
    check("maturity_frameworks_version_positive", sql`${t.version} > 0`),
    pgPolicy("maturity_frameworks_read_all", { for: "select", using: sql`true` }),
    pgPolicy("maturity_frameworks_platform_insert", { for: "insert", withCheck: isPlatformAdmin }),
    pgPolicy("maturity_frameworks_platform_update", {
      for: "update",
      using: isPlatformAdmin,
      withCheck: isPlatformAdmin,
    }),
  ],
);

/**
 * One commune's self-assessment for one quarter. Drafts never leave the commune, in these policies
 * as in the API; coordinators of a coalition the commune belongs to read it once submitted and
 * move it to returned or validated; members of a coalition that shares results read submitted and
 * validated ones. Scores are computed by @ciar/domain when submitted and stored, so comparisons
 * read one row per commune instead of recomputing answers.
 */
export const selfAssessments = pgTable(
  "self_assessments",
  {
    id: id(),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    frameworkId: uuid("framework_id")
      .notNull()
      .references(() => maturityFrameworks.id),
    period: text("period").notNull(),
    status: text("status", { enum: ["draft", "submitted", "returned", "validated"] })
      .notNull()
      .default("draft"),
    /** Dimension code → score 0–100, set when submitted. */
    scores: jsonb("scores").$type<Record<string, number>>(),
    maturityIndex: doublePrecision("maturity_index"),
    /** Bumped by every save: an autosave from a stale tab is refused instead of overwriting. */
    version: integer("version").notNull().default(1),
    reviewComment: text("review_comment"),
    /** The coordinator's comment per question code, from the last return. */
    questionComments: jsonb("question_comments").$type<Record<string, string>>().notNull().default({}),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedBy: uuid("submitted_by").references(() => users.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    isDemo: boolean("is_demo").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.id] }),
    unique("self_assessments_id_key").on(t.id),
    unique("self_assessments_commune_period_key").on(t.communeId, t.period),
    // Coalition overviews read one period across many communes.
    index("self_assessments_period_idx").on(t.period, t.communeId),
    check("self_assessments_period_format", periodFormat(t.period)),
    check(
      "self_assessments_status_valid",
      sql`${t.status} in ('draft', 'submitted', 'returned', 'validated')`,
    ),
    check(
      "self_assessments_index_range",
      sql`${t.maturityIndex} is null or (${t.maturityIndex} >= 0 and ${t.maturityIndex} <= 100)`,
    ),
    check(
      "self_assessments_scored_when_submitted",
      sql`${t.status} in ('draft', 'returned') or (${t.scores} is not null and ${t.maturityIndex} is not null)`,
    ),
    pgPolicy("self_assessments_own_read", { for: "select", using: sql`${t.communeId} = ${currentCommune}` }),
    pgPolicy("self_assessments_own_insert", {
      for: "insert",
      withCheck: sql`${t.communeId} = ${currentCommune} and ${t.status} = 'draft'`,
    }),
    // Which transitions each side may make is checked by the trigger of migration 0006.
    pgPolicy("self_assessments_own_update", {
      for: "update",
      using: sql`${t.communeId} = ${currentCommune}`,
      withCheck: sql`${t.communeId} = ${currentCommune}`,
    }),
    pgPolicy("self_assessments_own_delete", {
      for: "delete",
      using: sql`${t.communeId} = ${currentCommune} and ${t.status} = 'draft'`,
    }),
    pgPolicy("self_assessments_coordinator_read", {
      for: "select",
      using: sql`${t.status} <> 'draft' and ${t.communeId} = any(${coordinatedCommunes})`,
    }),
    pgPolicy("self_assessments_coordinator_review", {
      for: "update",
      using: sql`${t.status} = 'submitted' and ${t.communeId} = any(${coordinatedCommunes})`,
      withCheck: sql`${t.status} in ('returned', 'validated') and ${t.communeId} = any(${coordinatedCommunes})`,
    }),
    pgPolicy("self_assessments_shared_read", {
      for: "select",
      using: sql`${t.status} in ('submitted', 'validated') and ${t.communeId} = any(${sharingPeers})`,
    }),
  ],
);

/** Whether the parent assessment of a child row is in one of `statuses` (RLS of the parent applies). */
const parentIn = (t: { communeId: unknown; assessmentId: unknown }, statuses: string) =>
  sql`exists (select 1 from self_assessments a where a.commune_id = ${t.communeId} and a.id = ${t.assessmentId} and a.status in (${sql.raw(statuses)}))`;

/** The answer to one question: a level 1–5 (null while a draft is unfinished) and its evidence. */
export const selfAssessmentAnswers = pgTable(
  "self_assessment_answers",
  {
    communeId: uuid("commune_id").notNull(),
    assessmentId: uuid("assessment_id").notNull(),
    questionCode: text("question_code").notNull(),
    level: smallint("level"),
    evidence: text("evidence").notNull().default(""),
    evidenceLinks: text("evidence_links")
      .array()
      .notNull()
      .default(sql`'{}'`),
    comment: text("comment").notNull().default(""),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.assessmentId, t.questionCode] }),
    foreignKey({
      name: "self_assessment_answers_assessment_fk",
      columns: [t.communeId, t.assessmentId],
      foreignColumns: [selfAssessments.communeId, selfAssessments.id],
    }).onDelete("cascade"),
    check("self_assessment_answers_level_range", sql`${t.level} is null or ${t.level} between 1 and 5`),
    pgPolicy("self_assessment_answers_own_read", {
      for: "select",
      using: sql`${t.communeId} = ${currentCommune}`,
    }),
    // Answers change only while the assessment is a draft or was returned.
    pgPolicy("self_assessment_answers_own_write", {
      for: "all",
      using: sql`${t.communeId} = ${currentCommune} and ${parentIn(t, "'draft', 'returned'")}`,
      withCheck: sql`${t.communeId} = ${currentCommune} and ${parentIn(t, "'draft', 'returned'")}`,
    }),
    pgPolicy("self_assessment_answers_coordinator_read", {
      for: "select",
      using: sql`${t.communeId} = any(${coordinatedCommunes}) and ${parentIn(t, "'submitted', 'returned', 'validated'")}`,
    }),
    pgPolicy("self_assessment_answers_shared_read", {
      for: "select",
      using: sql`${t.communeId} = any(${sharingPeers}) and ${parentIn(t, "'submitted', 'validated'")}`,
    }),
  ],
);

/** The assessment's history: each step, who took it, and the comments. Append-only. */
export const selfAssessmentEvents = pgTable(
  "self_assessment_events",
  {
    id: id(),
    communeId: uuid("commune_id").notNull(),
    assessmentId: uuid("assessment_id").notNull(),
    action: text("action", { enum: ["created", "submitted", "returned", "validated"] }).notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    comment: text("comment"),
    questionComments: jsonb("question_comments").$type<Record<string, string>>().notNull().default({}),
    maturityIndex: doublePrecision("maturity_index"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.id] }),
    index("self_assessment_events_assessment_idx").on(t.communeId, t.assessmentId, t.createdAt),
    foreignKey({
      name: "self_assessment_events_assessment_fk",
      columns: [t.communeId, t.assessmentId],
      foreignColumns: [selfAssessments.communeId, selfAssessments.id],
    }).onDelete("cascade"),
    check(
      "self_assessment_events_action_valid",
      sql`${t.action} in ('created', 'submitted', 'returned', 'validated')`,
    ),
    pgPolicy("self_assessment_events_own_read", {
      for: "select",
      using: sql`${t.communeId} = ${currentCommune}`,
    }),
    // An event records a step that happened: in the caller's name, and only once the assessment
    // is in the state the event names (the step's update comes first in the same transaction).
    pgPolicy("self_assessment_events_own_insert", {
      for: "insert",
      withCheck: sql`${t.communeId} = ${currentCommune} and ${t.actorUserId} = ${currentUser}
        and ((${t.action} = 'created' and ${parentIn(t, "'draft'")})
          or (${t.action} = 'submitted' and ${parentIn(t, "'submitted'")}))`,
    }),
    pgPolicy("self_assessment_events_coordinator_read", {
      for: "select",
      using: sql`${t.communeId} = any(${coordinatedCommunes}) and ${parentIn(t, "'submitted', 'returned', 'validated'")}`,
    }),
    pgPolicy("self_assessment_events_coordinator_insert", {
      for: "insert",
      withCheck: sql`${t.communeId} = any(${coordinatedCommunes}) and ${t.actorUserId} = ${currentUser}
        and ((${t.action} = 'returned' and ${parentIn(t, "'returned'")})
          or (${t.action} = 'validated' and ${parentIn(t, "'validated'")}))`,
    }),
  ],
);

/**
 * A coalition's shared indicators (KPIs): what every member measures the same way, with the
 * reference value and source where one exists. Readable by everyone; written by the coalition's
 * coordinators and platform admins.
 */
export const indicators = pgTable(
  "indicators",
  {
    id: id().primaryKey(),
    coalitionId: uuid("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    nameEs: text("name_es").notNull(),
    nameEn: text("name_en").notNull(),
    unit: text("unit").notNull(),
    direction: text("direction", { enum: ["lower_is_better", "higher_is_better"] }).notNull(),
    definitionEs: text("definition_es").notNull(),
    definitionEn: text("definition_en").notNull(),
    referenceValue: doublePrecision("reference_value"),
    referenceNote: text("reference_note").notNull().default(""),
    sourceUrl: text("source_url"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("indicators_coalition_code_key").on(t.coalitionId, t.code),
    check("indicators_direction_valid", sql`${t.direction} in ('lower_is_better', 'higher_is_better')`),
    check("indicators_code_format", sql`${t.code} ~ '^[a-z0-9_]{2,64}$'`),
    pgPolicy("indicators_read_all", { for: "select", using: sql`true` }),
    pgPolicy("indicators_write", {
      for: "all",
      using: sql`${isPlatformAdmin} or ${t.coalitionId} = any(${coordinatedCoalitions})`,
      withCheck: sql`${isPlatformAdmin} or ${t.coalitionId} = any(${coordinatedCoalitions})`,
    }),
  ],
);

/** A commune's value of an indicator for one quarter, with its source. */
export const indicatorValues = pgTable(
  "indicator_values",
  {
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    indicatorId: uuid("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    period: text("period").notNull(),
    value: doublePrecision("value").notNull(),
    source: text("source").notNull(),
    sourceUrl: text("source_url"),
    note: text("note").notNull().default(""),
    isDemo: boolean("is_demo").notNull().default(false),
    recordedBy: uuid("recorded_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.indicatorId, t.period] }),
    // Indicator trends read one indicator across many communes and periods.
    index("indicator_values_indicator_idx").on(t.indicatorId, t.period, t.communeId),
    check("indicator_values_period_format", periodFormat(t.period)),
    check("indicator_values_value_finite", sql`${t.value} > '-Infinity' and ${t.value} < 'Infinity'`),
    pgPolicy("indicator_values_own", {
      for: "all",
      using: sql`${t.communeId} = ${currentCommune}`,
      withCheck: sql`${t.communeId} = ${currentCommune}`,
    }),
    pgPolicy("indicator_values_coordinator_read", {
      for: "select",
      using: sql`${t.communeId} = any(${coordinatedCommunes})`,
    }),
    pgPolicy("indicator_values_shared_read", {
      for: "select",
      using: sql`${t.communeId} = any(${sharingPeers})`,
    }),
  ],
);

/** A step of a commune's roadmap. "Overdue" is computed (due date past, not done or cancelled). */
export const roadmapMilestones = pgTable(
  "roadmap_milestones",
  {
    id: id(),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    dimensionCode: text("dimension_code"),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    status: text("status", { enum: ["planned", "in_progress", "done", "cancelled"] })
      .notNull()
      .default("planned"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    isDemo: boolean("is_demo").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id),
    updatedBy: uuid("updated_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.id] }),
    unique("roadmap_milestones_id_key").on(t.id),
    index("roadmap_milestones_due_idx").on(t.communeId, t.dueDate),
    check(
      "roadmap_milestones_status_valid",
      sql`${t.status} in ('planned', 'in_progress', 'done', 'cancelled')`,
    ),
    pgPolicy("roadmap_milestones_own", {
      for: "all",
      using: sql`${t.communeId} = ${currentCommune}`,
      withCheck: sql`${t.communeId} = ${currentCommune}`,
    }),
    pgPolicy("roadmap_milestones_coordinator_read", {
      for: "select",
      using: sql`${t.communeId} = any(${coordinatedCommunes})`,
    }),
  ],
);

/** A comparison group a coordinator defines inside a coalition ("ciudades puerto", …). */
export const peerGroups = pgTable(
  "peer_groups",
  {
    id: id().primaryKey(),
    coalitionId: uuid("coalition_id")
      .notNull()
      .references(() => coalitions.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("peer_groups_id_coalition_key").on(t.id, t.coalitionId),
    uniqueIndex("peer_groups_name_key").on(t.coalitionId, sql`lower(${t.name})`),
    pgPolicy("peer_groups_coordinator", {
      for: "all",
      using: sql`${t.coalitionId} = any(${coordinatedCoalitions})`,
      withCheck: sql`${t.coalitionId} = any(${coordinatedCoalitions})`,
    }),
    // A member commune sees the groups it is in (to compare itself with them).
    pgPolicy("peer_groups_member_read", {
      for: "select",
      using: sql`exists (select 1 from peer_group_members m where m.group_id = ${t.id} and m.commune_id = ${currentCommune})`,
    }),
  ],
);

/**
 * Members of a custom group. coalition_id is repeated here so that these policies need not read
 * peer_groups (whose own policy reads this table: PostgreSQL refuses recursive policies).
 */
export const peerGroupMembers = pgTable(
  "peer_group_members",
  {
    groupId: uuid("group_id").notNull(),
    coalitionId: uuid("coalition_id").notNull(),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.communeId] }),
    index("peer_group_members_commune_idx").on(t.communeId),
    foreignKey({
      name: "peer_group_members_group_fk",
      columns: [t.groupId, t.coalitionId],
      foreignColumns: [peerGroups.id, peerGroups.coalitionId],
    }).onDelete("cascade"),
    // Only members of the coalition can be in its groups (and leave them when they leave it).
    foreignKey({
      name: "peer_group_members_coalition_member_fk",
      columns: [t.coalitionId, t.communeId],
      foreignColumns: [coalitionMembers.coalitionId, coalitionMembers.communeId],
    }).onDelete("cascade"),
    pgPolicy("peer_group_members_coordinator", {
      for: "all",
      using: sql`${t.coalitionId} = any(${coordinatedCoalitions})`,
      withCheck: sql`${t.coalitionId} = any(${coordinatedCoalitions})`,
    }),
    pgPolicy("peer_group_members_own_read", {
      for: "select",
      using: sql`${t.communeId} = ${currentCommune}`,
    }),
  ],
);
