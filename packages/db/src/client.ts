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
  /** The schema owner's handle on PGlite (migrations, seed, checks); the app role's on PostgreSQL. */
  db: Database;
  /**
   * The handle the app's doors use: it only opens transactions (withAccess). On PGlite, whose one
   * connection is a superuser, a query sent outside a transaction is refused instead of silently
   * running past row-level security. On PostgreSQL it is `db` (the app already logs in as ciar_app).
   */
  doorDb: Database;
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
      doorDb: db,
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
    doorDb: drizzlePglite({ client: transactionsOnly(client), schema }) as unknown as Database,
    kind: "pglite",
    url: null,
    embedded: client,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.close(),
  };
}

/** Raised when a query reaches the embedded database outside a door's transaction. */
export class OutsideDoorError extends Error {
  constructor() {
    super("query outside a door: open a transaction with withAccess (packages/db/src/tenant-transaction.ts)");
    this.name = "OutsideDoorError";
  }
}

/**
 * The embedded client as the doors see it: `transaction()` works (withAccess switches to the app
 * role as its first statement), while `query`, `sql` and `exec` outside one throw. Inside a
 * transaction drizzle uses PGlite's transaction object, which is not wrapped.
 */
function transactionsOnly(client: PGlite): PGlite {
  const refuse = () => Promise.reject(new OutsideDoorError());
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "query" || property === "sql" || property === "exec") return refuse;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
