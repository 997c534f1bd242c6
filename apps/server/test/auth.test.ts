import { coalitions, platformAuditLog, users } from "@ciar/db/schema";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  createTestApp,
  DEMO_PASSWORD,
  refreshCookieOf,
  signIn,
  type TestApp,
} from "./support/test-app";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe("auth.login", () => {
  it("returns a short-lived access token and sets an httpOnly, SameSite refresh cookie", async () => {
    const result = await call<{ accessToken: string; expiresAt: string }>(t, "mutation", "auth.login", {
      email: "  Admin@LaSerena.example ",
      password: "ciar-demo-2026",
    });
    expect(result.status).toBe(200);
    expect(result.data.accessToken.split(".")).toHaveLength(3);
    const ttl = new Date(result.data.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(15 * 60 * 1000);
    expect(result.setCookie).toMatch(/ciar_refresh=/);
    expect(result.setCookie).toMatch(/HttpOnly/i);
    expect(result.setCookie).toMatch(/SameSite=Strict/i);
  });

  it("answers a wrong password and an unknown e-mail with the same generic UNAUTHORIZED", async () => {
    const wrong = await call(t, "mutation", "auth.login", {
      email: "admin@laserena.example",
      password: "nope-nope-nope",
    });
    const unknown = await call(t, "mutation", "auth.login", {
      email: "nadie@laserena.example",
      password: "nope-nope-nope",
    });
    for (const result of [wrong, unknown]) {
      expect(result.status).toBe(401);
      expect(result.error?.data.appCode).toBe("auth.invalid_credentials");
      expect(result.error?.message).toBe("Correo o contraseña incorrectos.");
      expect(result.setCookie).toBeUndefined();
    }
  });

  it("gives per-field messages for invalid input, in Spanish or English", async () => {
    const es = await call(t, "mutation", "auth.login", { email: "not-an-email", password: "" });
    expect(es.status).toBe(400);
    expect(es.error?.data.appCode).toBe("input.invalid");
    expect(es.error?.message).toBe("Revisa los datos ingresados.");
    expect(Object.keys(es.error?.data.fieldErrors ?? {}).sort()).toEqual(["email", "password"]);
    expect(es.error?.data.fieldErrors?.email?.[0]).toMatch(/inválid/i);

    const en = await call(
      t,
      "mutation",
      "auth.login",
      { email: "not-an-email", password: "" },
      { locale: "en" },
    );
    expect(en.error?.message).toBe("Please check the data you entered.");
    expect(en.error?.data.fieldErrors?.email?.[0]).toMatch(/invalid/i);
  });

  it("throttles repeated attempts for one account", async () => {
    const attempt = () =>
      call(t, "mutation", "auth.login", { email: "viewer@laserena.example", password: "wrong-password" });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.error?.data.appCode).toBe("auth.rate_limited");
  });
});

