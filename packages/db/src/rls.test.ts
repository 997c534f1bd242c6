import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adoptions,
  auditLog,
  communes,
  invitations,
  memberships,
  modules,
  notifications,
  refreshTokens,
  useCases,
  useCaseVersions,
  usageMonthTotals,
  usageRecords,
  users,
} from "./schema/index";
import { seedDemo } from "./seed/demo";
import { rowsOf } from "./rows";
import { applySettings, withAccess } from "./tenant-transaction";
import { createTestDatabase, type TestDatabase } from "./testing/test-database";

let t: TestDatabase;
let laSerena: string;
let coquimbo: string;
let laSerenaAdmin: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.owner, { nodeEnv: "test" });
  const rows = await t.owner.db.select({ id: communes.id, code: communes.code }).from(communes);
  laSerena = rows.find((r) => r.code === "04101")!.id;
  coquimbo = rows.find((r) => r.code === "04102")!.id;
  const [admin] = await t.owner.db.select().from(users).where(eq(users.email, "admin@laserena.example"));
  laSerenaAdmin = admin!.id;
  // One audit row per demo commune, written as the app would.
  for (const communeId of [laSerena, coquimbo]) {
    await withAccess(t.app.db, { communeId, userId: laSerenaAdmin }, (tx) =>
      tx
        .insert(auditLog)
        .values({ communeId, actorUserId: laSerenaAdmin, action: "test.event", entityType: "test" }),
    );
  }
});
afterAll(() => t?.close());

const count = (rows: unknown[]) => rows.length;

/** The error PostgreSQL raises when a row fails a policy's WITH CHECK (drizzle wraps it in `cause`). */
function violatesPolicy(table: string) {
  return (error: unknown) => {
    const messages: string[] = [];
    for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
      messages.push(String(e.message));
    }
    return messages.some((m) => m.includes(`row-level security policy for table "${table}"`));
  };
}

describe("reference data", () => {
  it("loads all 346 Chilean communes with their CUT codes", async () => {
    const [row] = await t.owner.db.select({ n: sql<number>`count(*)::int` }).from(communes);
    expect(row!.n).toBe(346);
    const [serena] = await t.owner.db.select().from(communes).where(eq(communes.code, "04101"));
    expect(serena).toMatchObject({ name: "La Serena", regionIso: "CL-CO", status: "active", isDemo: true });
  });

  it("the seed runs once", async () => {
    expect(await seedDemo(t.owner, { nodeEnv: "test" })).toMatchObject({ seeded: false });
  });

  it("refuses to seed demo data in production", async () => {
    await expect(seedDemo(t.owner, { nodeEnv: "production" })).rejects.toThrow(/production/);
  });
});

