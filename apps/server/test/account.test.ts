import { mailOutbox, passwordRecoveryTokens, platformAuditLog, users } from "@ciar/db/schema";
import { eq, sql } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recipientsOf, startTestSmtpServer, type TestSmtpServer } from "./support/smtp-server";
import { call, createTestApp, DEMO_PASSWORD, signIn, type TestApp } from "./support/test-app";

/**
 * Password recovery, security notices, sessions and Mi cuenta, end to end: every e-mail goes
 * through the outbox and the mail job to a real SMTP server started here, and links are followed
 * from the delivered message.
 */
const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const NEW_PASSWORD = "Cóndor-Ladera-Piñón-4417";

let smtp: TestSmtpServer;
let t: TestApp;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  t = await createTestApp({
    JOBS: "true",
    SMTP_URL: smtp.url,
    MAIL_FROM: "Red CIAR <no-reply@red-ciar.example>",
    MAIL_RETRY_SECONDS: "0.5",
  });
});
afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});

const to = (address: string, subject?: RegExp) => (m: ParsedMail) =>
  recipientsOf(m).includes(address) && (!subject || subject.test(m.subject ?? ""));
const recoveryTokenOf = (m: ParsedMail) => m.text!.match(/\/recuperar\/([A-Za-z0-9_-]{20,})/)![1]!;
const mailsTo = (address: string, subject: RegExp) => smtp.messages.filter(to(address, subject)).length;

async function requestRecovery(email: string, remoteAddress = "10.0.0.1") {
  return call<{ ok: true }>(t, "mutation", "passwordRecovery.request", { email }, { remoteAddress });
}

async function auditOf(action: string) {
  return t.db.owner.db.select().from(platformAuditLog).where(eq(platformAuditLog.action, action));
}

async function passwordHashOf(email: string) {
  const [row] = await t.db.owner.db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  return row!.hash;
}

