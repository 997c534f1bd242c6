import type { Tx } from "@ciar/db/client";
import { maturityFrameworks } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import type { FrameworkDefinition } from "@ciar/domain/progress/framework";
import { and, desc, eq } from "drizzle-orm";

/** The framework every new assessment uses: the highest version of the coalition framework. */
export const FRAMEWORK_CODE = "ciar-madurez-ia";

export async function currentFramework(tx: Tx) {
  const [row] = await tx
    .select()
    .from(maturityFrameworks)
    .where(eq(maturityFrameworks.code, FRAMEWORK_CODE))
    .orderBy(desc(maturityFrameworks.version))
    .limit(1);
  if (!row) throw new AppError("frameworks.not_found");
  return row;
}

export async function frameworkById(tx: Tx, id: string) {
  const [row] = await tx.select().from(maturityFrameworks).where(eq(maturityFrameworks.id, id));
  if (!row) throw new AppError("frameworks.not_found");
  return row;
}

export function listFrameworks(tx: Tx) {
  return tx
    .select({
      id: maturityFrameworks.id,
      code: maturityFrameworks.code,
      version: maturityFrameworks.version,
      frozenAt: maturityFrameworks.frozenAt,
      createdAt: maturityFrameworks.createdAt,
    })
    .from(maturityFrameworks)
    .orderBy(maturityFrameworks.code, desc(maturityFrameworks.version));
}

/**
 * Publishes a new version (platform admins). Versions only grow: a used version is frozen by the
 * database, and assessments keep pointing at the version they were answered with.
 */
export async function createFrameworkVersion(tx: Tx, userId: string, definition: FrameworkDefinition) {
  const [latest] = await tx
    .select({ version: maturityFrameworks.version })
    .from(maturityFrameworks)
    .where(eq(maturityFrameworks.code, definition.code))
    .orderBy(desc(maturityFrameworks.version))
    .limit(1);
  if (latest && definition.version <= latest.version) throw new AppError("frameworks.version_exists");
  const [existing] = await tx
    .select({ id: maturityFrameworks.id })
    .from(maturityFrameworks)
    .where(
      and(eq(maturityFrameworks.code, definition.code), eq(maturityFrameworks.version, definition.version)),
    );
  if (existing) throw new AppError("frameworks.version_exists");
  const [row] = await tx
    .insert(maturityFrameworks)
    .values({ code: definition.code, version: definition.version, definition, createdBy: userId })
    .returning({
      id: maturityFrameworks.id,
      code: maturityFrameworks.code,
      version: maturityFrameworks.version,
    });
  return row!;
}
