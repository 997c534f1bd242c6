import { auditLog, memberships, platformAuditLog, users } from "@ciar/db/schema";
import { applySettings } from "@ciar/db/tenant-transaction";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recipientsOf, startTestSmtpServer, type TestSmtpServer } from "./support/smtp-server";
import { call, createTestApp, signIn, type Session, type TestApp } from "./support/test-app";

/**
 * People management without SQL (issue 13, item 6): a commune admin suspends and reactivates a
 * member's access to the commune; a platform admin locks and unlocks an account platform-wide and
 * sees a person's memberships. Each refusal is checked to change nothing. The person is told by
 * e-mail, delivered by the mail job to a real SMTP server started here.
 */
let smtp: TestSmtpServer;
let t: TestApp;
let serenaAdmin: Session;
let platformAdmin: Session;
const serena = () => t.communeId.laSerena;
const coquimbo = () => t.communeId.coquimbo;
const inSerena = (s: Session) => ({ token: s.token, commune: serena() });

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  t = await createTestApp({
    JOBS: "true",
    SMTP_URL: smtp.url,
    MAIL_FROM: "Red CIAR <no-reply@red-ciar.example>",
    MAIL_RETRY_SECONDS: "0.5",
  });
  serenaAdmin = await signIn(t, "admin@laserena.example");
  platformAdmin = await signIn(t, "plataforma@ciar.example");
});
afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});

/** The next message to `address` whose subject matches. */
const mailTo = (address: string, subject: RegExp) =>
  smtp.waitFor((m) => recipientsOf(m).includes(address) && subject.test(m.subject ?? ""));

/** La Serena's memberships and the number of its audit events, read as the owner. */
async function serenaState() {
  return t.db.owner.db.transaction(async (tx) => {
    await applySettings(tx, { communeId: serena() });
    return {
      members: await tx
        .select()
        .from(memberships)
        .where(eq(memberships.communeId, serena()))
        .orderBy(memberships.userId),
      audit: (await tx.select().from(auditLog).where(eq(auditLog.communeId, serena()))).length,
    };
  });
}

async function lastSerenaEvent() {
  const result = await call<{
    items: { action: string; entityId: string; changes: Record<string, unknown> }[];
  }>(t, "query", "audit.list", { limit: 1 }, inSerena(serenaAdmin));
  return result.data.items[0]!;
}

async function platformEvents(subject: string) {
  return t.db.owner.db.transaction(async (tx) => {
    // The platform log forces RLS for its owner too: read as the platform admin.
    await applySettings(tx, { userId: platformAdmin.userId });
    return tx
      .select()
      .from(platformAuditLog)
      .where(eq(platformAuditLog.subjectUserId, subject))
      .orderBy(platformAuditLog.createdAt);
  });
}