describe("auth.me", () => {
  it("returns the user, coalition roles and the communes they can switch to", async () => {
    const session = await signIn(t, "soporte@ciar.example");
    const me = await call<{
      user: { email: string };
      memberships: { code: string; role: string }[];
      platformRoles: string[];
    }>(t, "query", "auth.me", undefined, { token: session.token });
    expect(me.data.user.email).toBe("soporte@ciar.example");
    expect(me.data.memberships.map((m) => [m.code, m.role])).toEqual([
      ["04102", "admin"],
      ["04101", "admin"],
    ]);
    const coordinator = await signIn(t, "coordinacion@ciar.example");
    const other = await call<{
      coordinates: { slug: string }[];
      platformRoles: string[];
      memberships: unknown[];
    }>(t, "query", "auth.me", undefined, { token: coordinator.token });
    expect(other.data.coordinates.map((c) => c.slug)).toEqual(["ciar-chile"]);
    expect(other.data.platformRoles).toEqual([]);
    expect(other.data.memberships).toEqual([]);
  });

  it("refuses a missing, forged or unsigned token", async () => {
    const session = await signIn(t, "admin@laserena.example");
    const [header, payload] = session.token.split(".");
    const forgedPayload = Buffer.from(
      JSON.stringify({ sub: session.userId, roles: ["platform_admin"] }),
    ).toString("base64url");
    const unsigned = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${payload}.`;
    for (const token of [
      undefined,
      `${header}.${forgedPayload}.${session.token.split(".")[2]}`,
      unsigned,
      "garbage",
    ]) {
      const result = await call(t, "query", "auth.me", undefined, { token });
      expect(result.status).toBe(401);
    }
  });
});

describe("auth.refresh", () => {
  it("rotates the refresh token and issues a new access token", async () => {
    const session = await signIn(t, "editor@laserena.example");
    const first = await call<{ accessToken: string }>(t, "mutation", "auth.refresh", undefined, {
      cookie: session.cookie,
    });
    expect(first.status).toBe(200);
    const rotated = refreshCookieOf(first.setCookie);
    expect(rotated).toBeDefined();
    expect(rotated).not.toBe(session.cookie);
    const me = await call(t, "query", "auth.me", undefined, { token: first.data.accessToken });
    expect(me.status).toBe(200);
    const second = await call(t, "mutation", "auth.refresh", undefined, { cookie: rotated });
    expect(second.status).toBe(200);
  });

  it("revokes the whole family when a used refresh token comes back", async () => {
    const session = await signIn(t, "editor@coquimbo.example");
    const legit = await call(t, "mutation", "auth.refresh", undefined, { cookie: session.cookie });
    const current = refreshCookieOf(legit.setCookie)!;

    const replay = await call(t, "mutation", "auth.refresh", undefined, { cookie: session.cookie });
    expect(replay.status).toBe(401);
    expect(replay.error?.data.appCode).toBe("auth.session_expired");
    // The thief's replay also ended the legitimate holder's session.
    const afterTheft = await call(t, "mutation", "auth.refresh", undefined, { cookie: current });
    expect(afterTheft.status).toBe(401);
    // Other sessions of the same user are untouched.
    const otherDevice = await signIn(t, "editor@coquimbo.example");
    expect(
      (await call(t, "mutation", "auth.refresh", undefined, { cookie: otherDevice.cookie })).status,
    ).toBe(200);
  });

  it("refuses without a cookie or with an unknown one", async () => {
    expect((await call(t, "mutation", "auth.refresh")).status).toBe(401);
    expect(
      (await call(t, "mutation", "auth.refresh", undefined, { cookie: "ciar_refresh=made-up" })).status,
    ).toBe(401);
  });
});

describe("auth.logout", () => {
  it("revokes the session and clears the cookie", async () => {
    const session = await signIn(t, "admin@coquimbo.example");
    const out = await call(t, "mutation", "auth.logout", undefined, { cookie: session.cookie });
    expect(out.status).toBe(200);
    expect(out.setCookie).toMatch(/ciar_refresh=;/);
    expect((await call(t, "mutation", "auth.refresh", undefined, { cookie: session.cookie })).status).toBe(
      401,
    );
  });
});

describe("sessions: an access token works only while its session lives", () => {
  const expired = (result: { status: number; error?: { data: { appCode: string } } }) => {
    expect(result.status).toBe(401);
    expect(result.error?.data.appCode).toBe("auth.session_expired");
  };

  it("refuses the access token at once after sign-out, through every door", async () => {
    const admin = await signIn(t, "admin@laserena.example");
    const coordinator = await signIn(t, "coordinacion@ciar.example");
    const platform = await signIn(t, "plataforma@ciar.example");
    const [ciar] = await t.db.owner.db
      .select({ id: coalitions.id })
      .from(coalitions)
      .where(eq(coalitions.slug, "ciar-chile"));
    const tenantCall = () =>
      call(t, "query", "members.list", { limit: 5 }, { token: admin.token, commune: t.communeId.laSerena });
    const coordinatorCall = () =>
      call(t, "query", "peerGroups.list", { coalitionId: ciar!.id }, { token: coordinator.token });
    const platformCall = () => call(t, "query", "coalitions.list", undefined, { token: platform.token });
    expect((await tenantCall()).status).toBe(200);
    expect((await call(t, "query", "auth.me", undefined, { token: admin.token })).status).toBe(200);
    expect((await call(t, "query", "billing.status", undefined, { token: admin.token })).status).toBe(200);
    expect((await coordinatorCall()).status).toBe(200);
    expect((await platformCall()).status).toBe(200);

    for (const session of [admin, coordinator, platform])
      await call(t, "mutation", "auth.logout", undefined, { cookie: session.cookie });

    expired(await tenantCall());
    expired(await call(t, "query", "auth.me", undefined, { token: admin.token }));
    // A procedure that reads no data is checked too.
    expired(await call(t, "query", "billing.status", undefined, { token: admin.token }));
    expired(await coordinatorCall());
    expired(await platformCall());
  });

  it("ends a disabled account's sessions at once", async () => {
    const viewer = await signIn(t, "editor@coquimbo.example");
    const tenantCall = () =>
      call(t, "query", "members.list", { limit: 5 }, { token: viewer.token, commune: t.communeId.coquimbo });
    expect((await tenantCall()).status).toBe(200);
    await t.db.owner.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, viewer.userId));
    try {
      expired(await tenantCall());
    } finally {
      await t.db.owner.db.update(users).set({ disabledAt: null }).where(eq(users.id, viewer.userId));
    }
  });

  it("keeps the session of a member removed from one commune: that commune refuses, the others do not", async () => {
    const support = await signIn(t, "soporte@ciar.example");
    const admin = await signIn(t, "admin@laserena.example");
    const removed = await call(
      t,
      "mutation",
      "members.remove",
      { userId: support.userId },
      { token: admin.token, commune: t.communeId.laSerena },
    );
    expect(removed.status).toBe(200);
    const serena = await call(
      t,
      "query",
      "members.list",
      { limit: 5 },
      { token: support.token, commune: t.communeId.laSerena },
    );
    expect(serena.status).toBe(403);
    expect(serena.error?.data.appCode).toBe("tenant.forbidden");
    const coquimbo = await call(
      t,
      "query",
      "members.list",
      { limit: 5 },
      { token: support.token, commune: t.communeId.coquimbo },
    );
    expect(coquimbo.status).toBe(200);
  });
});

describe("auth.changePassword", () => {
  const email = "editor@laserena.example";

  it("refuses an easy password with the reason, in Spanish or English, and changes nothing", async () => {
    const session = await signIn(t, email);
    const es = await call(
      t,
      "mutation",
      "auth.changePassword",
      { currentPassword: DEMO_PASSWORD, newPassword: "aaaaaaaaaa" },
      { token: session.token },
    );
    expect(es.status).toBe(400);
    expect(es.error?.data.appCode).toBe("input.invalid");
    expect(es.error?.data.fieldErrors?.newPassword?.[0]).toMatch(/fácil de adivinar/);
    expect(es.error?.data.fieldErrors?.newPassword?.join(" ")).toMatch(/repetidos/i);
    const en = await call(
      t,
      "mutation",
      "auth.changePassword",
      { currentPassword: DEMO_PASSWORD, newPassword: "laserena2026" },
      { token: session.token, locale: "en" },
    );
    expect(en.status).toBe(400);
    expect(en.error?.data.fieldErrors?.newPassword?.[0]).toMatch(/too easy to guess/);
    // Nothing changed: the old password still signs in, the session is alive.
    expect((await signIn(t, email)).token).toBeTruthy();
    expect((await call(t, "query", "auth.me", undefined, { token: session.token })).status).toBe(200);
  });

  it("refuses a wrong current password without touching the sessions", async () => {
    const session = await signIn(t, email);
    const wrong = await call(
      t,
      "mutation",
      "auth.changePassword",
      { currentPassword: "not-the-password", newPassword: "Tortuga-Volcán-Lápiz-91" },
      { token: session.token },
    );
    expect(wrong.status).toBe(403);
    expect(wrong.error?.data.appCode).toBe("auth.wrong_password");
    expect((await call(t, "query", "auth.me", undefined, { token: session.token })).status).toBe(200);
  });

  it("sets a strong password and ends every other session of the account at once", async () => {
    const laptop = await signIn(t, email);
    const phone = await signIn(t, email);
    const changed = await call<{ accessToken: string }>(
      t,
      "mutation",
      "auth.changePassword",
      { currentPassword: DEMO_PASSWORD, newPassword: "Tortuga-Volcán-Lápiz-91" },
      { token: laptop.token },
    );
    expect(changed.status).toBe(200);
    expect(refreshCookieOf(changed.setCookie)).toBeDefined();

    for (const token of [phone.token, laptop.token]) {
      const refused = await call(
        t,
        "query",
        "members.list",
        { limit: 5 },
        { token, commune: t.communeId.laSerena },
      );
      expect(refused.status).toBe(401);
      expect(refused.error?.data.appCode).toBe("auth.session_expired");
    }
    expect((await call(t, "mutation", "auth.refresh", undefined, { cookie: phone.cookie })).status).toBe(401);
    const fresh = await call(
      t,
      "query",
      "members.list",
      { limit: 5 },
      { token: changed.data.accessToken, commune: t.communeId.laSerena },
    );
    expect(fresh.status).toBe(200);

    const old = await call(t, "mutation", "auth.login", { email, password: DEMO_PASSWORD });
    expect(old.error?.data.appCode).toBe("auth.invalid_credentials");
    expect((await signIn(t, email, "Tortuga-Volcán-Lápiz-91")).token).toBeTruthy();

    // Recorded in the platform's own log, about the account, by the account.
    const userId = await t.userId(email);
    const events = await t.db.owner.db
      .select()
      .from(platformAuditLog)
      .where(eq(platformAuditLog.subjectUserId, userId));
    expect(events.map((e) => [e.action, e.actorUserId])).toEqual([["account.password_changed", userId]]);
    expect(events[0]!.changes).toEqual({ sessionsEnded: true });
  });
});
