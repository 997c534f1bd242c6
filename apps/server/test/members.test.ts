import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createTestApp, refreshCookieOf, signIn, type Session, type TestApp } from "./support/test-app";

let t: TestApp;
let admin: Session;
let editor: Session;
let viewer: Session;
const serena = () => t.communeId.laSerena;
const as = (s: Session) => ({ token: s.token, commune: serena() });

interface Member {
  userId: string;
  email: string;
  role: string;
}
interface AuditItem {
  action: string;
  entityId: string | null;
  changes: Record<string, unknown>;
  actorEmail: string | null;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, "admin@laserena.example");
  editor = await signIn(t, "editor@laserena.example");
  viewer = await signIn(t, "viewer@laserena.example");
});
afterAll(() => t?.close());

async function members(session = admin, input: object = { limit: 100 }) {
  return (
    await call<{ items: Member[]; total: number; nextCursor: string | null }>(
      t,
      "query",
      "members.list",
      input,
      as(session),
    )
  ).data;
}
async function latestAudit(): Promise<AuditItem> {
  const result = await call<{ items: AuditItem[] }>(t, "query", "audit.list", { limit: 1 }, as(admin));
  return result.data.items[0]!;
}

describe("members.list", () => {
  it("shows La Serena's members to every role, sorted by name", async () => {
    const list = await members(viewer);
    expect(list.items.map((m) => m.email).sort()).toEqual(
      [
        "admin@laserena.example",
        "editor@laserena.example",
        "soporte@ciar.example",
        "viewer@laserena.example",
      ].sort(),
    );
    expect(list.total).toBe(4);
  });

  it("pages with a cursor and filters by name or e-mail", async () => {
    const first = await members(admin, { limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await members(admin, { limit: 3, cursor: first.nextCursor });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((m) => m.userId)).size).toBe(4);

    const found = await members(admin, { limit: 10, search: "EDITOR" });
    expect(found.items.map((m) => m.email)).toEqual(["editor@laserena.example"]);
    expect(found.total).toBe(1);
  });
});

describe("permissions", () => {
  it("lets only admins invite, change roles and remove", async () => {
    const viewerId = await t.userId("viewer@laserena.example");
    for (const session of [editor, viewer]) {
      const attempts = [
        await call(
          t,
          "mutation",
          "members.invite",
          { email: "x@laserena.example", role: "viewer" },
          as(session),
        ),
        await call(t, "mutation", "members.updateRole", { userId: viewerId, role: "admin" }, as(session)),
        await call(t, "mutation", "members.remove", { userId: viewerId }, as(session)),
        await call(t, "query", "members.invitations", undefined, as(session)),
        await call(t, "query", "audit.list", { limit: 5 }, as(session)),
      ];
      for (const result of attempts) {
        expect(result.status).toBe(403);
        expect(result.error?.data.appCode).toBe("permission.denied");
      }
    }
  });
});