describe("password recovery", () => {
  it("answers the same for an address without an account, and sends nothing", async () => {
    const before = await t.db.owner.db.select({ id: mailOutbox.id }).from(mailOutbox);
    const answer = await requestRecovery("nadie@laserena.example");
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ ok: true });
    expect(await t.db.owner.db.select({ id: mailOutbox.id }).from(mailOutbox)).toHaveLength(before.length);
  });

  it("e-mails a link that sets a new password once and ends every session of the account", async () => {
    const email = "viewer@laserena.example";
    const laptop = await signIn(t, email);
    expect((await call(t, "query", "auth.me", undefined, { token: laptop.token })).status).toBe(200);

    const answer = await requestRecovery(email);
    expect(answer.data).toEqual({ ok: true });
    const message = await smtp.waitFor(to(email, /contraseña/));
    expect(message.text).toMatch(/30 minutos|vence/);
    const token = recoveryTokenOf(message);
    expect(message.html).toContain(`/recuperar/${token}`);

    // Neither the token table nor the outbox holds the link in clear, before or after delivery.
    const stored = await t.db.owner.db.execute(
      sql`select (select coalesce(string_agg(row_to_json(r)::text, ''), '') from password_recovery_tokens r) ||
                 (select coalesce(string_agg(row_to_json(o)::text, ''), '') from mail_outbox o) as everything`,
    );
    const everything =
      (stored as unknown as { rows: Array<{ everything: string }> }).rows?.[0]?.everything ??
      (stored as unknown as Array<{ everything: string }>)[0]!.everything;
    expect(everything).not.toContain(token);
    expect(everything.length).toBeGreaterThan(0);

    const reset = await call(t, "mutation", "passwordRecovery.reset", { token, newPassword: NEW_PASSWORD });
    expect(reset.status).toBe(200);

    // Every earlier session is gone: its access token and its refresh cookie are refused.
    expect((await call(t, "query", "auth.me", undefined, { token: laptop.token })).status).toBe(401);
    expect((await call(t, "mutation", "auth.refresh", undefined, { cookie: laptop.cookie })).status).toBe(
      401,
    );
    // The old password no longer works; the new one does.
    const old = await call(t, "mutation", "auth.login", { email, password: DEMO_PASSWORD });
    expect(old.status).toBe(401);
    await signIn(t, email, NEW_PASSWORD);

    // The owner is told, and the platform's log says what happened.
    const notice = await smtp.waitFor(to(email, /Se cambió la contraseña/));
    expect(notice.text).toMatch(/enlace de recuperación/);
    const recovered = await auditOf("account.password_recovered");
    expect(recovered.map((r) => r.subjectUserId)).toContain(await t.userId(email));

    // The same link again: refused, nothing changed, recorded.
    const hash = await passwordHashOf(email);
    const again = await call(t, "mutation", "passwordRecovery.reset", {
      token,
      newPassword: "Otra-Clave-Larga-8812",
    });
    expect(again.status).toBe(400);
    expect(again.error?.data.appCode).toBe("recovery.link_used");
    expect(again.error?.message).toMatch(/ya se usó/);
    expect(await passwordHashOf(email)).toBe(hash);
    expect((await auditOf("account.recovery_refused")).map((r) => r.changes)).toContainEqual({
      reason: "used",
    });
  });

  it("refuses an expired link and a forged one, in the caller's language, and records both", async () => {
    const email = "editor@laserena.example";
    await requestRecovery(email, "10.0.0.2");
    const token = recoveryTokenOf(await smtp.waitFor(to(email, /contraseña/)));
    await t.db.owner.db
      .update(passwordRecoveryTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordRecoveryTokens.userId, await t.userId(email)));
    const hash = await passwordHashOf(email);

    const expired = await call(t, "mutation", "passwordRecovery.reset", { token, newPassword: NEW_PASSWORD });
    expect(expired.status).toBe(400);
    expect(expired.error?.data.appCode).toBe("recovery.link_expired");
    expect(expired.error?.message).toMatch(/venció/);

    const forged = await call(
      t,
      "mutation",
      "passwordRecovery.reset",
      { token: "A".repeat(43), newPassword: NEW_PASSWORD },
      { locale: "en" },
    );
    expect(forged.status).toBe(400);
    expect(forged.error?.data.appCode).toBe("recovery.link_invalid");
    expect(forged.error?.message).toMatch(/not valid/);

    expect(await passwordHashOf(email)).toBe(hash);
    const refused = (await auditOf("account.recovery_refused")).map((r) => r.changes);
    expect(refused).toContainEqual({ reason: "expired" });
    expect(refused).toContainEqual({ reason: "invalid" });
  });

  it("refuses a weak password and keeps the link usable", async () => {
    const email = "admin@coquimbo.example";
    await requestRecovery(email, "10.0.0.3");
    const token = recoveryTokenOf(await smtp.waitFor(to(email, /contraseña/)));
    const weak = await call(t, "mutation", "passwordRecovery.reset", { token, newPassword: "password123" });
    expect(weak.status).toBe(400);
    expect(weak.error?.data.fieldErrors?.newPassword?.length).toBeGreaterThan(0);
    const strong = await call(t, "mutation", "passwordRecovery.reset", { token, newPassword: NEW_PASSWORD });
    expect(strong.status).toBe(200);
  });

  it("throttles per address typed and, silently, per account", async () => {
    const email = "admin@laserena.example";
    const userId = await t.userId(email);
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await requestRecovery(email, `10.0.1.${i}`)).status);
    // Five an hour for one typed address, from anywhere; the sixth is refused like any other flood.
    expect(answers).toEqual([200, 200, 200, 200, 200, 429]);
    // Only three links an hour reach the account, and the answers did not say so.
    const links = await t.db.owner.db
      .select({ id: passwordRecoveryTokens.id })
      .from(passwordRecoveryTokens)
      .where(eq(passwordRecoveryTokens.userId, userId));
    expect(links).toHaveLength(3);
  });
});

