import type { Tx } from "@ciar/db/client";
import { coalitionMembers, maturityFrameworks, selfAssessments, useCases } from "@ciar/db/schema";
import { COUNTED_STATUSES } from "@ciar/domain/progress/assessment-workflow";
import type { LocalizedText } from "@ciar/domain/progress/framework";
import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { FRAMEWORK_CODE } from "../frameworks/frameworks";

/**
 * What every comparison counts: submitted and validated assessments only (COUNTED_STATUSES),
 * published use cases that are not private. The database already hides drafts from coordinators;
 * these conditions also drop returned assessments and say so in the query.
 */
export const countedAssessment = inArray(selfAssessments.status, [...COUNTED_STATUSES]);

export const sharedUseCase = and(eq(useCases.status, "published"), ne(useCases.visibility, "private"));

/** Joins rows of a commune-keyed table to the coalition's members (filters by the coalition). */
export const inCoalition = (coalitionId: string, communeColumn: AnyPgColumn) =>
  and(eq(coalitionMembers.communeId, communeColumn), eq(coalitionMembers.coalitionId, coalitionId));

export type Dimension = { code: string; title: LocalizedText };

/**
 * Codes and titles of the current framework's dimensions, in framework order, read out of the
 * stored definition in SQL so that the questions' texts never cross the wire.
 */
export async function currentDimensions(tx: Tx): Promise<Dimension[]> {
  const [row] = await tx
    .select({
      dimensions: sql<Dimension[] | null>`(
        select jsonb_agg(jsonb_build_object('code', d.value -> 'code', 'title', d.value -> 'title') order by d.ord)
        from jsonb_array_elements(${maturityFrameworks.definition} -> 'dimensions') with ordinality as d(value, ord)
      )`,
    })
    .from(maturityFrameworks)
    .where(eq(maturityFrameworks.code, FRAMEWORK_CODE))
    .orderBy(desc(maturityFrameworks.version))
    .limit(1);
  return parseJson(row?.dimensions) ?? [];
}

/** jsonb computed in SQL arrives parsed from one driver and as text from another. */
export function parseJson<T>(value: T | string | null | undefined): T | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}
