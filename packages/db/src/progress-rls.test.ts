import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { populationBand } from "@ciar/domain/format";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Tx } from "./client";
import { migrationsFolder, runMigrations } from "./migrate";
import {
  coalitionCoordinators,
  coalitionMembers,
  coalitionRoles,
  coalitions,
  communes,
  indicators,
  indicatorValues,
  maturityFrameworks,
  peerGroupMembers,
  peerGroups,
  roadmapMilestones,
  selfAssessmentAnswers,
  selfAssessmentEvents,
  selfAssessments,
  users,
} from "./schema/index";
import { seedDemo } from "./seed/demo";
import { rowsOf } from "./rows";
import { applySettings, withAccess, type AccessSettings } from "./tenant-transaction";
import { createTestDatabase, type TestDatabase } from "./testing/test-database";

/*
 * Coalition progress (migrations 0006–0008) at the database level: every query below runs as the
 * app role through withAccess, with the settings the API would set, so only the policies, the
 * triggers and the SECURITY DEFINER statistics stand between a caller and the rows. The owner
 * connection (a superuser: it bypasses RLS) is used only to look up ids and expected values.
 */

let t: TestDatabase;

// Communes (by CUT), coalitions, users and seeded rows the tests refer to.
let laSerena: string; // 04101, CIAR only, region Coquimbo
let coquimbo: string; // 04102, CIAR only, region Coquimbo
let lasCondes: string; // 13114, CIAR only
let maipu: string; // 13119, CIAR and RECI
let penalolen: string; // 13122, CIAR and RECI
let independencia: string; // 13108, RECI only, not activated
let ciar: string;
let reci: string;
let frameworkV1: typeof maturityFrameworks.$inferSelect;
let permitDays: string; // indicator dom_dias_permiso_edificacion of CIAR
let laSerenaDraft: string; // La Serena 2026-Q3, a draft in the seed
let ciarMembers: string[];
let reciMembers: string[];

// Who is calling: the settings the API's tenant doors would set.
let asLaSerena: AccessSettings;
let asCoquimbo: AccessSettings;
let asCiarCoordinator: AccessSettings;
let asReciCoordinator: AccessSettings;
let asPlatformAdmin: AccessSettings;
const asNobody: AccessSettings = { userId: null, communeId: null };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.owner, { nodeEnv: "test" });
  const db = t.owner.db;

  const communeRows = await db.select({ id: communes.id, code: communes.code }).from(communes);
  const commune = (code: string) => communeRows.find((c) => c.code === code)!.id;
  laSerena = commune("04101");
  coquimbo = commune("04102");
  lasCondes = commune("13114");
  maipu = commune("13119");
  penalolen = commune("13122");
  independencia = commune("13108");

  const userRows = await db.select({ id: users.id, email: users.email }).from(users);
  const user = (email: string) => userRows.find((u) => u.email === email)!.id;
  asLaSerena = { communeId: laSerena, userId: user("admin@laserena.example") };
  asCoquimbo = { communeId: coquimbo, userId: user("admin@coquimbo.example") };
  asCiarCoordinator = { communeId: null, userId: user("coordinacion@ciar.example") };
  asReciCoordinator = { communeId: null, userId: user("coordinacion@reci.example") };
  asPlatformAdmin = { communeId: null, userId: user("plataforma@ciar.example") };

  const coalitionRows = await db.select().from(coalitions);
  ciar = coalitionRows.find((c) => c.slug === "ciar-chile")!.id;
  reci = coalitionRows.find((c) => c.slug === "reci-santiago")!.id;
  const members = await db.select().from(coalitionMembers);
  ciarMembers = members.filter((m) => m.coalitionId === ciar).map((m) => m.communeId);
  reciMembers = members.filter((m) => m.coalitionId === reci).map((m) => m.communeId);

  const [framework] = await db
    .select()
    .from(maturityFrameworks)
    .where(and(eq(maturityFrameworks.code, "ciar-madurez-ia"), eq(maturityFrameworks.version, 1)));
  frameworkV1 = framework!;
  const [indicator] = await db
    .select({ id: indicators.id })
    .from(indicators)
    .where(and(eq(indicators.coalitionId, ciar), eq(indicators.code, "dom_dias_permiso_edificacion")));
  permitDays = indicator!.id;
  const [draft] = await db
    .select({ id: selfAssessments.id, status: selfAssessments.status })
    .from(selfAssessments)
    .where(and(eq(selfAssessments.communeId, laSerena), eq(selfAssessments.period, "2026-Q3")));
  // Guards the premise of half of this file: the seed must leave this one as a draft.
  expect(draft?.status).toBe("draft");
  laSerenaDraft = draft!.id;
});
afterAll(() => t?.close());

// ---------------------------------------------------------------------------------------------
// Helpers

/** The rows of a raw query run in `tx`. */
async function query<T>(tx: Tx, statement: SQL): Promise<T[]> {
  return rowsOf<T>(await tx.execute(statement));
}

/** A raw query as one caller, in its own transaction. */
function queryAs<T>(actor: AccessSettings, statement: SQL): Promise<T[]> {
  return withAccess(t.app.db, actor, (tx) => query<T>(tx, statement));
}

/** A raw query as the owner (bypasses RLS): the expected values. */
async function queryAsOwner<T>(statement: SQL): Promise<T[]> {
  return rowsOf<T>(await t.owner.db.execute(statement));
}

/** The error messages of a statement that must fail (drizzle puts the database's in `cause`). */
async function failure(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
  } catch (error) {
    const messages: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
    return messages.join("\n");
  }
  throw new Error("The statement was expected to fail, and it succeeded.");
}

/** A statement that must fail inside a scenario: a savepoint keeps the transaction usable. */
function failureIn<T>(tx: Tx, work: (sp: Tx) => Promise<T>): Promise<string> {
  return failure(tx.transaction(work));
}

class Rollback extends Error {}

