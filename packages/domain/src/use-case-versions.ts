import type { UseCaseContent } from "./schemas/use-cases";

/** What a version snapshot keeps: the content plus the states a reader compares. */
export const SNAPSHOT_FIELDS = [
  "title",
  "summary",
  "problem",
  "solution",
  "serviceArea",
  "techniques",
  "tags",
  "license",
  "repositoryUrl",
  "dataSources",
  "setupCostClp",
  "monthlyCostClp",
  "kpis",
  "transparency",
  "sourceUrl",
  "stage",
  "visibility",
  "status",
] as const satisfies ReadonlyArray<keyof UseCaseContent | "stage" | "visibility" | "status">;

export type Snapshot = Record<(typeof SNAPSHOT_FIELDS)[number], unknown>;

export function snapshotOf(row: Record<string, unknown>): Snapshot {
  return Object.fromEntries(SNAPSHOT_FIELDS.map((f) => [f, row[f] ?? null])) as Snapshot;
}

/** Field-by-field differences between two snapshots (deep equality by JSON). */
export function snapshotDiff(
  before: Snapshot | null,
  after: Snapshot,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of SNAPSHOT_FIELDS) {
    const from = before ? before[field] : null;
    const to = after[field];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}
