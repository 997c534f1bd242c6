import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  auditLog,
  coalitionRoles,
  directoryIdentities,
  directoryProviders,
  directorySignInFlows,
  mailOutbox,
  memberships,
  platformAuditLog,
  users,
} from "@ciar/db/schema";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevIdentityProvider, type DevIdentityProvider } from "../src/dev-identity-provider/provider";
import {
  call,
  createReplica,
  createTestApp,
  refreshCookieOf,
  signIn,
  type Session,
  type TestApp,
} from "./support/test-app";
import { directoryCallback, throughProvider as throughProviderOf } from "./support/directory-flow";

/**
 * Sign-in with the commune's directory against a REAL OpenID provider started here (panva's
 * oidc-provider, the demo directory of src/dev-identity-provider): the browser's part is played by
 * fetch with a cookie jar, submitting the provider's own sign-in form.
 */
const PUBLIC_URL = "http://127.0.0.1:3999";
let t: TestApp;
let idp: DevIdentityProvider;
let serenaAdmin: Session;
const serena = () => t.communeId.laSerena;

const configure = (overrides: Record<string, unknown> = {}, session = serenaAdmin, commune = serena()) =>
  call(
    t,
    "mutation",
    "directory.save",
    {
      kind: "keycloak",
      issuerUrl: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      allowedDomains: ["laserena.cl"],
      defaultRole: "editor",
      enabled: true,
      passwordSignInDisabled: false,
      ...overrides,
    },
    { token: session.token, commune },
  );

const throughProvider = (email: string) => throughProviderOf(t, PUBLIC_URL, serena(), email);
const callback = (url: string) => directoryCallback(t, PUBLIC_URL, url);

async function refusalsRecorded(reason: string) {
  const rows = await t.db.owner.db
    .select({ changes: platformAuditLog.changes })
    .from(platformAuditLog)
    .where(eq(platformAuditLog.action, "directory.sign_in_refused"));
  return rows.filter((r) => r.changes.reason === reason).length;
}

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL, OIDC_PRIVATE_ISSUERS: "true" });
  idp = await startDevIdentityProvider({ port: 0, redirectUris: [`${PUBLIC_URL}/auth/directory/callback`] });
  serenaAdmin = await signIn(t, "admin@laserena.example");
});

afterAll(async () => {
  await idp?.close();
  await t?.close();
});

