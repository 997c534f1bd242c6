import { appRouter } from "@ciar/api/router";
import { rowsOf } from "@ciar/db/rows";
import { users } from "@ciar/db/schema";
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inputArbitrary, type Pools } from "./support/fuzz-arbitraries";
import { createTestApp, signIn, type TestApp } from "./support/test-app";

/**
 * Property: no input, from anyone, gets a 5xx. Every procedure of the app router is called over
 * HTTP with inputs generated from its own zod schema (plus hostile strings and values) as each
 * of several roles of the demo seed. FUZZ_SEED reproduces a run; FUZZ_RUNS sets inputs per
 * procedure and role (the default keeps the suite near a minute on PGlite).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.FUZZ_RUNS ?? 9);

const ROLES = {
  anonymous: null,
  viewer: "viewer@laserena.example",
  admin: "admin@laserena.example",
  coordinator: "coordinacion@ciar.example",
  platform: "plataforma@ciar.example",
} as const;
type Role = keyof typeof ROLES;

interface Procedure {
  path: string;
  type: "query" | "mutation";
  inputs: unknown[];
}

const procedures: Procedure[] = Object.entries(
  (appRouter._def as unknown as { procedures: Record<string, { _def: Omit<Procedure, "path"> }> }).procedures,
).map(([path, procedure]) => ({ path, type: procedure._def.type, inputs: procedure._def.inputs }));

let t: TestApp;
let pools: Pools;
const tokens = new Map<Role, string>();
let generated = 0;
const statuses = new Map<number, number>();

/** Fuzzed mutations may end a role's session (logout, a removed membership, a lock): sign in again. */
async function tokenOf(role: Role, fresh = false): Promise<string | undefined> {
  const email = ROLES[role];
  if (!email) return undefined;
  if (fresh || !tokens.has(role)) {
    // A fuzzed people.lock may have locked this account: unlocked as the owner, as an operator would.
    if (fresh) await t.db.owner.db.update(users).set({ disabledAt: null }).where(eq(users.email, email));
    tokens.set(role, (await signIn(t, email)).token);
  }
  return tokens.get(role);
}

beforeAll(async () => {
  t = await createTestApp({ LOGIN_ATTEMPTS_PER_MINUTE: "1000" });
  // Ids that exist, so that generated inputs reach rows and not only "not found".
  const tables = rowsOf<{ table_name: string }>(
    await t.db.owner.db.execute(sql`
      select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'id' and data_type = 'uuid'`),
  );
  const uuids: string[] = [t.communeId.laSerena, t.communeId.coquimbo];
  for (const { table_name } of tables) {
    const rows = rowsOf<{ id: string }>(
      await t.db.owner.db.execute(sql`select id::text as id from ${sql.identifier(table_name)} limit 3`),
    );
    uuids.push(...rows.map((r) => r.id));
  }
  pools = { uuids };
}, 120_000);

/** Like the tRPC client: queries as GET with the input in the URL, mutations as POST. */
async function request(procedure: Procedure, input: unknown, token?: string, commune?: string) {
  const headers: Record<string, string> = { "accept-language": "es" };
  if (token) headers.authorization = `Bearer ${token}`;
  if (commune) headers["x-commune-id"] = commune;
  const encoded = input === undefined ? "" : JSON.stringify(input);
  const response =
    procedure.type === "query"
      ? await t.app.inject({
          method: "GET",
          url: `/trpc/${procedure.path}${encoded ? `?input=${encodeURIComponent(encoded)}` : ""}`,
          headers,
        })
      : await t.app.inject({
          method: "POST",
          url: `/trpc/${procedure.path}`,
          headers: { ...headers, "content-type": "application/json" },
          payload: encoded,
        });
  return { status: response.statusCode, body: response.body };
}

afterAll(async () => {
  const answers = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
  console.log(
    `fuzz: ${generated} generated inputs over ${procedures.length} procedures (seed ${SEED}); answers ${answers.join(" ")}`,
  );
  await t?.close();
});

describe(`fuzz: ${procedures.length} procedures × ${Object.keys(ROLES).length} roles × ${RUNS} inputs`, () => {
  it("enumerates the whole router", () => {
    expect(procedures.length).toBeGreaterThan(100);
    expect(procedures.map((p) => p.path)).toContain("useCases.importPubliccode");
  });

  for (const procedure of procedures) {
    it(`${procedure.type} ${procedure.path} never answers 5xx`, async () => {
      const input = inputArbitrary(procedure.inputs, pools);
      const role = fc.constantFrom(...(Object.keys(ROLES) as Role[]));
      await fc.assert(
        fc.asyncProperty(role, input, async (as, value) => {
          generated++;
          const send = async (fresh: boolean) =>
            request(
              procedure,
              value,
              await tokenOf(as, fresh),
              as === "coordinator" ? undefined : t.communeId.laSerena,
            );
          let result = await send(false);
          if (result.status === 401 && as !== "anonymous") result = await send(true);
          statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
          if (result.status >= 500)
            throw new Error(`${result.status} as ${as}: ${result.body.slice(0, 500)}`);
        }),
        { seed: SEED, numRuns: RUNS * Object.keys(ROLES).length, endOnFailure: true },
      );
    }, 120_000);
  }
});