/**
 * Several callers taking turns in ONE app-role transaction (settings switched with set_config
 * between steps, as the seed does), rolled back at the end: each test starts from the seed, and a
 * failing one cannot leave state behind for the next.
 */
async function scenario(
  work: (tx: Tx, act: (actor: AccessSettings) => Promise<void>) => Promise<void>,
): Promise<void> {
  try {
    await withAccess(t.app.db, asNobody, async (tx) => {
      await work(tx, (actor) => applySettings(tx, { ...asNobody, ...actor }));
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
}

/** `a, b, c` as a SQL list of uuids, for `in (…)`. */
const uuidList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

const RLS_REFUSED = /row-level security/;
/** La Serena's 2026-Q3 draft (a function: the ids exist only once beforeAll has run). */
const whereDraft = () => and(eq(selfAssessments.communeId, laSerena), eq(selfAssessments.id, laSerenaDraft));

/** Dimension scores for a submission: any valid numbers do, the database only stores them. */
const someScores = () => Object.fromEntries(frameworkV1.definition.dimensions.map((d) => [d.code, 55]));

interface StatsRow {
  period: string;
  metric: string;
  n: number;
  p25: number | null;
  median: number | null;
  p75: number | null;
}
type IndicatorStatsRow = Omit<StatsRow, "metric">;
const indexRowsOf = (rows: StatsRow[]) => rows.filter((r) => r.metric === "index");
const withoutMetric = (rows: StatsRow[]): IndicatorStatsRow[] =>
  rows.map(({ metric: _metric, ...rest }) => rest);

const scoreStats = (coalitionId: string, group: string) =>
  sql`select * from peer_score_stats(${coalitionId}::uuid, ${group})`;
const indicatorStats = (coalitionId: string, group: string, indicatorId: string) =>
  sql`select * from peer_indicator_stats(${coalitionId}::uuid, ${group}, ${indicatorId}::uuid)`;
const peerCommunes = (coalitionId: string, group: string) =>
  sql`select unnest(peer_communes(${coalitionId}::uuid, ${group})) as id`;

// ---------------------------------------------------------------------------------------------

describe("reference data (migration 0008)", () => {
  it("loads framework ciar-madurez-ia v1 with 6 dimensions and 27 questions", async () => {
    const [framework] = await withAccess(t.app.db, asNobody, (tx) =>
      tx
        .select()
        .from(maturityFrameworks)
        .where(and(eq(maturityFrameworks.code, "ciar-madurez-ia"), eq(maturityFrameworks.version, 1))),
    );
    expect(framework!.definition.dimensions).toHaveLength(6);
    expect(framework!.definition.dimensions.flatMap((d) => d.questions)).toHaveLength(27);
  });

  it("loads CIAR Chile's 16 indicators, with the 30-day legal term for building permits", async () => {
    const rows = await withAccess(t.app.db, asNobody, (tx) =>
      tx.select().from(indicators).where(eq(indicators.coalitionId, ciar)),
    );
    expect(rows).toHaveLength(16);
    expect(rows.find((i) => i.code === "dom_dias_permiso_edificacion")).toMatchObject({
      referenceValue: 30,
      direction: "lower_is_better",
    });
  });

  it("froze v1 when the seed's assessments first used it; not even a platform admin can change it", async () => {
    expect(frameworkV1.frozenAt).not.toBeNull();
    const changedDefinition = { ...frameworkV1.definition, title: { es: "cambiado", en: "changed" } };
    // The platform admin passes the update policy, so it is the trigger that refuses.
    const message = await failure(
      withAccess(t.app.db, asPlatformAdmin, (tx) =>
        tx
          .update(maturityFrameworks)
          .set({ definition: changedDefinition })
          .where(eq(maturityFrameworks.id, frameworkV1.id)),
      ),
    );
    expect(message).toMatch(/frozen/);
    // Nor can it be unfrozen to make the change in two steps.
    expect(
      await failure(
        withAccess(t.app.db, asPlatformAdmin, (tx) =>
          tx
            .update(maturityFrameworks)
            .set({ frozenAt: null })
            .where(eq(maturityFrameworks.id, frameworkV1.id)),
        ),
      ),
    ).toMatch(/frozen/);
    // Anyone else does not even reach the trigger: the policy hides the row from the update.
    const byCommune = await withAccess(t.app.db, asLaSerena, (tx) =>
      tx
        .update(maturityFrameworks)
        .set({ definition: changedDefinition })
        .where(eq(maturityFrameworks.id, frameworkV1.id))
        .returning(),
    );
    expect(byCommune).toHaveLength(0);
  });

  it("lets only a platform admin publish a new version, editable until an assessment uses it", async () => {
    const v2 = { code: "ciar-madurez-ia", version: 2, definition: { ...frameworkV1.definition, version: 2 } };
    expect(
      await failure(
        withAccess(t.app.db, asCiarCoordinator, (tx) => tx.insert(maturityFrameworks).values(v2)),
      ),
    ).toMatch(RLS_REFUSED);

    await scenario(async (tx, act) => {
      await act(asPlatformAdmin);
      const [created] = await tx
        .insert(maturityFrameworks)
        .values({ ...v2, createdBy: asPlatformAdmin.userId })
        .returning();
      expect(created!.frozenAt).toBeNull();
      const retitled = { ...v2.definition, title: { es: "Marco v2", en: "Framework v2" } };
      const edited = await tx
        .update(maturityFrameworks)
        .set({ definition: retitled })
        .where(eq(maturityFrameworks.id, created!.id))
        .returning();
      expect(edited).toHaveLength(1);

      // La Serena starts its 2026-Q4 assessment with v2: that freezes it.
      await act(asLaSerena);
      await tx
        .insert(selfAssessments)
        .values({ communeId: laSerena, frameworkId: created!.id, period: "2026-Q4" });
      await act(asPlatformAdmin);
      const [after] = await tx
        .select({ frozenAt: maturityFrameworks.frozenAt })
        .from(maturityFrameworks)
        .where(eq(maturityFrameworks.id, created!.id));
      expect(after!.frozenAt).not.toBeNull();
      expect(
        await failureIn(tx, (sp) =>
          sp
            .update(maturityFrameworks)
            .set({ definition: v2.definition })
            .where(eq(maturityFrameworks.id, created!.id)),
        ),
      ).toMatch(/frozen/);
    });
  });
});

describe("the global coordinator role became a per-coalition role (migration 0006)", () => {
  it("leaves no 'coordinator' in coalition_roles, and the check constraint refuses new ones", async () => {
    const rows = await t.owner.db
      .select()
      .from(coalitionRoles)
      .where(sql`${coalitionRoles.role} = 'coordinator'`);
    expect(rows).toHaveLength(0);
    // As the owner: no policy in the way, only the constraint.
    const message = await failure(
      t.owner.db.execute(
        sql`insert into coalition_roles (user_id, role) values (${asCiarCoordinator.userId}::uuid, 'coordinator')`,
      ),
    );
    expect(message).toMatch(/coalition_roles_role_valid/);
    // The demo coordinators hold their role per coalition instead.
    const coordinators = await t.owner.db.select().from(coalitionCoordinators);
    expect(coordinators).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ coalitionId: ciar, userId: asCiarCoordinator.userId }),
        expect.objectContaining({ coalitionId: reci, userId: asReciCoordinator.userId }),
      ]),
    );
  });

  it("moves every coordinator of a database from before 0006 into CIAR Chile", async () => {
    // A fresh PGlite migrated up to 0005, given a coordinator and a platform admin, then upgraded.
    // Always PGlite (also when the suite runs on PostgreSQL): it tests the migration's data move,
    // not the server.
    const folder = await mkdtemp(path.join(tmpdir(), "ciar-migrations-"));
    const connection = await openDatabase({});
    try {
      const journal = JSON.parse(
        await readFile(path.join(migrationsFolder, "meta/_journal.json"), "utf8"),
      ) as {
        entries: Array<{ tag: string }>;
      };
      const before = journal.entries.slice(
        0,
        journal.entries.findIndex((e) => e.tag.startsWith("0006")),
      );
      expect(before).toHaveLength(6);
      await mkdir(path.join(folder, "meta"));
      await writeFile(
        path.join(folder, "meta/_journal.json"),
        JSON.stringify({ ...journal, entries: before }),
      );
      for (const { tag } of before) {
        await copyFile(path.join(migrationsFolder, `${tag}.sql`), path.join(folder, `${tag}.sql`));
      }
      await migratePglite(connection.db as unknown as PgliteDatabase, { migrationsFolder: folder });

      const [coordinator, admin] = await rowsOf<{ id: string }>(
        await connection.db.execute(sql`
          insert into users (id, email, name, password_hash)
          values (gen_random_uuid(), 'coord@old.example', 'Old coordinator', 'x'),
                 (gen_random_uuid(), 'admin@old.example', 'Old admin', 'x')
          returning id`),
      );
      await connection.db.execute(sql`
        insert into coalition_roles (user_id, role)
        values (${coordinator!.id}::uuid, 'coordinator'), (${admin!.id}::uuid, 'platform_admin')`);

      await runMigrations(connection);

      const roles = rowsOf<{ user_id: string; role: string }>(
        await connection.db.execute(sql`select user_id, role from coalition_roles`),
      );
      expect(roles).toEqual([{ user_id: admin!.id, role: "platform_admin" }]);
      const moved = rowsOf<{ user_id: string; slug: string }>(
        await connection.db.execute(
          sql`select k.user_id, c.slug from coalition_coordinators k join coalitions c on c.id = k.coalition_id`,
        ),
      );
      expect(moved).toEqual([{ user_id: coordinator!.id, slug: "ciar-chile" }]);
    } finally {
      await connection.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe("drafts never leave the commune", () => {
  /** How much of La Serena's 2026-Q3 draft a caller can read. */
  const draftFootprint = (actor: AccessSettings) =>
    withAccess(t.app.db, actor, async (tx) => ({
      assessments: (await tx.select().from(selfAssessments).where(eq(selfAssessments.id, laSerenaDraft)))
        .length,
      answers: (
        await tx
          .select()
          .from(selfAssessmentAnswers)
          .where(eq(selfAssessmentAnswers.assessmentId, laSerenaDraft))
      ).length,
      events: (
        await tx
          .select()
          .from(selfAssessmentEvents)
          .where(eq(selfAssessmentEvents.assessmentId, laSerenaDraft))
      ).length,
    }));
  const nothing = { assessments: 0, answers: 0, events: 0 };

  it("is visible to La Serena, with its 27 answers and its 'created' event", async () => {
    expect(await draftFootprint(asLaSerena)).toEqual({ assessments: 1, answers: 27, events: 1 });
  });

  it("is invisible to the CIAR coordinator, although La Serena is a CIAR member", async () => {
    expect(await draftFootprint(asCiarCoordinator)).toEqual(nothing);
  });

  it("is invisible to Coquimbo, to the RECI coordinator and to a caller without settings", async () => {
    expect(await draftFootprint(asCoquimbo)).toEqual(nothing);
    expect(await draftFootprint(asReciCoordinator)).toEqual(nothing);
    expect(await draftFootprint(asNobody)).toEqual(nothing);
    expect(await draftFootprint({})).toEqual(nothing);
  });

  it("stays invisible to Coquimbo even when CIAR shares results", async () => {
    await scenario(async (tx, act) => {
      await act(asCiarCoordinator);
      await tx.update(coalitions).set({ shareResults: true }).where(eq(coalitions.id, ciar));
      await act(asCoquimbo);
      expect(
        await tx.select().from(selfAssessments).where(eq(selfAssessments.id, laSerenaDraft)),
      ).toHaveLength(0);
      expect(
        await tx
          .select()
          .from(selfAssessmentAnswers)
          .where(eq(selfAssessmentAnswers.assessmentId, laSerenaDraft)),
      ).toHaveLength(0);
    });
  });
});

describe("coordinators read the progress of their own coalition's members", () => {
  /** Everything of one commune's progress a caller can read. */
  const progressOf = (actor: AccessSettings, communeId: string) =>
    withAccess(t.app.db, actor, async (tx) => ({
      assessments: await tx
        .select({ id: selfAssessments.id, status: selfAssessments.status })
        .from(selfAssessments)
        .where(eq(selfAssessments.communeId, communeId)),
      answers: await tx
        .select({ assessmentId: selfAssessmentAnswers.assessmentId })
        .from(selfAssessmentAnswers)
        .where(eq(selfAssessmentAnswers.communeId, communeId)),
      events: await tx
        .select({ assessmentId: selfAssessmentEvents.assessmentId })
        .from(selfAssessmentEvents)
        .where(eq(selfAssessmentEvents.communeId, communeId)),
      indicatorValues: await tx
        .select()
        .from(indicatorValues)
        .where(eq(indicatorValues.communeId, communeId)),
      milestones: await tx.select().from(roadmapMilestones).where(eq(roadmapMilestones.communeId, communeId)),
    }));

  it("the CIAR coordinator sees La Serena's validated assessments with answers, values and milestones", async () => {
    const seen = await progressOf(asCiarCoordinator, laSerena);
    expect(seen.assessments.map((a) => a.status)).toEqual(["validated", "validated", "validated"]);
    const ids = new Set(seen.assessments.map((a) => a.id));
    expect(seen.answers).toHaveLength(3 * 27);
    expect(seen.answers.every((a) => ids.has(a.assessmentId))).toBe(true);
    expect(seen.events.length).toBeGreaterThan(0);
    expect(seen.events.every((e) => ids.has(e.assessmentId))).toBe(true);
    expect(seen.indicatorValues.length).toBeGreaterThan(0);
    expect(seen.milestones).toHaveLength(3);
  });

  it("the CIAR coordinator also sees submitted ones (Las Condes 2026-Q3), but never another commune's draft", async () => {
    const seen = await progressOf(asCiarCoordinator, lasCondes);
    expect(seen.assessments.map((a) => a.status).sort()).toEqual([
      "submitted",
      "validated",
      "validated",
      "validated",
    ]);
    const all = await withAccess(t.app.db, asCiarCoordinator, (tx) =>
      tx.select({ status: selfAssessments.status }).from(selfAssessments),
    );
    expect(all.length).toBeGreaterThan(0);
    expect(all.some((a) => a.status === "draft")).toBe(false);
  });

  it("the RECI coordinator sees nothing at all of La Serena, which is not a RECI member", async () => {
    expect(await progressOf(asReciCoordinator, laSerena)).toEqual({
      assessments: [],
      answers: [],
      events: [],
      indicatorValues: [],
      milestones: [],
    });
  });

  it("the RECI coordinator sees Maipú's validated assessments (Maipú is in both coalitions)", async () => {
    const seen = await progressOf(asReciCoordinator, maipu);
    expect(seen.assessments.map((a) => a.status)).toEqual([
      "validated",
      "validated",
      "validated",
      "validated",
    ]);
    expect(seen.answers).toHaveLength(4 * 27);
    expect(seen.indicatorValues.length).toBeGreaterThan(0);
    expect(seen.milestones.length).toBeGreaterThan(0);
    // And, across all tables, only RECI members.
    const everything = await withAccess(t.app.db, asReciCoordinator, async (tx) => [
      ...(await tx.select({ communeId: selfAssessments.communeId }).from(selfAssessments)),
      ...(await tx.select({ communeId: indicatorValues.communeId }).from(indicatorValues)),
      ...(await tx.select({ communeId: roadmapMilestones.communeId }).from(roadmapMilestones)),
    ]);
    // Renca, Maipú and Peñalolén; Independencia has not activated the platform, so has no rows.
    expect(new Set(everything.map((r) => r.communeId))).toEqual(
      new Set(reciMembers.filter((c) => c !== independencia)),
    );
  });
});

describe("the assessment workflow is held by the database (trigger self_assessments_transition)", () => {
  it("La Serena submits its draft, cannot validate it; RECI cannot either; CIAR can; then it is closed", async () => {
    await scenario(async (tx, act) => {
      await act(asLaSerena);
      const submitted = await tx
        .update(selfAssessments)
        .set({ status: "submitted", scores: someScores(), maturityIndex: 55, submittedAt: new Date() })
        .where(whereDraft())
        .returning({ status: selfAssessments.status });
      expect(submitted).toEqual([{ status: "submitted" }]);

      // The commune passes its own update policy: it is the trigger that refuses self-validation.
      expect(
        await failureIn(tx, (sp) =>
          sp.update(selfAssessments).set({ status: "validated" }).where(whereDraft()),
        ),
      ).toMatch(/submitted -> validated not allowed/);
      // Nor may it touch a submitted assessment otherwise.
      expect(
        await failureIn(tx, (sp) =>
          sp.update(selfAssessments).set({ maturityIndex: 99 }).where(whereDraft()),
        ),
      ).toMatch(/not allowed/);
      expect(
        await tx
          .update(selfAssessmentAnswers)
          .set({ level: 5 })
          .where(eq(selfAssessmentAnswers.assessmentId, laSerenaDraft))
          .returning(),
      ).toHaveLength(0);

      // La Serena is not a RECI member: the RECI coordinator's update matches no row.
      await act(asReciCoordinator);
      expect(
        await tx
          .update(selfAssessments)
          .set({ status: "validated", reviewedBy: asReciCoordinator.userId, reviewedAt: new Date() })
          .where(whereDraft())
          .returning(),
      ).toHaveLength(0);

      await act(asCiarCoordinator);
      // A reviewer may not rescore while validating.
      expect(
        await failureIn(tx, (sp) =>
          sp.update(selfAssessments).set({ status: "validated", maturityIndex: 99 }).where(whereDraft()),
        ),
      ).toMatch(/not allowed/);
      const validated = await tx
        .update(selfAssessments)
        .set({ status: "validated", reviewedBy: asCiarCoordinator.userId, reviewedAt: new Date() })
        .where(whereDraft())
        .returning({ status: selfAssessments.status, maturityIndex: selfAssessments.maturityIndex });
      expect(validated).toEqual([{ status: "validated", maturityIndex: 55 }]);

      // Validated: La Serena's answers are no longer writable, and its status no longer moves.
      await act(asLaSerena);
      const levels = () =>
        tx
          .select({ code: selfAssessmentAnswers.questionCode, level: selfAssessmentAnswers.level })
          .from(selfAssessmentAnswers)
          .where(eq(selfAssessmentAnswers.assessmentId, laSerenaDraft))
          .orderBy(selfAssessmentAnswers.questionCode);
      const levelsBefore = await levels();
      expect(levelsBefore).toHaveLength(27);
      expect(
        await tx
          .update(selfAssessmentAnswers)
          .set({ level: 5, evidence: "changed after validation" })
          .where(eq(selfAssessmentAnswers.assessmentId, laSerenaDraft))
          .returning(),
      ).toHaveLength(0);
      expect(
        await failureIn(tx, (sp) =>
          sp.insert(selfAssessmentAnswers).values({
            communeId: laSerena,
            assessmentId: laSerenaDraft,
            questionCode: "ZZ1",
            level: 5,
          }),
        ),
      ).toMatch(RLS_REFUSED);
      expect(await levels()).toEqual(levelsBefore);
      for (const status of ["draft", "submitted", "returned"] as const) {
        expect(
          await failureIn(tx, (sp) => sp.update(selfAssessments).set({ status }).where(whereDraft())),
        ).toMatch(new RegExp(`validated -> ${status} not allowed`));
      }
      const [after] = await tx.select().from(selfAssessments).where(whereDraft());
      expect(after).toMatchObject({ status: "validated", maturityIndex: 55 });
    });
  });

  it("the RECI coordinator can review its own members' submissions (Peñalolén), not drafts", async () => {
    // The counterpart of the 0 rows above: RECI's review rights work where they apply.
    await scenario(async (tx, act) => {
      await act(asReciCoordinator);
      const reviewed = await tx
        .update(selfAssessments)
        .set({ status: "returned", reviewComment: "Falta evidencia", reviewedBy: asReciCoordinator.userId })
        .where(and(eq(selfAssessments.communeId, penalolen), eq(selfAssessments.period, "2026-Q3")))
        .returning({ status: selfAssessments.status });
      expect(reviewed).toEqual([{ status: "returned" }]);
      // Coquimbo's 2026-Q3 draft is CIAR's, and a draft: out of any coordinator's reach.
      await act(asCiarCoordinator);
      expect(
        await tx
          .update(selfAssessments)
          .set({ status: "validated" })
          .where(and(eq(selfAssessments.communeId, coquimbo), eq(selfAssessments.period, "2026-Q3")))
          .returning(),
      ).toHaveLength(0);
    });
  });

  it("a commune cannot create an assessment already validated, nor record a reviewer's event", async () => {
    const values = {
      communeId: laSerena,
      frameworkId: frameworkV1.id,
      period: "2026-Q4",
      scores: someScores(),
      maturityIndex: 80,
    };
    // All in one rolled-back scenario, so that a regression cannot leave a row behind.
    await scenario(async (tx, act) => {
      await act(asLaSerena);
      // Scored, so that the check constraint is satisfied and only the policy can refuse it.
      expect(
        await failureIn(tx, (sp) => sp.insert(selfAssessments).values({ ...values, status: "validated" })),
      ).toMatch(RLS_REFUSED);
      expect(
        await failureIn(tx, (sp) =>
          sp
            .insert(selfAssessmentEvents)
            .values({ communeId: laSerena, assessmentId: laSerenaDraft, action: "validated" }),
        ),
      ).toMatch(RLS_REFUSED);
      // The same row as a draft is accepted.
      await tx.insert(selfAssessments).values({ ...values, status: "draft" });
      expect(
        await tx
          .select()
          .from(selfAssessments)
          .where(and(eq(selfAssessments.communeId, laSerena), eq(selfAssessments.period, "2026-Q4"))),
      ).toHaveLength(1);
    });
  });
});

describe("peer statistics (SECURITY DEFINER, aggregates only)", () => {
  /** What the statistics should say, computed as the owner from the rows themselves. */
  const expectedIndexStats = (communeIds: string[]) =>
    queryAsOwner<IndicatorStatsRow>(sql`
      select period, count(*)::integer as n,
        percentile_cont(0.25) within group (order by maturity_index) as p25,
        percentile_cont(0.5) within group (order by maturity_index) as median,
        percentile_cont(0.75) within group (order by maturity_index) as p75
      from self_assessments
      where commune_id in (${uuidList(communeIds)})
        and status in ('submitted', 'validated')
      group by period order by period`);

  it("gives Coquimbo the quartiles of CIAR's submitted and validated assessments", async () => {
    const stats = await queryAs<StatsRow>(asCoquimbo, scoreStats(ciar, "coalition"));
    const index = withoutMetric(indexRowsOf(stats));
    expect(index.length).toBe(4);
    for (const row of index) {
      expect(row.n).toBeGreaterThanOrEqual(3);
      expect(row.p25).not.toBeNull();
      expect(row.median).not.toBeNull();
      expect(row.p75).not.toBeNull();
    }
    expect(index).toEqual(await expectedIndexStats(ciarMembers));
    // A dimension score too, read from the stored scores.
    const dimension = frameworkV1.definition.dimensions[1]!.code;
    const expectedDimension = await queryAsOwner<IndicatorStatsRow>(sql`
      select period, count(*)::integer as n,
        percentile_cont(0.25) within group (order by (scores ->> ${dimension})::float8) as p25,
        percentile_cont(0.5) within group (order by (scores ->> ${dimension})::float8) as median,
        percentile_cont(0.75) within group (order by (scores ->> ${dimension})::float8) as p75
      from self_assessments
      where commune_id in (select commune_id from coalition_members where coalition_id = ${ciar}::uuid)
        and status in ('submitted', 'validated')
      group by period order by period`);
    expect(withoutMetric(stats.filter((r) => r.metric === dimension))).toEqual(expectedDimension);
  });

  it("counts only submitted and validated assessments: drafts (La Serena 2026-Q3) and returned ones are left out", async () => {
    const [all] = await queryAsOwner<{ n: number }>(
      sql`select count(*)::integer as n from self_assessments where period = '2026-Q3'
          and commune_id in (select commune_id from coalition_members where coalition_id = ${ciar}::uuid)`,
    );
    const q3 = () =>
      queryAs<StatsRow>(asCoquimbo, scoreStats(ciar, "coalition")).then(
        (rows) => rows.find((r) => r.period === "2026-Q3" && r.metric === "index")!.n,
      );
    const before = await q3();
    expect(before).toBeLessThan(all!.n);
    // Submitting La Serena's draft adds exactly one.
    await scenario(async (tx, act) => {
      await act(asLaSerena);
      await tx
        .update(selfAssessments)
        .set({ status: "submitted", scores: someScores(), maturityIndex: 55 })
        .where(whereDraft());
      await act(asCoquimbo);
      const rows = await query<StatsRow>(tx, scoreStats(ciar, "coalition"));
      expect(rows.find((r) => r.period === "2026-Q3" && r.metric === "index")!.n).toBe(before + 1);
    });
    // The coalition group itself is every member, whatever the state of their assessments.
    const peers = await queryAs<{ id: string }>(asCoquimbo, peerCommunes(ciar, "coalition"));
    expect(peers.map((p) => p.id).sort()).toEqual([...ciarMembers].sort());
  });

  it("withholds the quartiles of the Coquimbo region, which has only 2 demo communes", async () => {
    const peers = await queryAs<{ id: string }>(asCoquimbo, peerCommunes(ciar, "region"));
    expect(peers.map((p) => p.id).sort()).toEqual([laSerena, coquimbo].sort());
    const stats = await queryAs<StatsRow>(asCoquimbo, scoreStats(ciar, "region"));
    expect(stats.length).toBeGreaterThan(0);
    for (const row of stats) expect(row).toMatchObject({ p25: null, median: null, p75: null });
    expect(Math.max(...stats.map((r) => r.n))).toBe(2);
  });

  it("groups by population band as @ciar/domain does", async () => {
    const population = await t.owner.db
      .select({ id: communes.id, population: communes.population })
      .from(communes)
      .where(inArray(communes.id, ciarMembers));
    const own = populationBand(population.find((c) => c.id === coquimbo)!.population!);
    const expected = population.filter((c) => populationBand(c.population!) === own).map((c) => c.id);
    const peers = await queryAs<{ id: string }>(asCoquimbo, peerCommunes(ciar, "band"));
    expect(peers.map((p) => p.id).sort()).toEqual(expected.sort());
  });

  it("answers nothing to a commune outside the coalition, or to a caller without a commune", async () => {
    expect(await queryAs(asLaSerena, scoreStats(reci, "coalition"))).toEqual([]);
    expect(await queryAs(asLaSerena, peerCommunes(reci, "coalition"))).toEqual([]);
    expect(await queryAs(asNobody, scoreStats(ciar, "coalition"))).toEqual([]);
    expect(await queryAs(asCiarCoordinator, scoreStats(ciar, "coalition"))).toEqual([]);
    // Control: a RECI member (Maipú) does get RECI's statistics.
    const maipuStats = await queryAs<StatsRow>({ communeId: maipu }, scoreStats(reci, "coalition"));
    expect(maipuStats.length).toBeGreaterThan(0);
  });

  it("peer_indicator_stats follows the same rules for dom_dias_permiso_edificacion", async () => {
    const stats = await queryAs<IndicatorStatsRow>(asCoquimbo, indicatorStats(ciar, "coalition", permitDays));
    const expected = await queryAsOwner<IndicatorStatsRow>(sql`
      select period, count(*)::integer as n,
        percentile_cont(0.25) within group (order by value) as p25,
        percentile_cont(0.5) within group (order by value) as median,
        percentile_cont(0.75) within group (order by value) as p75
      from indicator_values
      where indicator_id = ${permitDays}::uuid
        and commune_id in (select commune_id from coalition_members where coalition_id = ${ciar}::uuid)
      group by period order by period`);
    expect(stats.length).toBe(4);
    expect(stats.every((r) => r.n >= 3 && r.median !== null)).toBe(true);
    expect(stats).toEqual(expected);

    const region = await queryAs<IndicatorStatsRow>(asCoquimbo, indicatorStats(ciar, "region", permitDays));
    expect(region.length).toBeGreaterThan(0);
    for (const row of region) expect(row).toMatchObject({ n: 2, p25: null, median: null, p75: null });
    expect(await queryAs(asLaSerena, indicatorStats(reci, "coalition", permitDays))).toEqual([]);
    expect(await queryAs(asNobody, indicatorStats(ciar, "coalition", permitDays))).toEqual([]);
  });

  it("cannot be bypassed by reading the rows directly: Coquimbo sees none of La Serena's", async () => {
    const seen = await withAccess(t.app.db, asCoquimbo, async (tx) => ({
      assessments: await tx.select().from(selfAssessments).where(eq(selfAssessments.communeId, laSerena)),
      values: await tx.select().from(indicatorValues).where(eq(indicatorValues.communeId, laSerena)),
    }));
    expect(seen).toEqual({ assessments: [], values: [] });
  });
});

describe("sharing individual results (coalitions.share_results)", () => {
  const laSerenaAsSeenBy = (tx: Tx) =>
    tx
      .select({ id: selfAssessments.id, status: selfAssessments.status })
      .from(selfAssessments)
      .where(eq(selfAssessments.communeId, laSerena));

  it("is off by default: Coquimbo cannot read La Serena's validated assessments", async () => {
    const [coalition] = await t.owner.db.select().from(coalitions).where(eq(coalitions.id, ciar));
    expect(coalition!.shareResults).toBe(false);
    await withAccess(t.app.db, asCoquimbo, async (tx) => {
      expect(await laSerenaAsSeenBy(tx)).toEqual([]);
      expect(
        await tx.select().from(selfAssessmentAnswers).where(eq(selfAssessmentAnswers.communeId, laSerena)),
      ).toEqual([]);
    });
  });

  it("is switched on by CIAR's coordinator only; then members read each other's validated results", async () => {
    await scenario(async (tx, act) => {
      const share = () =>
        tx
          .update(coalitions)
          .set({ shareResults: true })
          .where(eq(coalitions.id, ciar))
          .returning({ shareResults: coalitions.shareResults });
      // Not the RECI coordinator, not a member commune.
      await act(asReciCoordinator);
      expect(await share()).toHaveLength(0);
      await act(asCoquimbo);
      expect(await share()).toHaveLength(0);
      await act(asCiarCoordinator);
      expect(await share()).toEqual([{ shareResults: true }]);

      await act(asCoquimbo);
      const seen = await laSerenaAsSeenBy(tx);
      expect(seen.map((a) => a.status)).toEqual(["validated", "validated", "validated"]);
      expect(seen.map((a) => a.id)).not.toContain(laSerenaDraft);
      const answers = await tx
        .select({ assessmentId: selfAssessmentAnswers.assessmentId })
        .from(selfAssessmentAnswers)
        .where(eq(selfAssessmentAnswers.communeId, laSerena));
      expect(answers).toHaveLength(3 * 27);
      expect(answers.some((a) => a.assessmentId === laSerenaDraft)).toBe(false);
      expect(
        await tx.select().from(indicatorValues).where(eq(indicatorValues.communeId, laSerena)),
      ).not.toHaveLength(0);
      // Sharing is for reading: Coquimbo still cannot write La Serena's rows.
      expect(
        await tx
          .update(selfAssessments)
          .set({ reviewComment: "x" })
          .where(eq(selfAssessments.communeId, laSerena))
          .returning(),
      ).toHaveLength(0);

      // Independencia belongs to RECI only: CIAR's sharing opens nothing to it.
      await act({ communeId: independencia });
      expect(await laSerenaAsSeenBy(tx)).toEqual([]);
    });
  });

  it("the RECI coordinator cannot switch on CIAR's sharing, even committed", async () => {
    const changed = await withAccess(t.app.db, asReciCoordinator, (tx) =>
      tx.update(coalitions).set({ shareResults: true }).where(eq(coalitions.id, ciar)).returning(),
    );
    expect(changed).toHaveLength(0);
    const [coalition] = await t.owner.db.select().from(coalitions).where(eq(coalitions.id, ciar));
    expect(coalition!.shareResults).toBe(false);
  });
});

describe("population bands", () => {
  it("app_population_band in SQL agrees with populationBand of @ciar/domain at every boundary", async () => {
    const populations = [1, 9_999, 10_000, 49_999, 50_000, 99_999, 100_000, 249_999, 250_000, 5_000_000];
    const populationList = sql.join(
      populations.map((p) => sql`${p}::integer`),
      sql`, `,
    );
    const rows = await queryAs<{ population: number; band: string }>(
      asNobody,
      sql`select p as population, app_population_band(p) as band
          from unnest(array[${populationList}]) as p`,
    );
    expect(rows).toEqual(populations.map((population) => ({ population, band: populationBand(population) })));
    const [unknown] = await queryAs<{ band: string | null }>(
      asNobody,
      sql`select app_population_band(null) as band`,
    );
    expect(unknown!.band).toBeNull();
  });
});

describe("custom peer groups", () => {
  it("a coordinator groups its members; other coalitions cannot touch it; members see only their groups", async () => {
    const grouped = [coquimbo, lasCondes, maipu];
    // Expected sizes, per period, of the group's statistics. (Computed before the scenario: on
    // PGlite the owner shares the connection, and would wait for the open transaction.)
    const expected = await queryAsOwner<{ period: string; n: number }>(sql`
      select period, count(*)::integer as n from self_assessments
      where commune_id in (${uuidList(grouped)})
        and status in ('submitted', 'validated')
      group by period order by period`);
    await scenario(async (tx, act) => {
      await act(asCiarCoordinator);
      const [group] = await tx
        .insert(peerGroups)
        .values({ coalitionId: ciar, name: "Comparables (prueba)", createdBy: asCiarCoordinator.userId })
        .returning({ id: peerGroups.id });
      const groupId = group!.id;
      await tx
        .insert(peerGroupMembers)
        .values(grouped.map((communeId) => ({ groupId, coalitionId: ciar, communeId })));

      // The RECI coordinator: neither sees it nor adds to it, nor creates groups in CIAR.
      await act(asReciCoordinator);
      expect(await tx.select().from(peerGroups).where(eq(peerGroups.id, groupId))).toHaveLength(0);
      expect(
        await tx.select().from(peerGroupMembers).where(eq(peerGroupMembers.groupId, groupId)),
      ).toHaveLength(0);
      expect(
        await failureIn(tx, (sp) =>
          sp.insert(peerGroupMembers).values({ groupId, coalitionId: ciar, communeId: penalolen }),
        ),
      ).toMatch(RLS_REFUSED);
      // Claiming its own coalition on the row does not help: the group belongs to CIAR.
      expect(
        await failureIn(tx, (sp) =>
          sp.insert(peerGroupMembers).values({ groupId, coalitionId: reci, communeId: penalolen }),
        ),
      ).toMatch(/peer_group_members_group_fk/);
      expect(
        await failureIn(tx, (sp) => sp.insert(peerGroups).values({ coalitionId: ciar, name: "Intrusa" })),
      ).toMatch(RLS_REFUSED);

      // A member commune sees the group (and its own membership), a non-member does not.
      await act(asCoquimbo);
      expect(await tx.select({ id: peerGroups.id }).from(peerGroups)).toEqual([{ id: groupId }]);
      expect(
        (await tx.select().from(peerGroupMembers).where(eq(peerGroupMembers.groupId, groupId))).map(
          (m) => m.communeId,
        ),
      ).toEqual([coquimbo]);
      await act(asLaSerena);
      expect(await tx.select().from(peerGroups)).toEqual([]);

      // The group works as a statistics group for its members only.
      await act(asCoquimbo);
      const stats = indexRowsOf(await query<StatsRow>(tx, scoreStats(ciar, groupId)));
      expect(stats.map(({ period, n }) => ({ period, n }))).toEqual(expected);
      for (const row of stats) expect(row.median === null).toBe(row.n < 3);
      await act(asLaSerena);
      expect(await query(tx, scoreStats(ciar, groupId))).toEqual([]);
    });
  });
});

describe("hardening (migration 0010)", () => {
  it("gives a group of 3 its median but not its quartiles, which would give every value away", async () => {
    await scenario(async (tx, act) => {
      await act(asCiarCoordinator);
      const [group] = await tx
        .insert(peerGroups)
        .values({ coalitionId: ciar, name: "Tres comunas" })
        .returning({ id: peerGroups.id });
      await tx.insert(peerGroupMembers).values(
        [coquimbo, lasCondes, maipu].map((communeId) => ({
          groupId: group!.id,
          coalitionId: ciar,
          communeId,
        })),
      );
      await act(asCoquimbo);
      const rows = indexRowsOf(await query<StatsRow>(tx, scoreStats(ciar, group!.id)));
      const full = rows.filter((r) => r.n === 3);
      expect(full.length).toBeGreaterThan(0);
      for (const row of full) {
        expect(row.median).not.toBeNull();
        expect([row.p25, row.p75]).toEqual([null, null]);
      }
    });
  });

  it("lets a coordinator switch result sharing, not rename the coalition", async () => {
    await scenario(async (tx, act) => {
      await act(asCiarCoordinator);
      expect(
        await failureIn(tx, (sp) =>
          sp.update(coalitions).set({ name: "Renombrada" }).where(eq(coalitions.id, ciar)),
        ),
      ).toMatch(/only platform admins/);
      const shared = await tx
        .update(coalitions)
        .set({ shareResults: true })
        .where(eq(coalitions.id, ciar))
        .returning({ shareResults: coalitions.shareResults });
      expect(shared).toEqual([{ shareResults: true }]);
      await act(asPlatformAdmin);
      const renamed = await tx
        .update(coalitions)
        .set({ name: "CIAR Chile (renombrada)" })
        .where(eq(coalitions.id, ciar))
        .returning({ name: coalitions.name });
      expect(renamed).toHaveLength(1);
    });
  });

  it("keeps communes of other coalitions out of a coalition's peer groups", async () => {
    await scenario(async (tx, act) => {
      await act(asCiarCoordinator);
      const [group] = await tx
        .insert(peerGroups)
        .values({ coalitionId: ciar, name: "Con intrusa" })
        .returning({ id: peerGroups.id });
      expect(
        await failureIn(tx, (sp) =>
          sp
            .insert(peerGroupMembers)
            .values({ groupId: group!.id, coalitionId: ciar, communeId: independencia }),
        ),
      ).toMatch(/peer_group_members_coalition_member_fk/);
    });
  });

  it("does not let a member of the commune who also coordinates its coalition validate from inside it", async () => {
    await scenario(async (tx, act) => {
      const both = { communeId: laSerena, userId: asCiarCoordinator.userId! };
      await act(both);
      await tx
        .update(selfAssessments)
        .set({ status: "submitted", scores: someScores(), maturityIndex: 55 })
        .where(whereDraft());
      expect(
        await failureIn(tx, (sp) =>
          sp.update(selfAssessments).set({ status: "validated" }).where(whereDraft()),
        ),
      ).toMatch(/submitted -> validated not allowed/);
      // Through the coordinator door (no commune) it is allowed.
      await act(asCiarCoordinator);
      const validated = await tx
        .update(selfAssessments)
        .set({ status: "validated" })
        .where(whereDraft())
        .returning({ status: selfAssessments.status });
      expect(validated).toEqual([{ status: "validated" }]);
    });
  });

  it("records history only in the caller's name and for steps that happened", async () => {
    await scenario(async (tx, act) => {
      await act(asLaSerena);
      const event = (action: "created" | "submitted" | "validated", actorUserId: string | null | undefined) =>
        failureIn(tx, (sp) =>
          sp.insert(selfAssessmentEvents).values({
            communeId: laSerena,
            assessmentId: laSerenaDraft,
            action,
            actorUserId: actorUserId ?? null,
          }),
        );
      // A "submitted" event for a draft, an event in the coordinator's name, a reviewer's event.
      expect(await event("submitted", asLaSerena.userId)).toMatch(RLS_REFUSED);
      expect(await event("created", asCiarCoordinator.userId)).toMatch(RLS_REFUSED);
      expect(await event("validated", asLaSerena.userId)).toMatch(RLS_REFUSED);
      // The real step, in its own name, is recorded.
      await tx.insert(selfAssessmentEvents).values({
        communeId: laSerena,
        assessmentId: laSerenaDraft,
        action: "created",
        actorUserId: asLaSerena.userId!,
      });
      // A coordinator cannot record a review of a draft.
      await act(asCiarCoordinator);
      expect(await event("validated", asCiarCoordinator.userId)).toMatch(RLS_REFUSED);
    });
  });
});