describe("configuring the commune's directory", () => {
  it("an admin saves it; the secret is sealed, never returned, and the change is in the commune's log", async () => {
    const saved = await configure();
    expect(saved.status).toBe(200);
    expect(saved.body).not.toContain(idp.clientSecret);
    const got = await call<{ provider: { clientSecretSet: boolean }; redirectUri: string }>(
      t,
      "query",
      "directory.get",
      undefined,
      { token: serenaAdmin.token, commune: serena() },
    );
    expect(got.data.provider.clientSecretSet).toBe(true);
    expect(got.data.redirectUri).toBe(`${PUBLIC_URL}/auth/directory/callback`);
    expect(got.body).not.toContain(idp.clientSecret);
    const [row] = await t.db.owner.db
      .select()
      .from(directoryProviders)
      .where(eq(directoryProviders.communeId, serena()));
    expect(row!.clientSecretSealed).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(idp.clientSecret);
    const events = await t.db.owner.db
      .select({ changes: auditLog.changes })
      .from(auditLog)
      .where(and(eq(auditLog.communeId, serena()), eq(auditLog.action, "directory.configured")));
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toContain(idp.clientSecret);
  });

  it("an editor of the commune is refused", async () => {
    const editor = await signIn(t, "editor@laserena.example");
    const refused = await configure({}, editor);
    expect(refused.error?.data.appCode).toBe("permission.denied");
  });

  it.each([
    "javascript:alert(1)",
    "file:///etc/passwd",
    "https://usuario:clave@directorio.example",
    "https://directorio.example/?next=evil",
    "ftp://directorio.example",
  ])("refuses the hostile issuer %s with a 4xx and stores nothing", async (issuerUrl) => {
    const before = await t.db.owner.db.select().from(directoryProviders);
    const refused = await configure({ issuerUrl, clientId: "otro" });
    expect(refused.status).toBe(400);
    expect(await t.db.owner.db.select().from(directoryProviders)).toEqual(before);
  });

  it("with private issuers off (production's default) a loopback, private or plain-http issuer is refused", async () => {
    const guarded = await createReplica(t, { PUBLIC_URL, OIDC_PRIVATE_ISSUERS: "false" });
    try {
      for (const issuerUrl of [
        idp.issuer,
        "https://127.0.0.1:8443",
        "https://localhost",
        "https://10.1.2.3",
        "http://directorio.example",
      ]) {
        const refused = await call(
          guarded,
          "mutation",
          "directory.save",
          {
            kind: "keycloak",
            issuerUrl,
            clientId: "x",
            clientSecret: "y",
            allowedDomains: ["laserena.cl"],
            defaultRole: "editor",
            enabled: true,
            passwordSignInDisabled: false,
          },
          { token: serenaAdmin.token, commune: serena() },
        );
        expect(refused.error?.data.appCode, issuerUrl).toBe("directory.issuer_not_allowed");
        const tested = await call(
          guarded,
          "mutation",
          "directory.test",
          { issuerUrl },
          {
            token: serenaAdmin.token,
            commune: serena(),
          },
        );
        expect(tested.error?.data.appCode, issuerUrl).toBe("directory.issuer_not_allowed");
      }
    } finally {
      await guarded.close();
    }
  });

  it("Probar conexión: the local provider answers; a server that is not an issuer is named as such", async () => {
    const ok = await call<{ ok: boolean }>(
      t,
      "mutation",
      "directory.test",
      { issuerUrl: idp.issuer },
      {
        token: serenaAdmin.token,
        commune: serena(),
      },
    );
    expect(ok.data).toMatchObject({ ok: true, issuer: idp.issuer });
    const plain: Server = createServer((_req, res) => res.writeHead(404).end("not here"));
    await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
    try {
      const notOidc = await call<{ ok: boolean; reason: string }>(
        t,
        "mutation",
        "directory.test",
        { issuerUrl: `http://127.0.0.1:${(plain.address() as AddressInfo).port}` },
        { token: serenaAdmin.token, commune: serena() },
      );
      expect(notOidc.data).toMatchObject({ ok: false, reason: "not_oidc" });
    } finally {
      plain.close();
    }
  });
  it("Probar conexión holds no transaction while it waits on the issuer: other requests go on", async () => {
    // An issuer that answers only when told to. On the embedded database (one connection) a test
    // run inside the tenant transaction held every other request until the issuer answered.
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const slow: Server = createServer((_req, res) => {
      void answered.then(() => res.writeHead(404).end("not here"));
    });
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    try {
      const finished: string[] = [];
      const testing = call<{ ok: boolean; reason: string }>(
        t,
        "mutation",
        "directory.test",
        { issuerUrl: `http://127.0.0.1:${(slow.address() as AddressInfo).port}` },
        { token: serenaAdmin.token, commune: serena() },
      ).then((result) => {
        finished.push("directory.test");
        return result;
      });
      await new Promise((resolve) => setTimeout(resolve, 200)); // the test is now waiting on the issuer
      const members = await call(
        t,
        "query",
        "members.list",
        { limit: 5 },
        { token: serenaAdmin.token, commune: serena() },
      );
      finished.push("members.list");
      expect(members.status).toBe(200);
      answer();
      expect((await testing).data).toMatchObject({ ok: false, reason: "not_oidc" });
      expect(finished).toEqual(["members.list", "directory.test"]);
    } finally {
      answer();
      slow.close();
    }
  });
});

describe("discovery by e-mail domain", () => {
  it("names the commune whose enabled directory accepts the domain, and nothing for others", async () => {
    const found = await call<unknown[]>(t, "query", "directory.discover", { email: "Alguien@LaSerena.cl" });
    expect(found.data).toEqual([{ communeId: serena(), communeName: "La Serena", claveUnica: false }]);
    const none = await call<unknown[]>(t, "query", "directory.discover", { email: "alguien@coquimbo.cl" });
    expect(none.data).toEqual([]);
  });
});

