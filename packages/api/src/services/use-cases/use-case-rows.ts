import type { Tx } from "@ciar/db/client";
import { communes, useCases } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { useCaseColumns } from "./fields";

/** A use case the commune owns, locked for update. Another commune's id is simply not found. */
export async function lockOwnUseCase(tx: Tx, communeId: string, id: string) {
  const [row] = await tx
    .select(useCaseColumns)
    .from(useCases)
    .innerJoin(communes, eq(communes.id, useCases.communeId))
    .where(and(eq(useCases.communeId, communeId), eq(useCases.id, id)))
    .for("update", { of: useCases });
  if (!row) throw new AppError("useCases.not_found");
  return row;
}

/**
 * What a commune may see: its own use cases, and the ones other communes published to the
 * coalition or the public. The database policy use_cases_catalog_read enforces the same rule;
 * saying it here too keeps each query's intent readable and the plan index-friendly.
 */
export function visibleToCommune(communeId: string): SQL {
  return or(
    eq(useCases.communeId, communeId),
    and(eq(useCases.status, "published"), inArray(useCases.visibility, ["coalition", "public"])),
  )!;
}

/**
 * A use case the commune may see; `isOwn` says whether the commune owns it, decided by PostgreSQL
 * (uuid equality) so that an id spelt in another case cannot pass for another commune's.
 */
export async function findVisibleUseCase(tx: Tx, communeId: string, id: string) {
  const [row] = await tx
    .select({ ...useCaseColumns, isOwn: sql<boolean>`${useCases.communeId} = ${communeId}` })
    .from(useCases)
    .innerJoin(communes, eq(communes.id, useCases.communeId))
    .where(and(eq(useCases.id, id), visibleToCommune(communeId)));
  if (!row) throw new AppError("useCases.not_found");
  return row;
}
