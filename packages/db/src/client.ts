import { PGlite } from "@electric-sql/pglite";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index";

export type Schema = typeof schema;
/** The drizzle handle, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle: what services receive as `tx`. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DatabaseConnection {
  db: Database;
  kind: "pglite" | "postgres";
  /** The PostgreSQL connection string (for a second client, such as the job queue's); null on PGlite. */
  url: string | null;
  /** The embedded database itself, for a client that must share its single connection; null on PostgreSQL. */
  embedded: PGlite | null;
  /** Cheap reachability check for readiness probes. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; without it, the embedded PGlite is used. */
  url?: string | undefined;
  /** PGlite data folder; omit for an in-memory database (tests). */
  dataDir?: string | undefined;
  /** PostgreSQL pool size. */
  maxConnections?: number;
  /** Disable server-side prepared statements (PgBouncer in transaction mode before 1.21). */
  prepare?: boolean;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseConnection> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      prepare: options.prepare ?? true,
      connect_timeout: 5,
      idle_timeout: 60,
      onnotice: () => {},
    });
    const db = drizzlePostgres({ client, schema }) as unknown as Database;
    return {
      db,
      kind: "postgres",
      url: options.url,
      embedded: null,
      ping: async () => {
        await client`select 1`;
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  // Extensions the migrations create must be compiled in on PGlite.
  const extensions = { unaccent };
  const client = await PGlite.create(
    options.dataDir ? { dataDir: options.dataDir, extensions } : { extensions },
  );
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    db,
    kind: "pglite",
    url: null,
    embedded: client,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.close(),
  };
}