describe("signing in through the directory", () => {
  it("a La Serena official's first sign-in creates the account and joins La Serena as an editor", async () => {
    const done = await callback(await throughProvider("funcionaria@laserena.cl"));
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe("/");
    const cookie = refreshCookieOf(String(done.headers["set-cookie"]));
    const refreshed = await call<{ accessToken: string }>(t, "mutation", "auth.refresh", undefined, {
      cookie,
    });
    expect(refreshed.status).toBe(200);
    const me = await call<{ user: { email: string } }>(t, "query", "auth.me", undefined, {
      token: refreshed.data.accessToken,
    });
    expect(me.data.user.email).toBe("funcionaria@laserena.cl");
    // Mi cuenta lists the connected directory, never the identity at the provider.
    const mine = await call<Array<Record<string, unknown>>>(t, "query", "directory.mine", undefined, {
      token: refreshed.data.accessToken,
    });
    expect(mine.data).toEqual([expect.objectContaining({ communeName: "La Serena", kind: "keycloak" })]);
    expect(Object.keys(mine.data[0]!).sort()).toEqual(["communeName", "connectedAt", "kind", "lastSignInAt"]);

    const userId = await t.userId("funcionaria@laserena.cl");
    const [membership] = await t.db.owner.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.communeId, serena()), eq(memberships.userId, userId)));
    expect(membership?.role).toBe("editor");
    const joined = await t.db.owner.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.communeId, serena()), eq(auditLog.action, "directory.member_joined")));
    expect(joined).toHaveLength(1);
    expect(joined[0]!.actorUserId).toBe(userId);

    // Again: the same account, no second membership event.
    const again = await callback(await throughProvider("funcionaria@laserena.cl"));
    expect(again.statusCode).toBe(303);
    const joinedAgain = await t.db.owner.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.communeId, serena()), eq(auditLog.action, "directory.member_joined")));
    expect(joinedAgain).toHaveLength(1);
    const signedIn = await t.db.owner.db
      .select()
      .from(platformAuditLog)
      .where(
        and(eq(platformAuditLog.action, "directory.signed_in"), eq(platformAuditLog.subjectUserId, userId)),
      );
    expect(signedIn).toHaveLength(2);
  });

  it("a directory sign-in from a browser the account never used queues the new-device notice", async () => {
    const notices = () =>
      t.db.owner.db
        .select()
        .from(mailOutbox)
        .where(
          and(
            eq(mailOutbox.recipient, "funcionaria@laserena.cl"),
            eq(mailOutbox.template, "new_device_sign_in"),
          ),
        );
    const before = (await notices()).length;
    const url = await throughProvider("funcionaria@laserena.cl");
    const done = await t.app.inject({
      method: "GET",
      url: url.slice(PUBLIC_URL.length),
      headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" },
    });
    expect(done.statusCode).toBe(303);
    expect((await notices()).length).toBe(before + 1);
  });

  it("an existing account is linked only once it is a member of the commune, never duplicated", async () => {
    const [existing] = await t.db.owner.db
      .insert(users)
      .values({ email: "funcionario@laserena.cl", name: "Matías", passwordHash: "x" })
      .returning({ id: users.id });
    const linksOf = () =>
      t.db.owner.db.select().from(directoryIdentities).where(eq(directoryIdentities.userId, existing!.id));

    // Not a member of La Serena: its directory does not vouch for an account it does not hold.
    const refusedBefore = await refusalsRecorded("account_exists");
    const outsider = await callback(await throughProvider("funcionario@laserena.cl"));
    expect(outsider.statusCode).toBe(400);
    expect(outsider.body).toContain('data-reason="account_exists"');
    expect(await linksOf()).toEqual([]);
    expect(await refusalsRecorded("account_exists")).toBe(refusedBefore + 1);

    // A member (invited earlier): linked now, not duplicated.
    await t.db.owner.db
      .insert(memberships)
      .values({ communeId: serena(), userId: existing!.id, role: "viewer" });
    const done = await callback(await throughProvider("funcionario@laserena.cl"));
    expect(done.statusCode).toBe(303);
    expect(await linksOf()).toHaveLength(1);
    const linked = await t.db.owner.db
      .select()
      .from(platformAuditLog)
      .where(
        and(
          eq(platformAuditLog.action, "directory.account_linked"),
          eq(platformAuditLog.subjectUserId, existing!.id),
        ),
      );
    expect(linked).toHaveLength(1);

    // A platform admin's account opens every commune: no commune's directory signs it in.
    await t.db.owner.db.insert(coalitionRoles).values({ userId: existing!.id, role: "platform_admin" });
    try {
      const admin = await callback(await throughProvider("funcionario@laserena.cl"));
      expect(admin.statusCode).toBe(400);
      expect(admin.body).toContain('data-reason="platform_admin"');
    } finally {
      await t.db.owner.db.delete(coalitionRoles).where(eq(coalitionRoles.userId, existing!.id));
    }
  });

  it("an address outside the allowed domains is refused, and nothing is created", async () => {
    const done = await callback(await throughProvider("vecino@correo.example"));
    expect(done.statusCode).toBe(400);
    expect(done.body).toContain('data-reason="domain_not_allowed"');
    expect(await t.db.owner.db.select().from(users).where(eq(users.email, "vecino@correo.example"))).toEqual(
      [],
    );
    expect(await refusalsRecorded("domain_not_allowed")).toBe(1);
  });

  it("an address the provider does not say is verified is refused", async () => {
    const done = await callback(await throughProvider("sin-verificar@laserena.cl"));
    expect(done.statusCode).toBe(400);
    expect(done.body).toContain("no confirma tu correo");
    expect(
      await t.db.owner.db.select().from(users).where(eq(users.email, "sin-verificar@laserena.cl")),
    ).toEqual([]);
  });

  it("a reused, forged or expired state is refused with a Spanish page, changes nothing, and is audited", async () => {
    const url = await throughProvider("funcionaria@laserena.cl");
    expect((await callback(url)).statusCode).toBe(303);
    const sessionsBefore = await t.db.owner.db.execute(sql`select count(*)::int as n from refresh_tokens`);
    const reused = await callback(url);
    expect(reused.statusCode).toBe(400);
    expect(reused.body).toContain("ya se usó");
    expect(reused.headers["set-cookie"]).toBeUndefined();

    const forged = await t.app.inject({
      method: "GET",
      url: "/auth/directory/callback?code=abc&state=inventado",
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('data-reason="state_unknown"');

    const late = await throughProvider("funcionaria@laserena.cl");
    await t.db.owner.db.update(directorySignInFlows).set({ expiresAt: new Date(Date.now() - 1000) });
    const expired = await callback(late);
    expect(expired.statusCode).toBe(400);
    expect(expired.body).toContain("expiró");

    expect(await t.db.owner.db.execute(sql`select count(*)::int as n from refresh_tokens`)).toEqual(
      sessionsBefore,
    );
    expect(await refusalsRecorded("state_reused")).toBe(1);
    expect(await refusalsRecorded("state_unknown")).toBe(1);
    expect(await refusalsRecorded("state_expired")).toBe(1);
  });

  it("ClaveÚnica: the RUN is the identity, stored only as a keyed hash", async () => {
    expect((await configure({ kind: "claveunica", clientSecret: undefined })).status).toBe(200);
    const done = await callback(await throughProvider("funcionaria@laserena.cl"));
    expect(done.statusCode).toBe(303);
    const userId = await t.userId("funcionaria@laserena.cl");
    const links = await t.db.owner.db
      .select()
      .from(directoryIdentities)
      .where(eq(directoryIdentities.userId, userId));
    expect(links.map((l) => l.kind).sort()).toEqual(["claveunica", "keycloak"]);
    // The RUN (12.345.678-5) is nowhere in clear: not in the links, the accounts or either log.
    const dump = JSON.stringify([
      links,
      await t.db.owner.db.select().from(users),
      await t.db.owner.db.select().from(platformAuditLog),
      await t.db.owner.db.select().from(auditLog),
    ]);
    expect(dump).not.toMatch(/12\.?345\.?678/);
    expect((await configure({ kind: "keycloak", clientSecret: undefined })).status).toBe(200);
  });
});

