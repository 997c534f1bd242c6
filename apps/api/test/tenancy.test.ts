import { appRouter } from "@ciar/api/router";
import { auditLog, invitations, memberships } from "@ciar/db/schema";
import { applySettings } from "@ciar/db/tenant-transaction";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createTestApp, signIn, type Session, type TestApp } from "./support/test-app";

/**
 * Every tenant procedure, probed from another commune. When a procedure is added to the router,
 * the completeness test below fails until it is listed here with a valid input.
 */
let t: TestApp;
let serenaAdmin: Session;
let coquimboAdmin: Session;
let serenaEditorId: string;
let serenaInvitationId: string;

type Kind = "query" | "mutation";
const TENANT_PROCEDURES: Record<string, { kind: Kind; input: () => unknown }> = {
  "members.list": { kind: "query", input: () => ({ limit: 10 }) },
  "members.invite": { kind: "mutation", input: () => ({ email: "intruso@example.org", role: "admin" }) },
  "members.updateRole": { kind: "mutation", input: () => ({ userId: serenaEditorId, role: "admin" }) },
  "members.remove": { kind: "mutation", input: () => ({ userId: serenaEditorId }) },
  "members.invitations": { kind: "query", input: () => undefined },
  "members.revokeInvitation": { kind: "mutation", input: () => ({ invitationId: serenaInvitationId }) },
  "communes.get": { kind: "query", input: () => undefined },
  "communes.update": { kind: "mutation", input: () => ({ displayName: "Comuna tomada" }) },
  "audit.list": { kind: "query", input: () => ({ limit: 10 }) },
};
const PUBLIC_PROCEDURES = [
  "auth.login",
  "auth.refresh",
  "auth.logout",
  "auth.me",
  "invitations.preview",
  "invitations.accept",
];

beforeAll(async () => {
  t = await createTestApp();
  serenaAdmin = await signIn(t, "admin@laserena.example");
  coquimboAdmin = await signIn(t, "admin@coquimbo.example");
  serenaEditorId = await t.userId("editor@laserena.example");
  const invite = await call<{ invitation: { id: string } }>(
    t,
    "mutation",
    "members.invite",
    { email: "pendiente@laserena.example", role: "viewer" },
    { token: serenaAdmin.token, commune: t.communeId.laSerena },
  );
  serenaInvitationId = invite.data.invitation.id;
});
afterAll(() => t?.close());

/** What La Serena's data looks like from the owner's side, to prove nothing changed. */
async function serenaSnapshot() {
  const db = t.db.owner.db;
  return db.transaction(async (tx) => {
    await applySettings(tx, { communeId: t.communeId.laSerena });
    return {
      members: await tx
        .select()
        .from(memberships)
        .where(eq(memberships.communeId, t.communeId.laSerena))
        .orderBy(memberships.userId),
      invitations: await tx
        .select()
        .from(invitations)
        .where(eq(invitations.communeId, t.communeId.laSerena))
        .orderBy(invitations.id),
      audit: (await tx.select().from(auditLog).where(eq(auditLog.communeId, t.communeId.laSerena))).length,
    };
  });
}

describe("the tenant door", () => {
  it("lists every procedure of the router in this file", () => {
    const all = Object.keys(appRouter._def.procedures).sort();
    expect(all).toEqual([...Object.keys(TENANT_PROCEDURES), ...PUBLIC_PROCEDURES].sort());
  });

  it.each(Object.entries(TENANT_PROCEDURES))(
    "%s: another commune's admin gets FORBIDDEN and changes nothing",
    async (path, p) => {
      const before = await serenaSnapshot();
      const result = await call(t, p.kind, path, p.input(), {
        token: coquimboAdmin.token,
        commune: t.communeId.laSerena,
      });
      expect(result.status).toBe(403);
      expect(result.error?.data.appCode).toBe("tenant.forbidden");
      expect(result.body).not.toMatch(/Comuna tomada|editor@laserena|pendiente@/);
      expect(await serenaSnapshot()).toEqual(before);
    },
  );

  it.each(Object.entries(TENANT_PROCEDURES))("%s: without a token gets UNAUTHORIZED", async (path, p) => {
    const result = await call(t, p.kind, path, p.input(), { commune: t.communeId.laSerena });
    expect(result.status).toBe(401);
  });

  it("asks for the commune when the header is missing, and refuses a malformed or unknown one", async () => {
    const missing = await call(t, "query", "communes.get", undefined, { token: serenaAdmin.token });
    expect(missing.status).toBe(400);
    expect(missing.error?.data.appCode).toBe("tenant.missing");
    for (const commune of [
      "not-a-uuid",
      "' or 1=1 --",
      "00000000-0000-4000-8000-000000000000",
      t.communeId.maipu,
    ]) {
      const result = await call(t, "query", "communes.get", undefined, { token: serenaAdmin.token, commune });
      expect(result.status).toBe(403);
    }
  });
});

