import { mkdirSync } from "node:fs";
import { openDatabase, type DatabaseConnection } from "@ciar/db/client";
import { runMigrations } from "@ciar/db/migrate";
import { seedDemo } from "@ciar/db/seed";
import type { Config } from "./config";
import { installJobQueue } from "./jobs/install";

/** The connection the app serves with: PostgreSQL when configured, the embedded PGlite otherwise. */
export async function openAppDatabase(config: Config): Promise<DatabaseConnection> {
  if (!config.database.url) mkdirSync(config.database.pgliteDir, { recursive: true });
  return openDatabase({
    url: config.database.url,
    dataDir: config.database.url ? undefined : config.database.pgliteDir,
    maxConnections: config.database.poolMax,
    prepare: config.database.prepare,
  });
}

/**
 * Migrations (with the job queue's schema, and the demo seed) run as the schema owner. On PGlite that is the same single
 * connection; on PostgreSQL it is MIGRATION_DATABASE_URL (or DATABASE_URL), opened just for this.
 */
export async function prepareDatabase(config: Config, app: DatabaseConnection, log: (msg: string) => void) {
  const separate = config.database.url && config.database.migrationUrl !== config.database.url;
  const owner = separate ? await openDatabase({ url: config.database.migrationUrl, maxConnections: 1 }) : app;
  try {
    await runMigrations(owner);
    await installJobQueue(owner);
    log("migrations applied (and the job queue's schema)");
    if (config.demoSeed) {
      const result = await seedDemo(owner, {
        nodeEnv: config.nodeEnv,
        exampleModuleUpstream: config.exampleModule.upstream,
      });
      log(
        result.seeded
          ? `demo data seeded: ${result.communes} communes, ${result.users} accounts, ${result.useCases} use cases`
          : "demo data already present",
      );
    }
  } finally {
    if (owner !== app) await owner.close();
  }
}