describe("password sign-in off", () => {
  it("a member of the commune can no longer sign in with a password, and is pointed to the directory", async () => {
    expect((await configure({ clientSecret: undefined, passwordSignInDisabled: true })).status).toBe(200);
    const refused = await call(t, "mutation", "auth.login", {
      email: "viewer@laserena.example",
      password: "ciar-demo-2026",
    });
    expect(refused.error?.data.appCode).toBe("directory.password_sign_in_off");
    expect(refused.error?.message).toContain("Ingresar con la cuenta de tu municipio");
    // People of other communes are not affected.
    await signIn(t, "admin@coquimbo.example");
    expect((await configure({ clientSecret: undefined, passwordSignInDisabled: false })).status).toBe(200);
    await signIn(t, "viewer@laserena.example");
  });
});

describe("throttle", () => {
  it("starting sign-ins is limited per address (each one calls the provider and stores a pending row)", async () => {
    const start = () =>
      t.app.inject({
        method: "GET",
        url: `/auth/directory/start?commune=${serena()}`,
        remoteAddress: "203.0.113.77",
      });
    for (let i = 0; i < 30; i += 1) expect((await start()).statusCode).toBe(303);
    const refused = await start();
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('data-reason="rate_limited"');
  });
});

describe("provider down", () => {
  it("Probar conexión says the issuer cannot be reached, and a sign-in is refused with a clear page", async () => {
    await idp.close();
    const tested = await call<{ ok: boolean; reason: string }>(
      t,
      "mutation",
      "directory.test",
      { issuerUrl: idp.issuer },
      {
        token: serenaAdmin.token,
        commune: serena(),
      },
    );
    expect(tested.data).toMatchObject({ ok: false, reason: "unreachable" });
    const start = await t.app.inject({ method: "GET", url: `/auth/directory/start?commune=${serena()}` });
    expect(start.statusCode).toBe(400);
    expect(start.body).toContain("No pudimos comunicarnos");
    // Password sign-in still works for the commune's people.
    await signIn(t, "viewer@laserena.example");
  });
});
