import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type DatabaseConnection } from "../client";
import { runMigrations } from "../migrate";

/**
 * A fresh, migrated database for one test file. Embedded PGlite in memory by default; with
 * TEST_DATABASE_URL (a role that may CREATE DATABASE), a new PostgreSQL database that is dropped
 * at the end. With TEST_APP_DATABASE_PASSWORD, the app connects as the ciar_app login role, as in
 * production; otherwise it shares the owner connection and switches role per transaction.
 * With TEST_APP_DATABASE_HOST (host:port of a PgBouncer in transaction mode) the app's
 * connections go through it, without server-side prepared statements.
 */
export interface TestDatabase {
  kind: "pglite" | "postgres";
  /** What the API uses: every query through withAccess, as ciar_app (on PGlite, nothing else works). */
  app: DatabaseConnection;
  /** Schema owner: migrations, seed, and checks that need to see past RLS. */
  owner: DatabaseConnection;
  /**
   * Another connection as the app, as a second replica would open (PostgreSQL: its own pool, closed
   * with the database; PGlite has a single connection, so the same one).
   */
  openAppConnection(): Promise<DatabaseConnection>;
  close(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const connection = await openDatabase({});
    await runMigrations(connection);
    // The app's handle refuses queries outside a door, as the server's does: a test (or code under
    // test) that reads tenant data without withAccess fails instead of running as the superuser.
    const app = { ...connection, db: connection.doorDb };
    return {
      kind: "pglite",
      app,
      owner: connection,
      openAppConnection: async () => app,
      close: () => connection.close(),
    };
  }

  const name = `ciar_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const ownerUrl = withDatabase(adminUrl, name);
  const owner = await openDatabase({ url: ownerUrl, maxConnections: 2 });
  await runMigrations(owner);

  const appPassword = process.env.TEST_APP_DATABASE_PASSWORD;
  const bouncer = process.env.TEST_APP_DATABASE_HOST;
  const appUrl = appPassword ? withCredentials(ownerUrl, "ciar_app", appPassword) : null;
  const openApp = () =>
    appUrl
      ? openDatabase({
          url: bouncer ? withHost(appUrl, bouncer) : appUrl,
          maxConnections: 5,
          prepare: !bouncer,
        })
      : openDatabase({ url: ownerUrl, maxConnections: 2 });
  const app = appUrl ? await openApp() : owner;
  const extra: DatabaseConnection[] = [];
  return {
    kind: "postgres",
    app,
    owner,
    openAppConnection: async () => {
      const connection = await openApp();
      extra.push(connection);
      return connection;
    },
    close: async () => {
      for (const connection of extra) await connection.close();
      if (app !== owner) await app.close();
      await owner.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function withHost(url: string, host: string): string {
  const parsed = new URL(url);
  parsed.host = host;
  return parsed.toString();
}

function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}