describe("members.suspend and members.reactivate", () => {
  it("only a commune admin may suspend or reactivate; other roles change nothing", async () => {
    const viewerId = await t.userId("viewer@laserena.example");
    const before = await serenaState();
    for (const email of ["editor@laserena.example", "viewer@laserena.example"]) {
      const session = await signIn(t, email);
      for (const path of ["members.suspend", "members.reactivate"]) {
        const result = await call(t, "mutation", path, { userId: viewerId }, inSerena(session));
        expect(result.status, `${email} ${path}`).toBe(403);
        expect(result.error?.data.appCode).toBe("permission.denied");
      }
    }
    // A coordinator and a platform admin are not members of La Serena.
    for (const session of [platformAdmin, await signIn(t, "coordinacion@ciar.example")]) {
      const result = await call(t, "mutation", "members.suspend", { userId: viewerId }, inSerena(session));
      expect(result.error?.data.appCode).toBe("tenant.forbidden");
    }
    expect(await serenaState()).toEqual(before);
  });

  it("refuses malformed ids with a 400 and accepts upper-case ids as the same member", async () => {
    const before = await serenaState();
    for (const userId of ["not-a-uuid", "", 42, "00000000-0000-0000-0000-00000000000g"]) {
      const result = await call(t, "mutation", "members.suspend", { userId }, inSerena(serenaAdmin));
      expect(result.status, String(userId)).toBe(400);
    }
    const tooLong = await call(
      t,
      "mutation",
      "members.suspend",
      { userId: await t.userId("viewer@laserena.example"), reason: "x".repeat(501) },
      inSerena(serenaAdmin),
    );
    expect(tooLong.status).toBe(400);
    expect(await serenaState()).toEqual(before);

    // The admin's own id, upper-cased, is still the admin's own: refused as suspending oneself.
    const self = await call(
      t,
      "mutation",
      "members.suspend",
      { userId: serenaAdmin.userId.toUpperCase() },
      inSerena(serenaAdmin),
    );
    expect(self.status).toBe(409);
    expect(self.error?.data.appCode).toBe("members.cannot_suspend_self");
    expect(await serenaState()).toEqual(before);
  });

  it("a suspended member's very next request is refused at the tenant door; other communes still work", async () => {
    // soporte@ciar.example is admin of La Serena and of Coquimbo, signed in before the suspension.
    const soporte = await signIn(t, "soporte@ciar.example");
    const asSoporte = (commune: string) => ({ token: soporte.token, commune });
    expect((await call(t, "query", "members.list", { limit: 5 }, asSoporte(serena()))).status).toBe(200);

    const suspended = await call(
      t,
      "mutation",
      "members.suspend",
      { userId: soporte.userId.toUpperCase(), reason: "Cambio de funciones" },
      inSerena(serenaAdmin),
    );
    expect(suspended.status).toBe(200);
    expect(await lastSerenaEvent()).toMatchObject({
      action: "member.suspended",
      entityId: soporte.userId,
      changes: { role: "admin", reason: "Cambio de funciones" },
    });
    // Told by e-mail, in text and HTML, with the reason.
    const notice = await mailTo("soporte@ciar.example", /Tu acceso a La Serena fue suspendido/);
    expect(notice.text).toContain("Motivo indicado: Cambio de funciones");
    expect(notice.html).toContain("Cambio de funciones");

    const refused = await call(t, "query", "members.list", { limit: 5 }, asSoporte(serena()));
    expect(refused.status).toBe(403);
    expect(refused.error?.data.appCode).toBe("members.suspended");
    expect(refused.error?.message).toMatch(/suspendido/);
    const english = await call(t, "query", "communes.get", undefined, {
      ...asSoporte(serena()),
      locale: "en",
    });
    expect(english.error?.message).toMatch(/suspended/);
    // Nor can they act there.
    const write = await call(
      t,
      "mutation",
      "communes.update",
      { displayName: "Tomada" },
      asSoporte(serena()),
    );
    expect(write.error?.data.appCode).toBe("members.suspended");

    // Coquimbo is another commune: still theirs. La Serena is no longer offered to switch to.
    expect((await call(t, "query", "members.list", { limit: 5 }, asSoporte(coquimbo()))).status).toBe(200);
    const me = await call<{ memberships: { communeId: string }[] }>(t, "query", "auth.me", undefined, {
      token: soporte.token,
    });
    expect(me.data.memberships.map((m) => m.communeId)).toEqual([coquimbo()]);

    // The member list shows the state to the admin.
    const list = await call<{
      items: { userId: string; suspendedAt: string | null; suspensionReason: string | null }[];
    }>(t, "query", "members.list", { limit: 10, search: "soporte" }, inSerena(serenaAdmin));
    expect(list.data.items[0]).toMatchObject({
      userId: soporte.userId,
      suspensionReason: "Cambio de funciones",
    });
    expect(list.data.items[0]!.suspendedAt).not.toBeNull();

    // Suspending again changes nothing and records nothing.
    const auditBefore = (await serenaState()).audit;
    await call(t, "mutation", "members.suspend", { userId: soporte.userId }, inSerena(serenaAdmin));
    expect((await serenaState()).audit).toBe(auditBefore);

    const reactivated = await call(
      t,
      "mutation",
      "members.reactivate",
      { userId: soporte.userId },
      inSerena(serenaAdmin),
    );
    expect(reactivated.status).toBe(200);
    expect(await lastSerenaEvent()).toMatchObject({ action: "member.reactivated", entityId: soporte.userId });
    // The same access token works again, with the role it had.
    const back = await call(t, "query", "members.list", { limit: 5 }, asSoporte(serena()));
    expect(back.status).toBe(200);
  });

  it("a suspended admin does not count as the commune's admin", async () => {
    // Coquimbo has two admins: admin@coquimbo.example and soporte@ciar.example.
    const coquimboAdmin = await signIn(t, "admin@coquimbo.example");
    const soporte = await signIn(t, "soporte@ciar.example");
    const asAdmin = { token: coquimboAdmin.token, commune: coquimbo() };
    expect((await call(t, "mutation", "members.suspend", { userId: soporte.userId }, asAdmin)).status).toBe(
      200,
    );
    // The only active admin left cannot step down.
    const demote = await call(
      t,
      "mutation",
      "members.updateRole",
      { userId: coquimboAdmin.userId, role: "viewer" },
      asAdmin,
    );
    expect(demote.error?.data.appCode).toBe("members.last_admin");
    expect(
      (await call(t, "mutation", "members.reactivate", { userId: soporte.userId }, asAdmin)).status,
    ).toBe(200);
  });

  it("refuses ids of people who are not members of the commune", async () => {
    const before = await serenaState();
    const outsider = await t.userId("editor@coquimbo.example");
    for (const path of ["members.suspend", "members.reactivate"]) {
      const result = await call(t, "mutation", path, { userId: outsider }, inSerena(serenaAdmin));
      expect(result.status, path).toBe(404);
      expect(result.error?.data.appCode).toBe("members.not_found");
    }
    expect(await serenaState()).toEqual(before);
  });
});

