import type { Tx } from "@ciar/db/client";
import { communes, useCases } from "@ciar/db/schema";
import type { CatalogSearchInput } from "@ciar/domain/schemas/use-cases";
import { desc, eq, sql } from "drizzle-orm";
import { catalogFilters } from "../catalog/search-catalog";
import { toCsv, type CsvCell } from "../csv/write-csv";

/** Large enough for any commune's view of the catalog; the answer says when it was cut. */
const EXPORT_LIMIT = 5_000;

/** What an export carries, in this order (the CSV's columns, the JSON's fields). */
const EXPORT_COLUMNS = {
  id: useCases.id,
  commune: communes.name,
  cut: communes.code,
  region: communes.region,
  title: useCases.title,
  summary: useCases.summary,
  serviceArea: useCases.serviceArea,
  techniques: useCases.techniques,
  tags: useCases.tags,
  stage: useCases.stage,
  visibility: useCases.visibility,
  status: useCases.status,
  license: useCases.license,
  repositoryUrl: useCases.repositoryUrl,
  sourceUrl: useCases.sourceUrl,
  setupCostClp: useCases.setupCostClp,
  monthlyCostClp: useCases.monthlyCostClp,
  kpis: useCases.kpis,
  decisionMode: sql<string>`${useCases.transparency} ->> 'decisionMode'`,
  riskLevel: sql<string>`${useCases.transparency} ->> 'riskLevel'`,
  publishedAt: useCases.publishedAt,
  updatedAt: useCases.updatedAt,
};

/** The catalog view (same filters as the page) as CSV or JSON, for spreadsheets and open data. */
export async function exportCatalog(
  tx: Tx,
  communeId: string,
  input: Omit<CatalogSearchInput, "sort" | "cursor" | "limit">,
  format: "csv" | "json",
) {
  const rows = await tx
    .select(EXPORT_COLUMNS)
    .from(useCases)
    .innerJoin(communes, eq(communes.id, useCases.communeId))
    .where(catalogFilters(communeId, input))
    .orderBy(desc(useCases.updatedAt), desc(useCases.id))
    .limit(EXPORT_LIMIT + 1);
  const truncated = rows.length > EXPORT_LIMIT;
  const items = rows.slice(0, EXPORT_LIMIT);
  const stamp = new Date().toISOString().slice(0, 10);
  if (format === "json") {
    return {
      filename: `catalogo-ciar-${stamp}.json`,
      contentType: "application/json",
      truncated,
      count: items.length,
      content: JSON.stringify(items, null, 2),
    };
  }
  const columns = Object.keys(EXPORT_COLUMNS);
  const content = toCsv(
    columns,
    items.map((r) => {
      const row: Record<string, CsvCell> = {
        ...r,
        techniques: r.techniques.join("; "),
        tags: r.tags.join("; "),
        kpis: r.kpis.map((k) => `${k.name}: ${k.baseline ?? "-"} → ${k.current ?? "-"} ${k.unit}`).join("; "),
        publishedAt: r.publishedAt?.toISOString() ?? "",
        updatedAt: r.updatedAt.toISOString(),
      };
      return columns.map((column) => row[column]);
    }),
  );
  return {
    filename: `catalogo-ciar-${stamp}.csv`,
    contentType: "text/csv",
    truncated,
    count: items.length,
    content,
  };
}
