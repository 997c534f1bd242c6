import type { Tx } from "@ciar/db/client";
import { adoptions, communes, endorsements, useCases } from "@ciar/db/schema";
import type { CatalogSearchInput } from "@ciar/domain/schemas/use-cases";
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { visibleToCommune } from "../use-cases/use-case-rows";
import { decodeCursor, encodeCursor } from "../pagination/keyset-cursor";

/**
 * Reuse and endorsement counts per use case, aggregated once and joined (hash join), rather than
 * counted per row: the catalog may match tens of thousands of rows.
 */
function countsBySource(tx: Tx) {
  const reuses = tx
    .select({ useCaseId: adoptions.sourceUseCaseId, n: sql<number>`count(*)::int`.as("reuse_n") })
    .from(adoptions)
    .groupBy(adoptions.sourceUseCaseId)
    .as("reuses");
  const endorsed = tx
    .select({ useCaseId: endorsements.useCaseId, n: sql<number>`count(*)::int`.as("endorsement_n") })
    .from(endorsements)
    .groupBy(endorsements.useCaseId)
    .as("endorsed");
  return { reuses, endorsed };
}

/** Own drafts have no publication date: they sort by their last edit. */
const recency = sql`coalesce(${useCases.publishedAt}, ${useCases.updatedAt})`;

/**
 * Full-text matches visible to the caller, with their rank: the GIN index lives in a side table
 * reached through catalog_text_search() (see migration 0005 for why), joined back by id.
 */
function textMatches(tx: Tx, query: string) {
  return tx
    .select({ id: sql<string>`m.use_case_id`.as("match_id"), rank: sql<number>`m.rank`.as("match_rank") })
    .from(sql`catalog_text_search(${query}) as m`)
    .as("matches");
}

/** The catalog's filters, shared by the page, the counts and the exports. */
export function catalogFilters(
  communeId: string,
  input: Omit<CatalogSearchInput, "sort" | "cursor" | "limit">,
  options: { textJoined?: boolean } = {},
): SQL {
  const query = input.query?.trim();
  return and(
    visibleToCommune(communeId),
    // When the caller joins textMatches() for the rank, the join already filters.
    query && !options.textJoined ? sql`${useCases.id} in (select catalog_text_match(${query}))` : undefined,
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
  const { reuses, endorsed } = countsBySource(tx);
  const matches = query ? textMatches(tx, query) : null;
  const reuseCount = sql<number>`coalesce(${reuses.n}, 0)`;
  const endorsementCount = sql<number>`coalesce(${endorsed.n}, 0)`;
  // Each sort key keeps its SQL type, so that the keyset comparison can use it as is.
  const keys = {
    relevance: {
      expr: matches ? sql`${matches.rank}` : sql`0`,
      cast: sql`::real`,
      kind: "real",
    },
    recent: { expr: recency, cast: sql`::timestamptz`, kind: "timestamp" },
    most_reused: { expr: reuseCount, cast: sql`::int`, kind: "int" },
    most_endorsed: { expr: endorsementCount, cast: sql`::int`, kind: "int" },
  } as const;
  const key = keys[sort];
  const after = decodeCursor(input.cursor, key.kind);

  const base = tx
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
      kpiCount: sql<number>`jsonb_array_length(${useCases.kpis})`,
      reuseCount,
      endorsementCount,
      sortKey: sql<string | number>`(${key.expr})::text`,
    })
    .from(useCases)
    .innerJoin(communes, eq(communes.id, useCases.communeId))
    .leftJoin(reuses, eq(reuses.useCaseId, useCases.id))
    .leftJoin(endorsed, eq(endorsed.useCaseId, useCases.id))
    .$dynamic();
  const joined = matches ? base.innerJoin(matches, eq(matches.id, useCases.id)) : base;
  const rows = await joined
    .where(
      and(
        matches ? catalogFilters(communeId, input, { textJoined: true }) : where,
        after ? sql`(${key.expr}, ${useCases.id}) < (${after[0]}${key.cast}, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(key.expr), desc(useCases.id))
    .limit(input.limit + 1);

  // Total and facet counts in one pass over the matches, on the first page only: the client keeps them.
  const facetRows = after
    ? []
    : await tx
        .select({
          serviceArea: useCases.serviceArea,
          stage: useCases.stage,
          communeId: useCases.communeId,
          communeName: communes.name,
          n: sql<number>`count(*)::int`,
        })
        .from(useCases)
        .innerJoin(communes, eq(communes.id, useCases.communeId))
        .where(where)
        .groupBy(
          sql`grouping sets ((${useCases.serviceArea}), (${useCases.stage}), (${useCases.communeId}, ${communes.name}), ())`,
        );
  // Each row of a grouping set has only its own key(s) set; the grand total has none.
  const only = (key: "serviceArea" | "stage" | "communeId") =>
    facetRows.filter((r) =>
      (["serviceArea", "stage", "communeId"] as const).every((k) => (k === key) === (r[k] !== null)),
    );
  const total = after
    ? null
    : (facetRows.find((r) => r.serviceArea === null && r.stage === null && r.communeId === null)?.n ?? 0);

  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ sortKey: _key, ...item }) => item),
    total,
    facets: after
      ? null
      : {
          serviceArea: Object.fromEntries(only("serviceArea").map((r) => [r.serviceArea, r.n])),
          stage: Object.fromEntries(only("stage").map((r) => [r.stage, r.n])),
          commune: only("communeId")
            .map((r) => ({ id: r.communeId, name: r.communeName, n: r.n }))
            .sort((a, b) => a.name.localeCompare(b.name, "es")),
        },
    sort,
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.sortKey, last.id) : null,
  };
}