describe("row-level security for the app role", () => {
  it("runs as a role that is neither superuser nor BYPASSRLS", async () => {
    const [role] = await withAccess(t.app.db, {}, (tx) =>
      tx.execute<{ rolsuper: boolean; rolbypassrls: boolean; current_user: string }>(
        sql`select rolsuper, rolbypassrls, current_user from pg_roles where rolname = current_user`,
      ),
    ).then((r) => rowsOf(r));
    expect(role).toMatchObject({ current_user: "ciar_app", rolsuper: false, rolbypassrls: false });
  });

  it("forces row-level security on every table that holds a commune's rows", async () => {
    // A table with a commune_id column is tenant data (or, for coalition_members, names its
    // communes): a new one added without FORCE would let the owner and a forgetful query through.
    const rows = rowsOf<{ table: string; enabled: boolean; forced: boolean }>(
      await t.owner.db.execute(sql`
        select c.relname as "table", c.relrowsecurity as enabled, c.relforcerowsecurity as forced
        from pg_class c
        join pg_attribute a on a.attrelid = c.oid and a.attname = 'commune_id' and not a.attisdropped
        where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
        order by 1`),
    );
    expect(rows.map((r) => r.table)).toContain("usage_month_totals");
    // Deliberate: use_case_search is granted to nobody (only definer functions read and write it,
    // migration 0005); coalition_members is public (policy read_all), its writes checked by policy.
    const notForced = rows.filter((r) => !r.forced).map((r) => r.table);
    expect(notForced).toEqual(["coalition_members", "use_case_search"]);
    expect(rows.filter((r) => !r.enabled).map((r) => r.table)).toEqual(["use_case_search"]);
  });

  it("sees zero tenant rows and zero users without settings", async () => {
    await withAccess(t.app.db, {}, async (tx) => {
      expect(count(await tx.select().from(memberships))).toBe(0);
      expect(count(await tx.select().from(invitations))).toBe(0);
      expect(count(await tx.select().from(auditLog))).toBe(0);
      expect(count(await tx.select().from(refreshTokens))).toBe(0);
      expect(count(await tx.select().from(users))).toBe(0);
    });
  });

  it("sees only the active commune's memberships and audit events", async () => {
    await withAccess(t.app.db, { communeId: coquimbo }, async (tx) => {
      const rows = await tx.select().from(memberships);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.communeId === coquimbo)).toBe(true);
      const events = await tx.select().from(auditLog);
      expect(events.map((e) => e.communeId)).toEqual([coquimbo]);
      // Users are visible only as members of the active commune.
      const visible = await tx.select({ email: users.email }).from(users);
      expect(visible.map((u) => u.email)).not.toContain("admin@laserena.example");
    });
  });

  it("cannot write another commune's rows, even naming them explicitly", async () => {
    // A membership that does not exist yet (Coquimbo's editor in La Serena): only the policy can
    // refuse it, not a duplicate key.
    const [outsider] = await t.owner.db
      .select()
      .from(users)
      .where(eq(users.email, "editor@coquimbo.example"));
    await expect(
      withAccess(t.app.db, { communeId: coquimbo, userId: outsider!.id }, (tx) =>
        tx.insert(memberships).values({ communeId: laSerena, userId: outsider!.id, role: "admin" }),
      ),
    ).rejects.toSatisfy(violatesPolicy("memberships"));
    // Nor by moving one of its own memberships there.
    await expect(
      withAccess(t.app.db, { communeId: coquimbo }, (tx) =>
        tx.update(memberships).set({ communeId: laSerena }).where(eq(memberships.userId, outsider!.id)),
      ),
    ).rejects.toSatisfy(violatesPolicy("memberships"));
    const serenaMembers = await withAccess(t.app.db, { communeId: laSerena }, (tx) =>
      tx.select().from(memberships).where(eq(memberships.userId, outsider!.id)),
    );
    expect(serenaMembers).toEqual([]);
    const changed = await withAccess(t.app.db, { communeId: coquimbo }, (tx) =>
      tx.update(memberships).set({ role: "viewer" }).where(eq(memberships.communeId, laSerena)).returning(),
    );
    expect(changed).toHaveLength(0);
    const removed = await withAccess(t.app.db, { communeId: coquimbo }, (tx) =>
      tx.delete(memberships).where(eq(memberships.communeId, laSerena)).returning(),
    );
    expect(removed).toHaveLength(0);
    const renamed = await withAccess(t.app.db, { communeId: coquimbo }, (tx) =>
      tx.update(communes).set({ displayName: "hijacked" }).where(eq(communes.id, laSerena)).returning(),
    );
    expect(renamed).toHaveLength(0);
  });

  it("keeps settings inside their transaction", async () => {
    await withAccess(t.app.db, { communeId: laSerena }, async () => {});
    const rows = await withAccess(t.app.db, {}, (tx) => tx.select().from(memberships));
    expect(rows).toHaveLength(0);
  });

  it("lets a user see their own memberships across communes, and no one else's", async () => {
    const [support] = await t.owner.db.select().from(users).where(eq(users.email, "soporte@ciar.example"));
    const rows = await withAccess(t.app.db, { userId: support!.id }, (tx) => tx.select().from(memberships));
    expect(new Set(rows.map((r) => r.communeId))).toEqual(new Set([laSerena, coquimbo]));
    expect(rows.every((r) => r.userId === support!.id)).toBe(true);
  });
});

