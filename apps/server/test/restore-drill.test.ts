import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { auditLog, communes } from "@ciar/db/schema";
import { rowsOf } from "@ciar/db/rows";
import { seedDemo } from "@ciar/db/seed";
import { applySettings } from "@ciar/db/tenant-transaction";
import { eq, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@ciar/db/testing";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The backup and restore drill (scripts/backup.sh, scripts/restore.sh) on a real PostgreSQL:
 * seed, dump, restore into a fresh database, and check that every row came back and that the
 * security of the schema survived. Runs when TEST_DATABASE_URL is set (CI does).
 */
const adminUrl = process.env.TEST_DATABASE_URL;
const root = path.resolve(import.meta.dirname, "../../..");

describe.skipIf(!adminUrl)("backup and restore drill", () => {
  let source: TestDatabase;
  let admin: postgres.Sql;
  const restoredName = `ciar_restore_${Date.now()}`;
  const urlOf = (database: string) =>
    Object.assign(new URL(adminUrl!), { pathname: `/${database}` }).toString();

  beforeAll(async () => {
    source = await createTestDatabase();
    await seedDemo(source.owner, { nodeEnv: "test" });
    // One audit event, so that the restored log has rows to protect.
    await source.owner.db.transaction(async (tx) => {
      const [commune] = await tx.select({ id: communes.id }).from(communes).where(eq(communes.code, "04101"));
      await applySettings(tx, { communeId: commune!.id });
      await tx
        .insert(auditLog)
        .values({ communeId: commune!.id, action: "drill.event", entityType: "drill" });
    });
    admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${restoredName}`);
  });
  afterAll(async () => {
    await admin?.unsafe(`drop database if exists ${restoredName} with (force)`);
    await admin?.end();
    await source?.close();
  });

  it("restores every row, FORCE RLS and the append-only audit log", async () => {
    const sourceName = rowsOf<{ name: string }>(
      await source.owner.db.execute(sql`select current_database() as name`),
    )[0]!.name;
    const file = path.join(mkdtempSync(path.join(tmpdir(), "ciar-backup-")), "ciar.dump");
    execFileSync("bash", [path.join(root, "scripts/backup.sh"), urlOf(sourceName), file], { stdio: "pipe" });
    execFileSync("bash", [path.join(root, "scripts/restore.sh"), file, urlOf(restoredName)], {
      stdio: "pipe",
    });

    const before = postgres(urlOf(sourceName), { max: 1, onnotice: () => {} });
    const after = postgres(urlOf(restoredName), { max: 1, onnotice: () => {} });
    try {
      // As superuser (the drill's role), row counts are the whole truth.
      const countAll = async (sql: postgres.Sql) => {
        const tables = await sql<
          { name: string }[]
        >`select tablename as name from pg_tables where schemaname = 'public' order by 1`;
        const counts: Record<string, number> = {};
        for (const { name } of tables)
          counts[name] = Number((await sql.unsafe(`select count(*)::int as n from "${name}"`))[0]!.n);
        return counts;
      };
      const expected = await countAll(before);
      const restored = await countAll(after);
      console.log(
        `restore drill: ${Object.entries(restored)
          .map(([t, n]) => `${t}=${n}`)
          .join(" ")}`,
      );
      expect(restored).toEqual(expected);
      expect(restored.communes).toBe(346);
      expect(restored.use_cases).toBeGreaterThan(0);

      const forced = await after<{ relname: string }[]>`
        select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' and relforcerowsecurity order by 1`;
      expect(forced.map((r) => r.relname)).toEqual(
        expect.arrayContaining([
          "adoptions",
          "audit_log",
          "invitations",
          "memberships",
          "notifications",
          "refresh_tokens",
          "use_cases",
        ]),
      );
      await expect(after.unsafe("update audit_log set action = 'tampered'")).rejects.toThrow(/append-only/);
      await expect(after.unsafe("delete from audit_log")).rejects.toThrow(/append-only/);
      await expect(after.unsafe("truncate audit_log")).rejects.toThrow(/append-only/);
      expect(restored.audit_log).toBe(1);
      const grants = await after<
        { n: number }[]
      >`select count(*)::int as n from information_schema.role_table_grants where grantee = 'ciar_app'`;
      expect(grants[0]!.n).toBeGreaterThan(10);
    } finally {
      await before.end();
      await after.end();
    }
  });
});
