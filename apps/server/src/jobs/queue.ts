import type { PGlite } from "@electric-sql/pglite";
import type { DatabaseConnection } from "@ciar/db/client";
import type PgBoss from "pg-boss";

/**
 * The background job queue: pg-boss, in the application's own database (schema `pgboss`), so a
 * job is as durable as the data it works on and no other service has to run.
 *
 * On PostgreSQL pg-boss opens its own small pool (JOBS_POOL_MAX connections per replica, through
 * PgBouncer when DATABASE_URL points at it: pg-boss keeps no session state). On the embedded
 * PGlite there is one connection, so pg-boss runs its SQL through it (`embeddedExecutor`).
 */
export const JOB_SCHEMA = "pgboss";

/** What pg-boss needs to reach the database, derived from one of our connections. */
export function bossConnection(connection: DatabaseConnection, poolMax: number): PgBoss.DatabaseOptions {
  if (connection.embedded) return { db: embeddedExecutor(connection.embedded), schema: JOB_SCHEMA };
  if (!connection.url) throw new Error("job queue: the database connection has no URL");
  return {
    connectionString: connection.url,
    max: poolMax,
    schema: JOB_SCHEMA,
    application_name: "ciar-jobs",
  };
}

// pg-boss wraps its maintenance in "BEGIN; …; COMMIT;" sent as one string.
const EXPLICIT_TRANSACTION = /^\s*BEGIN;([\s\S]*);\s*COMMIT;\s*$/;

/**
 * pg-boss's SQL on PGlite's single connection. Each call waits for the transaction in progress,
 * if any (PGlite serializes them). An explicit transaction runs through PGlite's own
 * `transaction()`, which rolls back on error: on a single shared connection, a transaction left
 * open in a failed state would break every request after it.
 */
function embeddedExecutor(client: PGlite): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) {
        const result = await client.query(text, values);
        return { rows: result.rows };
      }
      const transaction = EXPLICIT_TRANSACTION.exec(text);
      const results = transaction
        ? await client.transaction((tx) => tx.exec(transaction[1]!))
        : await client.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
}