describe("the app role cannot leave the door", () => {
  // With a shared superuser connection on PostgreSQL (no TEST_APP_DATABASE_PASSWORD), the session
  // user may switch to any role: that setup proves nothing here. CI and PGlite both apply.
  const sharedSuperuser = () => t.kind === "postgres" && t.app === t.owner;
  /** The driver's error and drizzle's wrapper around it, as one text. */
  const refusal = (work: Promise<unknown>) =>
    work.then(
      () => "succeeded",
      (error: Error) => `${error.message} | ${(error.cause as Error | undefined)?.message ?? ""}`,
    );

  it("cannot switch back to a privileged role from inside a transaction", async ({ skip }) => {
    if (sharedSuperuser()) skip();
    const owner = rowsOf<{ name: string }>(await t.owner.db.execute(sql`select current_user as name`))[0]!
      .name;
    expect(
      await refusal(
        withAccess(t.app.db, { communeId: laSerena }, (tx) =>
          tx.execute(sql`select set_config('role', ${owner}, true)`),
        ),
      ),
    ).toMatch(/permission denied/);
  });

  it("cannot reach the superuser with RESET ROLE", async ({ skip }) => {
    if (sharedSuperuser()) skip();
    // PGlite's driver sends one statement per message, so the pair is refused; PostgreSQL runs
    // both, and the login role ciar_app stays itself.
    const outcome = await withAccess(t.app.db, { communeId: laSerena }, (tx) =>
      tx.execute(sql.raw("reset role; select rolsuper from pg_roles where rolname = current_user")),
    ).then(
      (result) => JSON.stringify(result),
      () => "refused",
    );
    expect(outcome).not.toMatch(/"rolsuper":true/);
    if (t.kind === "pglite") expect(outcome).toBe("refused");
  });

  it("changes only app.* settings through app_set", async () => {
    expect(
      await refusal(
        withAccess(t.app.db, { communeId: laSerena }, (tx) =>
          tx.execute(sql`select app_set('role', 'postgres')`),
        ),
      ),
    ).toMatch(/only app\.\* settings/);
    const rows = await withAccess(t.app.db, {}, async (tx) => {
      await applySettings(tx, { communeId: coquimbo });
      return rowsOf<{ commune: string }>(
        await tx.execute(sql`select current_setting('app.commune_id') as commune`),
      );
    });
    expect(rows[0]!.commune).toBe(coquimbo);
  });

  it("refuses, on PGlite, a query sent outside a door instead of running it as the superuser", async ({
    skip,
  }) => {
    if (t.kind !== "pglite") skip();
    expect(await refusal(t.app.db.select({ id: communes.id }).from(communes).limit(1))).toMatch(
      /outside a door/,
    );
  });
});

describe("audit log is append-only", () => {
  it("refuses UPDATE and DELETE from the app role", async () => {
    await expect(
      withAccess(t.app.db, { communeId: laSerena }, (tx) => tx.update(auditLog).set({ action: "tampered" })),
    ).rejects.toThrow();
    await expect(
      withAccess(t.app.db, { communeId: laSerena }, (tx) => tx.delete(auditLog)),
    ).rejects.toThrow();
  });

  it("refuses UPDATE, DELETE and TRUNCATE from the owner too", async () => {
    const asOwner = (statement: ReturnType<typeof sql>) =>
      t.owner.db.transaction(async (tx) => {
        await applySettings(tx, { communeId: laSerena });
        await tx.execute(statement);
      });
    // drizzle wraps the database error; the trigger's message is in its cause.
    const refused = { cause: expect.objectContaining({ message: expect.stringMatching(/append-only/) }) };
    await expect(asOwner(sql`update audit_log set action = 'tampered'`)).rejects.toMatchObject(refused);
    await expect(asOwner(sql`delete from audit_log`)).rejects.toMatchObject(refused);
    await expect(asOwner(sql`truncate audit_log`)).rejects.toMatchObject(refused);
    const [row] = await withAccess(t.app.db, { communeId: laSerena }, (tx) =>
      tx.select({ action: auditLog.action }).from(auditLog),
    );
    expect(row!.action).toBe("test.event");
  });
});

