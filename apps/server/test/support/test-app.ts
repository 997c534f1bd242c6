import type { AppRouter } from "@ciar/api/router";
import { communes, users } from "@ciar/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@ciar/db/seed";
import { createTestDatabase, type TestDatabase } from "@ciar/db/testing";
import { createTRPCClient, httpLink } from "@trpc/client";
import { eq, inArray } from "drizzle-orm";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { buildApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { installJobQueue } from "../../src/jobs/install";
import { loggerOptions } from "../../src/logging";

export { DEMO_PASSWORD };

const CUT = { laSerena: "04101", coquimbo: "04102", maipu: "13119" } as const;

/**
 * One fresh, migrated and seeded database per test file (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL), behind the real Fastify app: every call goes through HTTP, JWT, the
 * membership check and RLS.
 */
export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  communeId: Record<keyof typeof CUT, string>;
  userId(email: string): Promise<string>;
  close(): Promise<void>;
}

function testConfig(env: Record<string, string>) {
  return loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    JWT_SECRET: "test-secret-that-is-long-enough-for-hs256",
    DATA_ENCRYPTION_KEY: "dGVzdC1kYXRhLWVuY3J5cHRpb24ta2V5LTMyLWJ5dGU",
    WEB_DIST_DIR: "/nonexistent",
    MIGRATE_ON_START: "false",
    JOBS: "false",
    JOBS_POLL_SECONDS: "0.5",
    ...env,
  });
}

export async function createTestApp(
  env: Record<string, string> = {},
  logger?: FastifyServerOptions["logger"],
): Promise<TestApp> {
  const db = await createTestDatabase();
  await seedDemo(db.owner, { nodeEnv: "test" });
  // Most tests need no background jobs; those that do say JOBS: "true".
  const jobs = env.JOBS === "true";
  if (jobs) await installJobQueue(db.owner);
  const config = testConfig(env);
  const app = await buildApp({
    config,
    connection: db.app,
    ...(logger ? { logger: { ...(loggerOptions(config.logLevel) as object), ...(logger as object) } } : {}),
  });
  await app.ready();
  const rows = await db.owner.db
    .select({ id: communes.id, code: communes.code })
    .from(communes)
    .where(inArray(communes.code, Object.values(CUT)));
  const byCut = new Map(rows.map((r) => [r.code, r.id]));
  const communeId = Object.fromEntries(
    Object.entries(CUT).map(([k, cut]) => [k, byCut.get(cut)!]),
  ) as TestApp["communeId"];
  return {
    app,
    db,
    communeId,
    userId: async (email) => {
      const [row] = await db.owner.db.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (!row) throw new Error(`no user ${email}`);
      return row.id;
    },
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

/**
 * A second replica: another app over the same database, through its own connection on PostgreSQL
 * (PGlite has one). Shares nothing with `t.app` but the database, as two processes would. Closed
 * by the caller, before `t.close()`.
 */
export async function createReplica(t: TestApp, env: Record<string, string> = {}): Promise<TestApp> {
  const app = await buildApp({ config: testConfig(env), connection: await t.db.openAppConnection() });
  await app.ready();
  return { ...t, app, close: () => app.close() };
}

export interface CallOptions {
  token?: string | undefined;
  commune?: string | undefined;
  cookie?: string | undefined;
  locale?: "es" | "en";
  /** The TCP peer (default 127.0.0.1): a proxy in front, or the client itself. */
  remoteAddress?: string;
  headers?: Record<string, string>;
}

export interface CallResult<T = unknown> {
  status: number;
  data: T;
  error?: {
    message: string;
    data: { code: string; appCode: string; httpStatus: number; fieldErrors?: Record<string, string[]> };
  };
  body: string;
  setCookie: string | undefined;
}

/** A tRPC call through fastify.inject: queries as GET, mutations as POST, like the client does. */
export async function call<T = unknown>(
  t: TestApp,
  kind: "query" | "mutation",
  path: string,
  input?: unknown,
  options: CallOptions = {},
): Promise<CallResult<T>> {
  const headers: Record<string, string> = { "accept-language": options.locale ?? "es", ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.commune) headers["x-commune-id"] = options.commune;
  if (options.cookie) headers.cookie = options.cookie;
  const peer = options.remoteAddress ? { remoteAddress: options.remoteAddress } : {};
  const encoded = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response =
    kind === "query"
      ? await t.app.inject({ method: "GET", url: `/trpc/${path}${encoded}`, headers, ...peer })
      : await t.app.inject({
          ...peer,
          method: "POST",
          url: `/trpc/${path}`,
          headers: { ...headers, "content-type": "application/json" },
          payload: input === undefined ? "" : JSON.stringify(input),
        });
  const parsed = JSON.parse(response.body) as { result?: { data: T }; error?: CallResult["error"] };
  const setCookie = response.headers["set-cookie"];
  return {
    status: response.statusCode,
    data: parsed.result?.data as T,
    error: parsed.error,
    body: response.body,
    setCookie: Array.isArray(setCookie) ? setCookie.join("; ") : setCookie,
  };
}

export interface Session {
  token: string;
  cookie: string;
  userId: string;
}

export async function signIn(t: TestApp, email: string, password = DEMO_PASSWORD): Promise<Session> {
  const result = await call<{ accessToken: string; userId: string }>(t, "mutation", "auth.login", {
    email,
    password,
  });
  if (result.status !== 200) throw new Error(`sign-in failed for ${email}: ${result.body}`);
  return {
    token: result.data.accessToken,
    cookie: refreshCookieOf(result.setCookie)!,
    userId: result.data.userId,
  };
}

/** "ciar_refresh=<token>" from a Set-Cookie header, or undefined when it was cleared. */
export function refreshCookieOf(setCookie: string | undefined): string | undefined {
  const match = setCookie?.match(/ciar_refresh=([^;]*)/);
  return match?.[1] ? `ciar_refresh=${match[1]}` : undefined;
}

/** A real tRPC client over HTTP against a listening server. */
export async function httpClient(t: TestApp, headers: () => Record<string, string>) {
  const address = t.app.server.listening
    ? `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`
    : await t.app.listen({ host: "127.0.0.1", port: 0 });
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${address}/trpc`, headers })] });
}
