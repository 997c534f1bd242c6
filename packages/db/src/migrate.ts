import { createRequire } from "node:module";
import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { DatabaseConnection } from "./client";

// Resolved through the package name so that it also works from the API's bundled build.
const require = createRequire(import.meta.url);
export const migrationsFolder = path.join(path.dirname(require.resolve("@ciar/db/package.json")), "drizzle");

/**
 * Applies pending migrations. Must run as the schema owner (or a superuser): migrations create
 * the app role's grants and policies. Replicas should not race: production runs this as a
 * separate `migrate` command.
 */
export async function runMigrations(connection: DatabaseConnection): Promise<void> {
  if (connection.kind === "pglite") {
    await migratePglite(connection.db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    await migratePostgres(connection.db as unknown as PostgresJsDatabase, { migrationsFolder });
  }
}
