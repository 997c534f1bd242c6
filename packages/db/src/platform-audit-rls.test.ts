import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships, platformAuditLog, refreshTokens, users } from "./schema/index";
import { seedDemo } from "./seed/demo";
import { applySettings, withAccess } from "./tenant-transaction";
import { createTestDatabase, type TestDatabase } from "./testing/test-database";

/**
 * The platform's own log (migration 0020) and the platform admin's powers over accounts
 * (migration 0024), as the database enforces them for the app role, and for the owner where the
 * log must stay append-only.
 */
let t: TestDatabase;
let editor: string;
let viewer: string;
let platformAdmin: string;

const idOf = async (email: string) =>
  (await t.owner.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;

const event = (actor: string | null, subject: string | null, action = "account.password_changed") => ({
  actorUserId: actor,
  subjectUserId: subject,
  action,
  requestId: "test",
});

/** The error PostgreSQL raises when a row fails a policy's WITH CHECK (drizzle wraps it in `cause`). */
function violatesPolicy(error: unknown): boolean {
  for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (String(e.message).includes('row-level security policy for table "platform_audit_log"')) return true;
  }
  return false;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.owner, { nodeEnv: "test" });
  editor = await idOf("editor@laserena.example");
  viewer = await idOf("viewer@laserena.example");
  platformAdmin = await idOf("plataforma@ciar.example");
  // One event about each person, each written as themself; one by the platform admin about the viewer.
  await withAccess(t.app.db, { userId: editor }, (tx) =>
    tx.insert(platformAuditLog).values(event(editor, editor)),
  );
  await withAccess(t.app.db, { userId: viewer }, (tx) =>
    tx.insert(platformAuditLog).values(event(viewer, viewer)),
  );
  await withAccess(t.app.db, { userId: platformAdmin }, (tx) =>
    tx.insert(platformAuditLog).values(event(platformAdmin, viewer, "account.locked")),
  );
});
afterAll(() => t?.close());

const readAs = (userId: string | null) =>
  withAccess(t.app.db, { userId }, (tx) =>
    tx
      .select({ action: platformAuditLog.action, subject: platformAuditLog.subjectUserId })
      .from(platformAuditLog),
  );

describe("platform_audit_log", () => {
  it("is append-only: UPDATE, DELETE and TRUNCATE refused for the app role, even a platform admin", async () => {
    for (const work of [
      (tx: Parameters<Parameters<typeof withAccess>[2]>[0]) =>
        tx.update(platformAuditLog).set({ action: "tampered" }),
      (tx: Parameters<Parameters<typeof withAccess>[2]>[0]) => tx.delete(platformAuditLog),
      (tx: Parameters<Parameters<typeof withAccess>[2]>[0]) => tx.execute(sql`truncate platform_audit_log`),
    ]) {
      await expect(withAccess(t.app.db, { userId: platformAdmin }, work)).rejects.toThrow();
    }
    expect(await readAs(platformAdmin)).toHaveLength(3);
  });

  it("is append-only for the owner too (the trigger holds past the table's privileges)", async () => {
    const asOwner = (statement: ReturnType<typeof sql>) =>
      t.owner.db.transaction(async (tx) => {
        await applySettings(tx, { userId: platformAdmin });
        await tx.execute(statement);
      });
    const refused = { cause: expect.objectContaining({ message: expect.stringMatching(/append-only/) }) };
    await expect(asOwner(sql`update platform_audit_log set action = 'tampered'`)).rejects.toMatchObject(
      refused,
    );
    await expect(asOwner(sql`delete from platform_audit_log`)).rejects.toMatchObject(refused);
    await expect(asOwner(sql`truncate platform_audit_log`)).rejects.toMatchObject(refused);
    const actions = (await readAs(platformAdmin)).map((row) => row.action).sort();
    expect(actions).toEqual(["account.locked", "account.password_changed", "account.password_changed"]);
  });

  it("lets a person read only the events about their own account", async () => {
    expect(await readAs(editor)).toEqual([{ action: "account.password_changed", subject: editor }]);
    expect((await readAs(viewer)).map((row) => row.action).sort()).toEqual([
      "account.locked",
      "account.password_changed",
    ]);
    expect(await readAs(null)).toEqual([]);
  });

  it("lets a platform admin read every event", async () => {
    const subjects = (await readAs(platformAdmin)).map((row) => row.subject);
    expect(subjects.sort()).toEqual([editor, viewer, viewer].sort());
  });

  it("refuses an event written as someone else, or about someone else without an actor", async () => {
    const insertAs = (userId: string, row: ReturnType<typeof event>) =>
      withAccess(t.app.db, { userId }, (tx) => tx.insert(platformAuditLog).values(row));
    // Claiming another actor.
    await expect(insertAs(editor, event(viewer, viewer))).rejects.toSatisfy(violatesPolicy);
    await expect(insertAs(editor, event(platformAdmin, viewer, "account.locked"))).rejects.toSatisfy(
      violatesPolicy,
    );
    // No actor, about someone else (only the flows that named the account may write those).
    await expect(insertAs(editor, event(null, viewer))).rejects.toSatisfy(violatesPolicy);
    // Without any caller at all.
    await expect(
      withAccess(t.app.db, {}, (tx) => tx.insert(platformAuditLog).values(event(null, viewer))),
    ).rejects.toSatisfy(violatesPolicy);
    // Allowed: no actor, about the account the flow named.
    await insertAs(editor, event(null, editor));
    expect(await readAs(editor)).toHaveLength(2);
    expect(await readAs(viewer)).toHaveLength(2);
  });
});

describe("platform admins and accounts (migration 0024)", () => {
  it("only a platform admin may lock another account and revoke its sessions", async () => {
    const lock = (as: string) =>
      withAccess(t.app.db, { userId: as }, async (tx) => ({
        users: await tx
          .update(users)
          .set({ disabledAt: new Date() })
          .where(eq(users.id, viewer))
          .returning({ id: users.id }),
        sessions: await tx
          .update(refreshTokens)
          .set({ revokedAt: new Date() })
          .where(eq(refreshTokens.userId, viewer))
          .returning({ id: refreshTokens.id }),
      }));
    await t.owner.db.insert(refreshTokens).values({
      userId: viewer,
      familyId: "00000000-0000-4000-8000-000000000001",
      tokenHash: "test-hash-viewer",
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect(await lock(editor)).toEqual({ users: [], sessions: [] });
    const [still] = await t.owner.db.select().from(users).where(eq(users.id, viewer));
    expect(still?.disabledAt).toBeNull();

    const done = await lock(platformAdmin);
    expect(done.users).toHaveLength(1);
    expect(done.sessions).toHaveLength(1);
  });

  it("lets a platform admin read a person's memberships in every commune; others only their own", async () => {
    const readMemberships = (userId: string) =>
      withAccess(t.app.db, { userId }, (tx) =>
        tx.select({ commune: memberships.communeId }).from(memberships).where(eq(memberships.userId, viewer)),
      );
    expect(await readMemberships(editor)).toEqual([]);
    expect(await readMemberships(platformAdmin)).toHaveLength(1);
  });
});
