/**
 * Catalog search at scale: seeds N use cases (default 100,000) across all 346 communes in a fresh
 * database, then times catalog.search's service through the real RLS transaction and prints
 * p50/p95 per query shape. Embedded PGlite by default; BENCH_DATABASE_URL (a role that may
 * CREATE DATABASE, as TEST_DATABASE_URL) measures PostgreSQL.
 *
 *   pnpm --filter @ciar/api bench:catalog            # PGlite
 *   BENCH_DATABASE_URL=postgres://… BENCH_USE_CASES=100000 pnpm --filter @ciar/api bench:catalog
 */
import { performance } from "node:perf_hooks";
import type { Tx } from "@ciar/db/client";
import { adoptions, communes, endorsements, useCases } from "@ciar/db/schema";
import { rowsOf } from "@ciar/db/rows";
import { applySettings, withAccess } from "@ciar/db/tenant-transaction";
import { createTestDatabase } from "@ciar/db/testing";
import { zCatalogSearchInput, type Kpi } from "@ciar/domain/schemas/use-cases";
import { AI_TECHNIQUES, SERVICE_AREAS, STAGES } from "@ciar/domain/use-cases";
import { sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { searchCatalog } from "../src/services/catalog/search-catalog";

const TOTAL = Number(process.env.BENCH_USE_CASES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;

// A small Spanish vocabulary so that titles and texts look like the real catalog.
const SUBJECTS = [
  "permisos de edificación",
  "solicitudes OIRS",
  "patentes comerciales",
  "licitaciones",
  "recolección de residuos",
  "semáforos",
  "cámaras de seguridad",
  "atención ciudadana",
  "consultorios",
  "becas escolares",
  "licencias de conducir",
  "fiscalización",
  "alumbrado público",
  "áreas verdes",
  "subsidios habitacionales",
];
const VERBS = [
  "Asistente de IA para",
  "Clasificación automática de",
  "Predicción de demanda en",
  "Optimización de",
  "Detección de anomalías en",
  "Chatbot de",
  "Extracción de datos de",
];
const pick = <T>(items: readonly T[], i: number) => items[i % items.length]!;
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

async function seedCatalog(db: Awaited<ReturnType<typeof createTestDatabase>>) {
  const all = await db.owner.db.select({ id: communes.id }).from(communes);
  const perCommune = Math.ceil(TOTAL / all.length);
  const started = performance.now();
  const sources: Array<{ communeId: string; id: string }> = [];
  let inserted = 0;
  for (const commune of all) {
    if (inserted >= TOTAL) break;
    const count = Math.min(perCommune, TOTAL - inserted);
    const rows = Array.from({ length: count }, (_, k) => {
      const i = inserted + k;
      const subject = pick(SUBJECTS, Math.floor(random() * 1000));
      const shared = random() < 0.8;
      const kpis: Kpi[] =
        random() < 0.4
          ? [
              {
                id: "k",
                name: `Días promedio en ${subject}`,
                unit: "días",
                baseline: 100,
                current: 60,
                target: 30,
                measuredOn: "2026-09-30",
              },
            ]
          : [];
      return {
        id: uuidv7(),
        communeId: commune.id,
        title: `${pick(VERBS, i)} ${subject} ${i}`,
        summary: `Proyecto municipal de ${subject} con inteligencia artificial para reducir tiempos de atención.`,
        problem: `Las solicitudes de ${subject} se acumulan y los vecinos esperan semanas.`,
        solution: `Un modelo revisa y prioriza ${subject}; una persona decide.`,
        serviceArea: pick(SERVICE_AREAS, Math.floor(random() * 100)),
        techniques: [pick(AI_TECHNIQUES, i), pick(AI_TECHNIQUES, i + 3)],
        tags: [subject.split(" ")[0]!],
        stage: pick(STAGES.slice(0, 5), Math.floor(random() * 100)),
        visibility: shared ? (random() < 0.5 ? "coalition" : "public") : "private",
        status: shared ? "published" : "draft",
        publishedAt: shared ? new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 6e10)) : null,
        kpis,
        transparency: {
          purpose: "",
          legalBasis: "",
          personalData: [],
          decisionMode: "human_review" as const,
          riskLevel: "low" as const,
          responsibleUnit: "",
          contactEmail: null,
        },
      };
    });
    await db.owner.db.transaction(async (tx) => {
      await applySettings(tx, { communeId: commune.id });
      for (let b = 0; b < rows.length; b += 500) await tx.insert(useCases).values(rows.slice(b, b + 500));
    });
    for (const r of rows)
      if (r.status === "published" && sources.length < 2_000)
        sources.push({ communeId: r.communeId, id: r.id });
    inserted += count;
    if (all.indexOf(commune) % 50 === 0)
      process.stdout.write(`  seeded ${inserted.toLocaleString("en")} use cases\r`);
  }
  // Reuse and endorsements, so that the "most reused" and "most endorsed" sorts have work to do.
  let links = 0;
  for (const commune of all.slice(0, 150)) {
    await db.owner.db.transaction(async (tx: Tx) => {
      await applySettings(tx, { communeId: commune.id });
      const picked = Array.from({ length: 10 }, () => sources[Math.floor(random() * sources.length)]!).filter(
        (s) => s.communeId !== commune.id,
      );
      const unique = [...new Map(picked.map((s) => [s.id, s])).values()];
      for (const source of unique) {
        await tx
          .insert(endorsements)
          .values({ communeId: commune.id, useCaseCommuneId: source.communeId, useCaseId: source.id })
          .onConflictDoNothing();
        const copyId = uuidv7();
        await tx.insert(useCases).values({
          id: copyId,
          communeId: commune.id,
          title: "Reutilización",
          summary: "Copia vinculada de otro municipio.",
          serviceArea: "gestion_interna",
          transparency: {
            purpose: "",
            legalBasis: "",
            personalData: [],
            decisionMode: "human_review",
            riskLevel: "low",
            responsibleUnit: "",
            contactEmail: null,
          },
          adoptedFromCommuneId: source.communeId,
          adoptedFromId: source.id,
        });
        await tx.insert(adoptions).values({
          communeId: commune.id,
          useCaseId: copyId,
          sourceCommuneId: source.communeId,
          sourceUseCaseId: source.id,
          stage: "idea",
        });
        links += 1;
      }
    });
  }
  // As autovacuum leaves a live database: statistics and the visibility map up to date.
  await db.owner.db.execute(sql`vacuum analyze`);
  console.log(
    `seeded ${inserted.toLocaleString("en")} use cases and ${links.toLocaleString("en")} reuses/endorsements in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

const SHAPES: Record<string, object> = {
  "text 'permiso edificacion' (relevance)": { query: "permiso edificacion" },
  "text 'camaras seguridad' + region filter": { query: "camaras seguridad", regionIso: ["CL-RM"] },
  "no text, most recent": { sort: "recent" },
  "filters: area + stage + has KPIs": {
    serviceAreas: ["obras_permisos", "atencion_ciudadana"],
    stages: ["pilot", "production"],
    hasKpis: true,
  },
  "technique filter, most reused": { techniques: ["vision"], sort: "most_reused" },
  "text 'licitaciones', most endorsed": { query: "licitaciones", sort: "most_endorsed" },
  "page 3 of 'residuos' (cursor)": { query: "residuos", sort: "recent", pages: 3 },
};

const EXPLAINS = (communeId: string) => [
  sql`select u.id from use_cases u join catalog_text_search('camaras seguridad') m on m.use_case_id = u.id
      where (u.commune_id = ${communeId} or (u.status = 'published' and u.visibility in ('coalition', 'public')))
      order by m.rank desc, u.id desc limit 21`,
  sql`select u.id from use_cases u where (u.commune_id = ${communeId} or (u.status = 'published' and u.visibility in ('coalition', 'public')))
      order by coalesce(u.published_at, u.updated_at) desc, u.id desc limit 21`,
  sql`select count(*) from use_cases u where (u.commune_id = ${communeId} or (u.status = 'published' and u.visibility in ('coalition', 'public')))`,
];

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  console.log(`Catalog search benchmark: ${TOTAL.toLocaleString("en")} use cases, ${RUNS} runs per query`);
  const db = await createTestDatabase();
  try {
    console.log(`database: ${db.kind}`);
    await seedCatalog(db);
    const [viewer] = await db.owner.db
      .select({ id: communes.id })
      .from(communes)
      .where(sql`${communes.code} = '04102'`);
    if (process.env.BENCH_EXPLAIN) {
      // The plans behind the figures, as the app role sees them (RLS included).
      for (const statement of EXPLAINS(viewer!.id)) {
        const plan = await withAccess(db.app.db, { communeId: viewer!.id }, (tx) =>
          tx.execute(sql`explain (analyze, costs off, timing on) ${statement}`),
        );
        const lines = rowsOf<Record<string, string>>(plan).map((r) => Object.values(r)[0]);
        console.log(`\n${lines.join("\n")}`);
      }
    }
    console.log("\n| query | results | p50 ms | p95 ms |\n|---|---:|---:|---:|");
    for (const [label, shape] of Object.entries(SHAPES)) {
      const { pages = 1, ...rest } = shape as { pages?: number };
      const input = zCatalogSearchInput.parse(rest);
      const times: number[] = [];
      let total = 0;
      for (let run = 0; run < RUNS + 3; run++) {
        const started = performance.now();
        let cursor: string | undefined;
        for (let page = 0; page < pages; page++) {
          const result = await withAccess(db.app.db, { communeId: viewer!.id }, (tx) =>
            searchCatalog(tx, viewer!.id, { ...input, cursor }),
          );
          total = result.total ?? total;
          cursor = result.nextCursor ?? undefined;
        }
        if (run >= 3) times.push((performance.now() - started) / pages); // first runs warm the caches
      }
      console.log(
        `| ${label} | ${total.toLocaleString("en")} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`,
      );
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