describe("catalog policies", () => {
  it("shares published coalition and public use cases, never private or unpublished ones", async () => {
    const own = await withAccess(t.app.db, { communeId: laSerena }, (tx) =>
      tx.select().from(useCases).where(eq(useCases.communeId, laSerena)),
    );
    const privateCase = own.find((u) => u.visibility === "private")!;
    const coalitionCase = own.find((u) => u.visibility === "coalition" && u.status === "published")!;
    expect(privateCase).toBeDefined();

    // No app-level filter here: only the policies stand between Coquimbo and La Serena's rows.
    const seen = await withAccess(t.app.db, { communeId: coquimbo }, (tx) =>
      tx.select().from(useCases).where(eq(useCases.communeId, laSerena)),
    );
    expect(seen.map((u) => u.id)).toEqual([coalitionCase.id]);
    // Anonymous (no commune): public ones only.
    const anonymous = await withAccess(t.app.db, {}, (tx) => tx.select().from(useCases));
    expect(anonymous.length).toBeGreaterThan(0);
    expect(anonymous.every((u) => u.visibility === "public" && u.status === "published")).toBe(true);
    // Versions stay with their commune, even of a shared use case.
    const versions = await withAccess(t.app.db, { communeId: coquimbo }, (tx) =>
      tx.select().from(useCaseVersions).where(eq(useCaseVersions.communeId, laSerena)),
    );
    expect(versions).toHaveLength(0);
  });

  it("does not let a commune write into another's use cases or forge a notification's sender", async () => {
    const [target] = await withAccess(t.app.db, { communeId: coquimbo }, (tx) =>
      tx.select().from(useCases).where(eq(useCases.communeId, laSerena)),
    );
    const changed = await withAccess(t.app.db, { communeId: coquimbo }, (tx) =>
      tx.update(useCases).set({ title: "hijacked" }).where(eq(useCases.id, target!.id)).returning(),
    );
    expect(changed).toHaveLength(0);
    await expect(
      withAccess(t.app.db, { communeId: coquimbo }, (tx) =>
        tx.insert(notifications).values({ communeId: laSerena, kind: "endorsed", actorCommuneId: laSerena }),
      ),
    ).rejects.toThrow();
    // An adoption record is readable by whoever sees its source.
    const reuses = await withAccess(t.app.db, { communeId: coquimbo }, (tx) => tx.select().from(adoptions));
    expect(reuses.length).toBeGreaterThan(0);
  });
});

describe("full-text search side index", () => {
  const ids = (result: unknown) => rowsOf<{ use_case_id: string }>(result).map((r) => r.use_case_id);

  it("is not readable by the app role, only through catalog_text_search()", async () => {
    await expect(
      withAccess(t.app.db, { communeId: laSerena }, (tx) => tx.execute(sql`select * from use_case_search`)),
    ).rejects.toThrow();
  });

  it("finds without accents and applies the same visibility as the policies", async () => {
    const search = (communeId: string | null, query: string) =>
      withAccess(t.app.db, { communeId }, (tx) =>
        tx.execute(sql`select use_case_id from catalog_text_search(${query})`),
      ).then(ids);
    const own = await withAccess(t.app.db, { communeId: laSerena }, (tx) =>
      tx.select().from(useCases).where(eq(useCases.communeId, laSerena)),
    );
    const privateCase = own.find((u) => u.visibility === "private")!;
    const sharedCase = own.find((u) => u.visibility === "coalition" && u.status === "published")!;

    expect(await search(laSerena, "solicitudes OIRS")).toContain(privateCase.id);
    expect(await search(coquimbo, "solicitudes OIRS")).not.toContain(privateCase.id);
    expect(await search(coquimbo, "revision permisos edificacion")).toContain(sharedCase.id);
    // Without a commune, coalition cases stay hidden; public ones remain.
    expect(await search(null, "revision permisos edificacion")).not.toContain(sharedCase.id);
    expect((await search(null, "licitacion")).length).toBeGreaterThan(0);
  });
});

describe("usage_month_totals", () => {
  it("adds every usage insert to its commune's month, once, and shows it to that commune only", async () => {
    const [module] = await t.owner.db
      .select({ id: modules.id, communeId: modules.communeId })
      .from(modules)
      .limit(1);
    const record = (units: number, id?: string) =>
      withAccess(t.app.db, { communeId: coquimbo }, (tx) =>
        tx
          .insert(usageRecords)
          .values({
            ...(id ? { id } : {}),
            communeId: coquimbo,
            moduleId: module!.id,
            providerCommuneId: module!.communeId,
            subscriptionId: module!.id,
            apiKeyId: module!.id,
            month: "2031-05",
            units,
          })
          .onConflictDoNothing(),
      );
    const totals = (communeId: string) =>
      withAccess(t.app.db, { communeId }, (tx) =>
        tx
          .select({ units: usageMonthTotals.units })
          .from(usageMonthTotals)
          .where(eq(usageMonthTotals.month, "2031-05")),
      );
    const first = "0190f0f0-0000-7000-8000-0000000000aa";
    await record(1, first);
    await record(2);
    await record(1, first); // the same row again: not inserted, so not added
    expect(await totals(coquimbo)).toEqual([{ units: 3 }]);
    expect(await totals(laSerena)).toEqual([]);
    // Nobody sets a total by hand for another commune.
    await expect(
      withAccess(t.app.db, { communeId: laSerena }, (tx) =>
        tx
          .insert(usageMonthTotals)
          .values({ communeId: coquimbo, moduleId: module!.id, month: "2031-06", units: 1 }),
      ),
    ).rejects.toThrow();
  });
});
