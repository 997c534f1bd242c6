import type { Tx } from "@ciar/db/client";
import { adoptions, communes, endorsements, useCases } from "@ciar/db/schema";
import type { CatalogSearchInput } from "@ciar/domain/schemas/use-cases";
import { and, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { visibleToCommune } from "../use-cases/use-case-rows";
import { decodeCursor, encodeCursor } from "./cursor";

const reuseCount = sql<number>`(select count(*)::int from ${adoptions} a where a.source_use_case_id = ${useCases.id})`;
const endorsementCount = sql<number>`(select count(*)::int from ${endorsements} e where e.use_case_id = ${useCases.id})`;
/** Own drafts have no publication date: they sort by their last edit. */
const recency = sql<string>`coalesce(${useCases.publishedAt}, ${useCases.updatedAt})`;

/** The catalog's filters, shared by the page, the counts and the exports. */
export function catalogFilters(
  communeId: string,
  input: Omit<CatalogSearchInput, "sort" | "cursor" | "limit">,
): SQL {
  const query = input.query?.trim();
  return and(
    visibleToCommune(communeId),
    query ? sql`${useCases.searchVector} @@ websearch_to_tsquery('public.es_unaccent', ${query})` : undefined,
    input.serviceAreas?.length ? inArray(useCases.serviceArea, input.serviceAreas) : undefined,
    input.techniques?.length
      ? sql`${useCases.techniques} && ${sql`array[${sql.join(
          input.techniques.map((t) => sql`${t}`),
          sql`, `,
        )}]::text[]`}`
      : undefined,
    input.stages?.length ? inArray(useCases.stage, input.stages) : undefined,
    input.regionIso?.length ? inArray(communes.regionIso, input.regionIso) : undefined,
    input.communeIds?.length ? inArray(useCases.communeId, input.communeIds) : undefined,
    input.hasKpis === undefined
      ? undefined
      : input.hasKpis
        ? sql`jsonb_array_length(${useCases.kpis}) > 0`
        : sql`jsonb_array_length(${useCases.kpis}) = 0`,
  )!;
}

/** Everything visible to the commune that matches, one page at a time, with totals per facet. */
export async function searchCatalog(tx: Tx, communeId: string, input: CatalogSearchInput) {
  const query = input.query?.trim();
  const where = catalogFilters(communeId, input);
  const sort = input.sort === "relevance" && !query ? "recent" : input.sort;
  const rank = query
    ? sql<number>`round(ts_rank_cd(${useCases.searchVector}, websearch_to_tsquery('public.es_unaccent', ${query}))::numeric, 6)::float8`
    : sql<number>`0::float8`;
  const sortKey = {
    relevance: rank,
    recent: sql<string>`to_char(${recency} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`,
    most_reused: reuseCount,
    most_endorsed: endorsementCount,
  }[sort];

  const hits = tx
    .select({
      id: useCases.id,
      communeId: useCases.communeId,
      communeName: communes.name,
      communeCode: communes.code,
      region: communes.region,
      regionIso: communes.regionIso,
      title: useCases.title,
      summary: useCases.summary,
      serviceArea: useCases.serviceArea,
      techniques: useCases.techniques,
      tags: useCases.tags,
      stage: useCases.stage,
      visibility: useCases.visibility,
      status: useCases.status,
      publishedAt: useCases.publishedAt,
      updatedAt: useCases.updatedAt,
      isDemo: useCases.isDemo,
      adoptedFromId: useCases.adoptedFromId,
      kpiCount: sql<number>`jsonb_array_length(${useCases.kpis})`.as("kpi_count"),
      reuseCount: reuseCount.as("reuse_count"),
      endorsementCount: endorsementCount.as("endorsement_count"),
      sortKey: sortKey.as("sort_key"),
    })
    .from(useCases)
    .innerJoin(communes, eq(communes.id, useCases.communeId))
    .where(where)
    .as("hits");

  const after = decodeCursor(input.cursor);
  const rows = await tx
    .select()
    .from(hits)
    .where(after ? sql`(${hits.sortKey}, ${hits.id}) < (${after[0]}, ${after[1]}::uuid)` : undefined)
    .orderBy(desc(hits.sortKey), desc(hits.id))
    .limit(input.limit + 1);

  const [totals, byArea, byStage] = await Promise.all([
    tx
      .select({ n: count() })
      .from(useCases)
      .innerJoin(communes, eq(communes.id, useCases.communeId))
      .where(where),
    tx
      .select({ key: useCases.serviceArea, n: count() })
      .from(useCases)
      .innerJoin(communes, eq(communes.id, useCases.communeId))
      .where(where)
      .groupBy(useCases.serviceArea),
    tx
      .select({ key: useCases.stage, n: count() })
      .from(useCases)
      .innerJoin(communes, eq(communes.id, useCases.communeId))
      .where(where)
      .groupBy(useCases.stage),
  ]);

  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ sortKey: _key, ...item }) => item),
    total: totals[0]?.n ?? 0,
    facets: {
      serviceArea: Object.fromEntries(byArea.map((r) => [r.key, r.n])),
      stage: Object.fromEntries(byStage.map((r) => [r.key, r.n])),
    },
    sort,
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.sortKey, last.id) : null,
  };
}