describe("another commune's record ids, through one's own commune", () => {
  const asCoquimbo = () => ({ token: coquimboAdmin.token, commune: t.communeId.coquimbo });

  it("cannot change or remove a La Serena member by id", async () => {
    const before = await serenaSnapshot();
    const update = await call(
      t,
      "mutation",
      "members.updateRole",
      { userId: serenaEditorId, role: "viewer" },
      asCoquimbo(),
    );
    expect(update.status).toBe(404);
    expect(update.error?.data.appCode).toBe("members.not_found");
    const remove = await call(t, "mutation", "members.remove", { userId: serenaEditorId }, asCoquimbo());
    expect(remove.status).toBe(404);
    expect(await serenaSnapshot()).toEqual(before);
  });

  it("cannot revoke a La Serena invitation by id", async () => {
    const result = await call(
      t,
      "mutation",
      "members.revokeInvitation",
      { invitationId: serenaInvitationId },
      asCoquimbo(),
    );
    expect(result.status).toBe(404);
    const [row] = await t.db.owner.db.transaction(async (tx) => {
      await applySettings(tx, { communeId: t.communeId.laSerena });
      return tx.select().from(invitations).where(eq(invitations.id, serenaInvitationId));
    });
    expect(row?.revokedAt).toBeNull();
  });

  it("sees only its own members, invitations and audit events", async () => {
    const list = await call<{ items: { email: string }[] }>(
      t,
      "query",
      "members.list",
      { limit: 100 },
      asCoquimbo(),
    );
    expect(list.data.items.map((m) => m.email)).not.toContain("admin@laserena.example");
    expect(list.data.items.map((m) => m.email)).toContain("admin@coquimbo.example");
    const pending = await call<{ email: string }[]>(
      t,
      "query",
      "members.invitations",
      undefined,
      asCoquimbo(),
    );
    expect(pending.data.map((i) => i.email)).not.toContain("pendiente@laserena.example");
    const audit = await call<{ items: { action: string; entityId: string }[] }>(
      t,
      "query",
      "audit.list",
      { limit: 100 },
      asCoquimbo(),
    );
    expect(audit.data.items.map((e) => e.entityId)).not.toContain(serenaInvitationId);
  });
});

describe("hostile input", () => {
  const hostile: unknown[] = [
    null,
    42,
    "string",
    [],
    { limit: -1 },
    { limit: 1e9 },
    { limit: 10, search: "x".repeat(10_000) },
    { limit: 10, cursor: "'; drop table memberships; --" },
    { limit: 10, search: "%' or 1=1 --" },
    { email: { $ne: null }, role: "admin" },
    { userId: "../../etc/passwd", role: "owner" },
    { displayName: "<script>alert(1)</script>".repeat(20), websiteUrl: "javascript:alert(1)" },
  ];

  it.each(Object.keys(TENANT_PROCEDURES))("%s never answers 5xx nor leaks SQL or stacks", async (path) => {
    const p = TENANT_PROCEDURES[path]!;
    for (const input of hostile) {
      const result = await call(t, p.kind, path, input, {
        token: serenaAdmin.token,
        commune: t.communeId.laSerena,
      });
      expect(result.status, `${path} ${JSON.stringify(input)}`).toBeLessThan(500);
      expect(result.body).not.toMatch(/select |insert into|update "|drizzle|postgres|at .*\.ts:\d+|stack/i);
    }
  });

  it("rejects unparseable bodies and unknown procedures without a 5xx", async () => {
    const garbage = await t.app.inject({
      method: "POST",
      url: "/trpc/members.invite",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${serenaAdmin.token}`,
        "x-commune-id": t.communeId.laSerena,
      },
      payload: "{not json",
    });
    expect(garbage.statusCode).toBeLessThan(500);
    const unknown = await t.app.inject({ method: "GET", url: "/trpc/members.dropAll" });
    expect(unknown.statusCode).toBe(404);
  });
});