describe("people: platform lock and unlock", () => {
  it("only platform admins see people and lock accounts", async () => {
    const editorId = await t.userId("editor@laserena.example");
    for (const session of [serenaAdmin, await signIn(t, "coordinacion@ciar.example")]) {
      for (const [kind, path, input] of [
        ["query", "people.list", { limit: 5 }],
        ["query", "people.detail", { userId: editorId }],
        ["mutation", "people.lock", { userId: editorId }],
        ["mutation", "people.unlock", { userId: editorId }],
        ["query", "platformAudit.list", { limit: 5 }],
      ] as const) {
        const result = await call(t, kind, path, input, { token: session.token });
        expect(result.error?.data.appCode, path).toBe("platform.forbidden");
      }
    }
    const [editor] = await t.db.owner.db.select().from(users).where(eq(users.id, editorId));
    expect(editor?.disabledAt).toBeNull();
  });

  it("searches people by e-mail or name, pages, and shows a person's memberships", async () => {
    const found = await call<{ items: { email: string }[]; total: number; nextCursor: string | null }>(
      t,
      "query",
      "people.list",
      { limit: 2, search: "LASERENA" },
      { token: platformAdmin.token },
    );
    expect(found.status).toBe(200);
    expect(found.data.total).toBe(3);
    expect(found.data.items).toHaveLength(2);
    const rest = await call<{ items: { email: string }[]; nextCursor: string | null }>(
      t,
      "query",
      "people.list",
      { limit: 2, search: "LASERENA", cursor: found.data.nextCursor },
      { token: platformAdmin.token },
    );
    expect(rest.data.nextCursor).toBeNull();
    expect([...found.data.items, ...rest.data.items].map((p) => p.email).sort()).toEqual([
      "admin@laserena.example",
      "editor@laserena.example",
      "viewer@laserena.example",
    ]);

    const soporteId = await t.userId("soporte@ciar.example");
    const detail = await call<{ email: string; memberships: { communeId: string; role: string }[] }>(
      t,
      "query",
      "people.detail",
      { userId: soporteId.toUpperCase() },
      { token: platformAdmin.token },
    );
    expect(detail.data.email).toBe("soporte@ciar.example");
    expect(detail.data.memberships.map((m) => [m.communeId, m.role]).sort()).toEqual(
      [
        [serena(), "admin"],
        [coquimbo(), "admin"],
      ].sort(),
    );
    const unknown = await call(
      t,
      "query",
      "people.detail",
      { userId: "00000000-0000-4000-8000-000000000000" },
      { token: platformAdmin.token },
    );
    expect(unknown.error?.data.appCode).toBe("people.not_found");
    const bad = await call(
      t,
      "query",
      "people.list",
      { limit: 5, cursor: "no-es-nuestro" },
      { token: platformAdmin.token },
    );
    expect(bad.status).toBe(400);
  });

  it("a lock refuses sign-in, refresh and the access tokens already issued, at once; unlock restores sign-in", async () => {
    const viewer = await signIn(t, "viewer@laserena.example");
    expect((await call(t, "query", "members.list", { limit: 5 }, inSerena(viewer))).status).toBe(200);

    const locked = await call(
      t,
      "mutation",
      "people.lock",
      { userId: viewer.userId.toUpperCase(), reason: "Dejó el municipio" },
      { token: platformAdmin.token },
    );
    expect(locked.status).toBe(200);
    const lockNotice = await mailTo("viewer@laserena.example", /Tu cuenta de la Red CIAR fue bloqueada/);
    expect(lockNotice.text).toContain("Motivo indicado: Dejó el municipio");

    // The access token issued before the lock: refused at its very next request, at every door.
    const tenant = await call(t, "query", "members.list", { limit: 5 }, inSerena(viewer));
    expect(tenant.status).toBe(401);
    expect(tenant.error?.data.appCode).toBe("auth.session_expired");
    expect((await call(t, "query", "auth.me", undefined, { token: viewer.token })).status).toBe(401);
    // Refresh: refused.
    const refresh = await call(t, "mutation", "auth.refresh", undefined, { cookie: viewer.cookie });
    expect(refresh.status).toBe(401);
    // Sign-in with the right password: told the account is locked; with a wrong one, nothing more.
    const signInLocked = await call(t, "mutation", "auth.login", {
      email: "viewer@laserena.example",
      password: "ciar-demo-2026",
    });
    expect(signInLocked.status).toBe(403);
    expect(signInLocked.error?.data.appCode).toBe("auth.account_locked");
    const wrong = await call(t, "mutation", "auth.login", {
      email: "viewer@laserena.example",
      password: "not-the-password",
    });
    expect(wrong.error?.data.appCode).toBe("auth.invalid_credentials");

    const detail = await call<{ lockedAt: string | null; lockReason: string | null }>(
      t,
      "query",
      "people.detail",
      { userId: viewer.userId },
      { token: platformAdmin.token },
    );
    expect(detail.data.lockReason).toBe("Dejó el municipio");
    expect(detail.data.lockedAt).not.toBeNull();

    const unlocked = await call(
      t,
      "mutation",
      "people.unlock",
      { userId: viewer.userId },
      { token: platformAdmin.token },
    );
    expect(unlocked.status).toBe(200);
    // Old sessions stay ended; a new sign-in works.
    expect((await call(t, "mutation", "auth.refresh", undefined, { cookie: viewer.cookie })).status).toBe(
      401,
    );
    const again = await signIn(t, "viewer@laserena.example");
    expect((await call(t, "query", "members.list", { limit: 5 }, inSerena(again))).status).toBe(200);

    // Both recorded in the platform log, with who, about whom and why.
    const events = await platformEvents(viewer.userId);
    expect(events.map((e) => [e.action, e.actorUserId])).toEqual([
      ["account.locked", platformAdmin.userId],
      ["account.unlocked", platformAdmin.userId],
    ]);
    expect(events[0]?.changes).toMatchObject({ reason: "Dejó el municipio", sessionsEnded: 2 });

    // The platform log viewer: filter by action and by person.
    const log = await call<{
      items: { action: string; subjectEmail: string | null; actorEmail: string | null }[];
    }>(
      t,
      "query",
      "platformAudit.list",
      { limit: 10, action: "account.locked", userId: viewer.userId },
      { token: platformAdmin.token },
    );
    expect(log.data.items).toEqual([
      expect.objectContaining({
        action: "account.locked",
        subjectEmail: "viewer@laserena.example",
        actorEmail: "plataforma@ciar.example",
      }),
    ]);
    const badAction = await call(
      t,
      "query",
      "platformAudit.list",
      { limit: 10, action: "account.exploded" },
      { token: platformAdmin.token },
    );
    expect(badAction.status).toBe(400);
  });

  it("a platform admin cannot lock their own account (id in any case); unknown ids change nothing", async () => {
    const self = await call(
      t,
      "mutation",
      "people.lock",
      { userId: platformAdmin.userId.toUpperCase() },
      { token: platformAdmin.token },
    );
    expect(self.status).toBe(409);
    expect(self.error?.data.appCode).toBe("people.cannot_lock_self");
    const nobody = await call(
      t,
      "mutation",
      "people.lock",
      { userId: "00000000-0000-4000-8000-000000000000" },
      { token: platformAdmin.token },
    );
    expect(nobody.error?.data.appCode).toBe("people.not_found");
    const malformed = await call(
      t,
      "mutation",
      "people.lock",
      { userId: "nadie" },
      { token: platformAdmin.token },
    );
    expect(malformed.status).toBe(400);
    const [me] = await t.db.owner.db.select().from(users).where(eq(users.id, platformAdmin.userId));
    expect(me?.disabledAt).toBeNull();
    expect(await platformEvents(platformAdmin.userId)).toEqual([]);
  });

  it("a locked account cannot accept an invitation", async () => {
    const invite = await call<{ acceptUrl: string }>(
      t,
      "mutation",
      "members.invite",
      { email: "editor@coquimbo.example", role: "viewer" },
      inSerena(serenaAdmin),
    );
    const token = invite.data.acceptUrl.split("/").pop()!;
    const editor = await signIn(t, "editor@coquimbo.example");
    await call(t, "mutation", "people.lock", { userId: editor.userId }, { token: platformAdmin.token });
    const accept = await call(t, "mutation", "invitations.accept", { token }, { token: editor.token });
    expect(accept.status).toBe(401);
    const anonymous = await call(t, "mutation", "invitations.accept", { token });
    expect(anonymous.error?.data.appCode).toBe("invitations.sign_in_required");
    const joined = await t.db.owner.db.transaction(async (tx) => {
      await applySettings(tx, { communeId: serena() });
      return tx
        .select()
        .from(memberships)
        .where(and(eq(memberships.communeId, serena()), eq(memberships.userId, editor.userId)));
    });
    expect(joined).toEqual([]);
    await call(t, "mutation", "people.unlock", { userId: editor.userId }, { token: platformAdmin.token });
  });
});
