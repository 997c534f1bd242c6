/**
 * Coalition progress at national scale: a coalition of all 346 Chilean communes with 8 quarters of
 * validated self-assessments (27 answers each), 6 indicators and a few shared use cases each, in a
 * fresh database; then times the coordinator overview and one indicator trend through the real
 * RLS transaction (as ciar_app, app.user_id = a coordinator) and prints p50/p95.
 * Embedded PGlite by default; BENCH_DATABASE_URL (a role that may CREATE DATABASE, as
 * TEST_DATABASE_URL) measures PostgreSQL, where the goal is p95 under 50 ms.
 *
 *   pnpm --filter @ciar/api bench:progress
 *   BENCH_DATABASE_URL=postgres://… pnpm --filter @ciar/api bench:progress
 */
import { performance } from "node:perf_hooks";
import {
  coalitionCoordinators,
  coalitionMembers,
  coalitions,
  communes,
  indicatorValues,
  indicators,
  maturityFrameworks,
  selfAssessmentAnswers,
  selfAssessments,
  useCases,
  users,
} from "@ciar/db/schema";
import { demoLevels, demoNoise } from "@ciar/db/seed";
import { applySettings, withAccess } from "@ciar/db/tenant-transaction";
import { createTestDatabase } from "@ciar/db/testing";
import { formatPeriod } from "@ciar/domain/progress/periods";
import { scoreAssessment } from "@ciar/domain/progress/scoring";
import { STAGES } from "@ciar/domain/use-cases";
import { eq, inArray, sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { indicatorTrend } from "../src/services/comparisons/indicator-trend";
import { coalitionOverview } from "../src/services/comparisons/overview";

const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const QUARTERS = 8;
if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;

const PERIODS = Array.from({ length: QUARTERS }, (_, i) =>
  formatPeriod(2024 + Math.floor((i + 3) / 4), ((i + 3) % 4) + 1),
);
const INDICATOR_CODES = [
  "dom_dias_permiso_edificacion",
  "oirs_dias_respuesta",
  "tramites_en_linea_pct",
  "ia_casos_produccion",
  "funcionarios_capacitados_ia_pct",
  "sai_dias_respuesta",
];

type Db = Awaited<ReturnType<typeof createTestDatabase>>;

async function seed(db: Db) {
  const started = performance.now();
  const owner = db.owner.db;
  const [ciar] = await owner
    .select({ id: coalitions.id })
    .from(coalitions)
    .where(eq(coalitions.slug, "ciar-chile"));
  const [framework] = await owner.select().from(maturityFrameworks).where(eq(maturityFrameworks.version, 1));
  const all = await owner.select({ id: communes.id, code: communes.code }).from(communes);
  const ciarIndicators = await owner
    .select({ id: indicators.id, code: indicators.code })
    .from(indicators)
    .where(inArray(indicators.code, INDICATOR_CODES));
  await owner.insert(coalitionMembers).values(all.map((c) => ({ coalitionId: ciar!.id, communeId: c.id })));
  const [coordinator] = await owner
    .insert(users)
    .values({ email: "bench-coordinator@ciar.example", name: "Bench", passwordHash: "x" })
    .returning({ id: users.id });
  await owner.insert(coalitionCoordinators).values({ coalitionId: ciar!.id, userId: coordinator!.id });

  let answers = 0;
  for (const commune of all) {
    await owner.transaction(async (tx) => {
      await applySettings(tx, { communeId: commune.id });
      const rows = PERIODS.map((period, i) => {
        const levels = demoLevels(framework!.definition, commune.code, i);
        const score = scoreAssessment(framework!.definition, levels);
        return {
          assessment: {
            id: uuidv7(),
            communeId: commune.id,
            frameworkId: framework!.id,
            period,
            status: "validated" as const,
            scores: Object.fromEntries(score.dimensions.map((d) => [d.code, d.score ?? 0])),
            maturityIndex: score.index,
            submittedAt: new Date(),
            reviewedAt: new Date(),
          },
          levels,
        };
      });
      await tx.insert(selfAssessments).values(rows.map((r) => r.assessment));
      const answerRows = rows.flatMap((r) =>
        Object.entries(r.levels).map(([questionCode, level]) => ({
          communeId: commune.id,
          assessmentId: r.assessment.id,
          questionCode,
          level,
        })),
      );
      await tx.insert(selfAssessmentAnswers).values(answerRows);
      answers += answerRows.length;
      await tx.insert(indicatorValues).values(
        PERIODS.flatMap((period, i) =>
          ciarIndicators.map((indicator) => ({
            communeId: commune.id,
            indicatorId: indicator.id,
            period,
            value: Math.round(demoNoise(`${commune.code}:${indicator.code}:${i}`) * 100),
            source: "benchmark",
          })),
        ),
      );
      await tx.insert(useCases).values(
        Array.from({ length: 3 }, (_, k) => ({
          communeId: commune.id,
          title: `Caso ${commune.code}-${k}`,
          summary: "Caso de prueba de rendimiento.",
          serviceArea: "gestion_interna",
          stage: STAGES[k % 5]!,
          visibility: k === 2 ? "private" : "coalition",
          status: k === 2 ? "draft" : "published",
          kpis: [],
          transparency: {
            purpose: "",
            legalBasis: "",
            personalData: [],
            decisionMode: "human_review" as const,
            riskLevel: "low" as const,
            responsibleUnit: "",
            contactEmail: null,
          },
        })),
      );
    });
  }
  await owner.execute(sql`vacuum analyze`);
  console.log(
    `seeded ${all.length} communes × ${QUARTERS} quarters: ${(all.length * QUARTERS).toLocaleString("en")} assessments, ${answers.toLocaleString("en")} answers, ${(all.length * QUARTERS * ciarIndicators.length).toLocaleString("en")} indicator values in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const dom = ciarIndicators.find((i) => i.code === "dom_dias_permiso_edificacion")!;
  return { coalitionId: ciar!.id, coordinatorId: coordinator!.id, indicatorId: dom.id };
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(label: string, work: () => Promise<unknown>) {
  const times: number[] = [];
  for (let run = 0; run < RUNS + 5; run++) {
    const started = performance.now();
    await work();
    if (run >= 5) times.push(performance.now() - started); // the first runs warm the caches
  }
  console.log(`| ${label} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`);
}

async function main() {
  console.log(`Coalition progress benchmark: 346 communes × ${QUARTERS} quarters, ${RUNS} runs per query`);
  const db = await createTestDatabase();
  try {
    console.log(`database: ${db.kind}`);
    const { coalitionId, coordinatorId, indicatorId } = await seed(db);
    const asCoordinator = <T>(work: Parameters<typeof withAccess<T>>[2]) =>
      withAccess(db.app.db, { userId: coordinatorId }, work);
    const check = await asCoordinator((tx) => coalitionOverview(tx, coalitionId, {}));
    console.log(
      `overview: period ${check.period}, ${check.communes.length} communes, ${check.communes.filter((c) => c.maturityIndex !== null).length} with data`,
    );
    console.log("\n| query | p50 ms | p95 ms |\n|---|---:|---:|");
    await time("coordinator overview (latest quarter, whole coalition)", () =>
      asCoordinator((tx) => coalitionOverview(tx, coalitionId, {})),
    );
    await time("coordinator overview (2025-Q2, region group)", () =>
      asCoordinator((tx) =>
        coalitionOverview(tx, coalitionId, { period: "2025-Q2", group: "region", groupKey: "13" }),
      ),
    );
    await time("indicator trend (DOM permit days, 8 quarters)", () =>
      asCoordinator((tx) => indicatorTrend(tx, coalitionId, indicatorId, {})),
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