describe("invitations", () => {
  it("invites, previews and accepts a new person, who lands signed in as a member", async () => {
    const invite = await call<{ acceptUrl: string; invitation: { id: string; role: string } }>(
      t,
      "mutation",
      "members.invite",
      { email: "Nueva.Persona@LaSerena.example", role: "editor" },
      as(admin),
    );
    expect(invite.status).toBe(200);
    expect(invite.data.acceptUrl).toMatch(/\/invitacion\/[A-Za-z0-9_-]{43}$/);
    const token = invite.data.acceptUrl.split("/").pop()!;
    expect(await latestAudit()).toMatchObject({
      action: "invitation.created",
      actorEmail: "admin@laserena.example",
      changes: { email: "nueva.persona@laserena.example", role: "editor" },
    });
    const pending = await call<{ email: string }[]>(t, "query", "members.invitations", undefined, as(admin));
    expect(pending.data.map((i) => i.email)).toContain("nueva.persona@laserena.example");

    const preview = await call(t, "query", "invitations.preview", { token });
    expect(preview.data).toMatchObject({ communeName: "La Serena", role: "editor", accountExists: false });

    const missingDetails = await call(t, "mutation", "invitations.accept", { token });
    expect(missingDetails.error?.data.appCode).toBe("invitations.account_details_required");
    const weak = await call(t, "mutation", "invitations.accept", {
      token,
      name: "Nueva Persona",
      password: "short",
    });
    expect(weak.status).toBe(400);
    expect(weak.error?.data.fieldErrors?.password).toBeDefined();

    const accepted = await call<{ communeId: string; accessToken: string }>(
      t,
      "mutation",
      "invitations.accept",
      {
        token,
        name: "Nueva Persona",
        password: "una-clave-larga-123",
      },
    );
    expect(accepted.status).toBe(200);
    expect(accepted.data.communeId).toBe(serena());
    expect(refreshCookieOf(accepted.setCookie)).toBeDefined();
    const asNew = await call<{ items: Member[] }>(
      t,
      "query",
      "members.list",
      { limit: 50 },
      { token: accepted.data.accessToken, commune: serena() },
    );
    expect(asNew.data.items.find((m) => m.email === "nueva.persona@laserena.example")?.role).toBe("editor");
    expect((await signIn(t, "nueva.persona@laserena.example", "una-clave-larga-123")).token).toBeTruthy();

    // Single use.
    const again = await call(t, "mutation", "invitations.accept", {
      token,
      name: "Otra",
      password: "una-clave-larga-123",
    });
    expect(again.status).toBe(404);
    expect((await call(t, "query", "invitations.preview", { token })).status).toBe(404);
  });

  it("requires an existing account to be signed in as itself to accept", async () => {
    const invite = await call<{ acceptUrl: string }>(
      t,
      "mutation",
      "members.invite",
      { email: "editor@coquimbo.example", role: "viewer" },
      as(admin),
    );
    const token = invite.data.acceptUrl.split("/").pop()!;
    expect((await call(t, "query", "invitations.preview", { token })).data).toMatchObject({
      accountExists: true,
    });

    const anonymous = await call(t, "mutation", "invitations.accept", {
      token,
      name: "Pirata",
      password: "una-clave-larga-123",
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.error?.data.appCode).toBe("invitations.sign_in_required");
    const wrongPerson = await call(t, "mutation", "invitations.accept", { token }, { token: viewer.token });
    expect(wrongPerson.error?.data.appCode).toBe("invitations.sign_in_required");

    const invitee = await signIn(t, "editor@coquimbo.example");
    const accepted = await call(t, "mutation", "invitations.accept", { token }, { token: invitee.token });
    expect(accepted.status).toBe(200);
    const me = await call<{ memberships: { code: string; role: string }[] }>(
      t,
      "query",
      "auth.me",
      undefined,
      { token: invitee.token },
    );
    expect(me.data.memberships.map((m) => [m.code, m.role])).toEqual([
      ["04102", "editor"],
      ["04101", "viewer"],
    ]);
  });

  it("refuses to invite a member or to invite twice, and revokes", async () => {
    const member = await call(
      t,
      "mutation",
      "members.invite",
      { email: "EDITOR@laserena.example", role: "admin" },
      as(admin),
    );
    expect(member.status).toBe(409);
    expect(member.error?.data.appCode).toBe("members.already_member");

    const first = await call<{ invitation: { id: string }; acceptUrl: string }>(
      t,
      "mutation",
      "members.invite",
      { email: "dos@laserena.example", role: "viewer" },
      as(admin),
    );
    const second = await call(
      t,
      "mutation",
      "members.invite",
      { email: "dos@laserena.example", role: "admin" },
      as(admin),
    );
    expect(second.status).toBe(409);
    expect(second.error?.data.appCode).toBe("invitations.already_pending");

    const revoked = await call(
      t,
      "mutation",
      "members.revokeInvitation",
      { invitationId: first.data.invitation.id },
      as(admin),
    );
    expect(revoked.status).toBe(200);
    expect(await latestAudit()).toMatchObject({
      action: "invitation.revoked",
      entityId: first.data.invitation.id,
    });
    const token = first.data.acceptUrl.split("/").pop()!;
    expect((await call(t, "query", "invitations.preview", { token })).status).toBe(404);
    // Once revoked, the address can be invited again.
    expect(
      (
        await call(
          t,
          "mutation",
          "members.invite",
          { email: "dos@laserena.example", role: "admin" },
          as(admin),
        )
      ).status,
    ).toBe(200);
  });
});

describe("roles and removal", () => {
  it("changes a role and audits the change", async () => {
    const viewerId = await t.userId("viewer@laserena.example");
    const result = await call(
      t,
      "mutation",
      "members.updateRole",
      { userId: viewerId, role: "editor" },
      as(admin),
    );
    expect(result.status).toBe(200);
    expect((await members()).items.find((m) => m.userId === viewerId)?.role).toBe("editor");
    expect(await latestAudit()).toMatchObject({
      action: "member.role_changed",
      entityId: viewerId,
      changes: { role: { from: "viewer", to: "editor" } },
    });
  });

  it("keeps at least one admin", async () => {
    const support = await t.userId("soporte@ciar.example");
    const adminId = await t.userId("admin@laserena.example");
    expect(
      (await call(t, "mutation", "members.updateRole", { userId: support, role: "viewer" }, as(admin)))
        .status,
    ).toBe(200);
    const demoteLast = await call(
      t,
      "mutation",
      "members.updateRole",
      { userId: adminId, role: "editor" },
      as(admin),
    );
    expect(demoteLast.status).toBe(409);
    expect(demoteLast.error?.data.appCode).toBe("members.last_admin");
    const removeLast = await call(t, "mutation", "members.remove", { userId: adminId }, as(admin));
    expect(removeLast.error?.data.appCode).toBe("members.last_admin");
    expect((await members()).items.find((m) => m.userId === adminId)?.role).toBe("admin");
  });

  it("removes a member, who loses access at once with the same token", async () => {
    const viewerId = await t.userId("viewer@laserena.example");
    const before = await call(t, "query", "communes.get", undefined, as(viewer));
    expect(before.status).toBe(200);
    expect((await call(t, "mutation", "members.remove", { userId: viewerId }, as(admin))).status).toBe(200);
    expect(await latestAudit()).toMatchObject({ action: "member.removed", entityId: viewerId });
    const after = await call(t, "query", "communes.get", undefined, as(viewer));
    expect(after.status).toBe(403);
    expect((await call(t, "mutation", "members.remove", { userId: viewerId }, as(admin))).status).toBe(404);
  });
});