describe("sessions and security notices", () => {
  it("lists the caller's sessions by device, ends one, then all the others", async () => {
    const email = "editor@coquimbo.example";
    const first = await signInAs(email, FIREFOX);
    const phone = await signInAs(email, SAFARI_IPHONE);
    const third = await signInAs(email, FIREFOX);

    const listed = await call<
      Array<{ id: string; current: boolean; browser: string; os: string; device: string }>
    >(t, "query", "account.sessions", undefined, { token: first.token });
    expect(listed.status).toBe(200);
    expect(listed.data).toHaveLength(3);
    expect(listed.data.filter((s) => s.current)).toHaveLength(1);
    expect(listed.data.map((s) => `${s.browser}/${s.os}/${s.device}`).sort()).toEqual([
      "Firefox/Windows/desktop",
      "Firefox/Windows/desktop",
      "Safari/iOS/mobile",
    ]);

    const phoneSession = listed.data.find((s) => s.os === "iOS")!;
    const ended = await call(
      t,
      "mutation",
      "account.endSession",
      { sessionId: phoneSession.id },
      { token: first.token },
    );
    expect(ended.status).toBe(200);
    expect((await call(t, "query", "auth.me", undefined, { token: phone.token })).status).toBe(401);
    const endedAgain = await call(
      t,
      "mutation",
      "account.endSession",
      { sessionId: phoneSession.id },
      { token: first.token },
    );
    expect(endedAgain.status).toBe(404);

    const others = await call<{ ended: number }>(t, "mutation", "account.endOtherSessions", undefined, {
      token: first.token,
    });
    expect(others.data.ended).toBe(1);
    expect((await call(t, "query", "auth.me", undefined, { token: third.token })).status).toBe(401);
    expect((await call(t, "query", "auth.me", undefined, { token: first.token })).status).toBe(200);
    const after = await call<unknown[]>(t, "query", "account.sessions", undefined, { token: first.token });
    expect(after.data).toHaveLength(1);
  });

  it("cannot end another person's session", async () => {
    const mine = await signInAs("viewer@laserena.example", FIREFOX, NEW_PASSWORD);
    const theirs = await signInAs("admin@maipu.example", FIREFOX);
    const listed = await call<Array<{ id: string }>>(t, "query", "account.sessions", undefined, {
      token: theirs.token,
    });
    const refused = await call(
      t,
      "mutation",
      "account.endSession",
      { sessionId: listed.data[0]!.id },
      { token: mine.token },
    );
    expect(refused.status).toBe(404);
    expect((await call(t, "query", "auth.me", undefined, { token: theirs.token })).status).toBe(200);
  });

  it("tells the account by e-mail of a sign-in from a new device, not from a known one", async () => {
    const email = "admin@maipu.example";
    await signInAs(email, FIREFOX);
    const before = mailsTo(email, /nuevo dispositivo/);
    await signInAs(email, SAFARI_IPHONE);
    const notice = await smtp.waitFor(to(email, /nuevo dispositivo/));
    expect(notice.text).toContain("Safari en iOS");
    await signInAs(email, FIREFOX);
    // The Firefox sign-in queued nothing: the only notice is the iPhone's.
    expect(mailsTo(email, /nuevo dispositivo/)).toBe(before + 1);
  });

  it("tells the account when its password was changed from Mi cuenta", async () => {
    const email = "admin@maipu.example";
    const session = await signInAs(email, FIREFOX);
    const changed = await call(
      t,
      "mutation",
      "auth.changePassword",
      { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD },
      { token: session.token },
    );
    expect(changed.status).toBe(200);
    const notice = await smtp.waitFor(to(email, /Se cambió la contraseña/));
    expect(notice.text).toMatch(/se cambió el/);
  });
});

describe("Mi cuenta", () => {
  it("changes name and language; e-mails follow the language", async () => {
    const email = "soporte@ciar.example";
    const session = await signInAs(email, FIREFOX);
    const updated = await call(
      t,
      "mutation",
      "account.updateProfile",
      { name: "Soporte CIAR", locale: "en" },
      { token: session.token },
    );
    expect(updated.status).toBe(200);
    const me = await call<{ user: { name: string; locale: string } }>(t, "query", "auth.me", undefined, {
      token: session.token,
    });
    expect(me.data.user).toMatchObject({ name: "Soporte CIAR", locale: "en" });
    await requestRecovery(email, "10.0.2.1");
    const message = await smtp.waitFor(to(email, /Reset your Red CIAR password/));
    expect(message.text).toContain("Hello Soporte CIAR");

    const bad = await call(
      t,
      "mutation",
      "account.updateProfile",
      { name: "", locale: "fr" },
      { token: session.token },
    );
    expect(bad.status).toBe(400);
  });

  it("keeps notification preferences per person, with defaults", async () => {
    const session = await signInAs("coordinacion@ciar.example", FIREFOX);
    const other = await signInAs("coordinacion@reci.example", FIREFOX);
    type Prefs = Array<{ category: string; delivery: string; isDefault: boolean }>;
    const defaults = await call<Prefs>(t, "query", "account.notificationPreferences", undefined, {
      token: session.token,
    });
    expect(defaults.data.every((p) => p.isDefault)).toBe(true);
    const set = await call<Prefs>(
      t,
      "mutation",
      "account.setNotificationPreferences",
      { preferences: [{ category: "discussion", delivery: "off" }] },
      { token: session.token },
    );
    expect(set.data.find((p) => p.category === "discussion")).toEqual({
      category: "discussion",
      delivery: "off",
      isDefault: false,
    });
    const theirs = await call<Prefs>(t, "query", "account.notificationPreferences", undefined, {
      token: other.token,
    });
    expect(theirs.data.find((p) => p.category === "discussion")?.isDefault).toBe(true);
    const bad = await call(
      t,
      "mutation",
      "account.setNotificationPreferences",
      { preferences: [{ category: "discussion", delivery: "hourly" }] },
      { token: session.token },
    );
    expect(bad.status).toBe(400);
  });
});

async function signInAs(email: string, userAgent: string, password = DEMO_PASSWORD) {
  const result = await call<{ accessToken: string }>(
    t,
    "mutation",
    "auth.login",
    { email, password },
    { headers: { "user-agent": userAgent } },
  );
  if (result.status !== 200) throw new Error(`sign-in failed for ${email}: ${result.body}`);
  return { token: result.data.accessToken };
}
