import { hashPassword } from "@ciar/db/password";
import {
  auditLog,
  coalitionRoles,
  platformAuditLog,
  userRecoveryCodes,
  userTotp,
  users,
} from "@ciar/db/schema";
import { and, eq } from "drizzle-orm";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recipientsOf, startTestSmtpServer, type TestSmtpServer } from "./support/smtp-server";
import { call, createTestApp, DEMO_PASSWORD, signIn, type Session, type TestApp } from "./support/test-app";

/**
 * Two-step verification through the real door (HTTP, JWT, RLS): enrolment, the sign-in's second
 * step (code, replay, recovery code), the commune policy and the platform rule enforced at the
 * doors, and the admin reset of a lost factor. Codes are computed with otplib as an app would.
 */

type LoginAnswer =
  | { status: "signed_in"; accessToken: string; userId: string; enrolmentRequired: boolean }
  | { status: "two_step"; challengeToken: string; methods: string[] };

let t: TestApp;
const serena = () => t.communeId.laSerena;
const coquimbo = () => t.communeId.coquimbo;

const login = (email: string, password = DEMO_PASSWORD) =>
  call<LoginAnswer>(t, "mutation", "auth.login", { email, password });

/** The code an authenticator app shows `offset` steps from now. */
const codeAt = (secret: string, offset = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset * 30 });

/** Who enrolled in this file, with their seed and unused recovery codes (for later sign-ins). */
const enrolled = new Map<string, { secret: string; recoveryCodes: string[] }>();

async function enrol(session: Session, email: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await call<{ secret: string; qrSvg: string; otpauthUri: string }>(
    t,
    "mutation",
    "twoStep.startTotp",
    undefined,
    { token: session.token },
  );
  expect(started.status).toBe(200);
  expect(started.data.qrSvg).toContain("<svg");
  expect(started.data.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
  const confirmed = await call<{ recoveryCodes: string[] }>(
    t,
    "mutation",
    "twoStep.confirmTotp",
    { code: await codeAt(started.data.secret) },
    { token: session.token },
  );
  expect(confirmed.status).toBe(200);
  const result = { secret: started.data.secret, recoveryCodes: confirmed.data.recoveryCodes };
  enrolled.set(email, { secret: result.secret, recoveryCodes: [...result.recoveryCodes] });
  return result;
}

/** Signs an enrolled person in with the password and one of their recovery codes. */
async function signInTwoStep(email: string): Promise<Session> {
  const token = await challengeFor(email);
  const code = enrolled.get(email)!.recoveryCodes.pop()!;
  const done = await call<{ accessToken: string; userId: string }>(t, "mutation", "auth.completeTwoStep", {
    challengeToken: token,
    recoveryCode: code,
  });
  expect(done.status).toBe(200);
  return { token: done.data.accessToken, cookie: "", userId: done.data.userId };
}

async function secondStep(challengeToken: string, answer: Record<string, string>) {
  return call<{ status: string; accessToken: string }>(t, "mutation", "auth.completeTwoStep", {
    challengeToken,
    ...answer,
  });
}

async function challengeFor(email: string): Promise<string> {
  const answer = await login(email);
  expect(answer.status).toBe(200);
  expect(answer.data.status).toBe("two_step");
  if (answer.data.status !== "two_step") throw new Error("no second step");
  expect(answer.data).not.toHaveProperty("accessToken");
  expect(answer.setCookie ?? "").not.toContain("ciar_refresh=");
  return answer.data.challengeToken;
}

let smtp: TestSmtpServer;
/** The next e-mail to `address` whose subject contains `subject` (delivered by the real mail job). */
const mailTo = (address: string, subject: string) =>
  smtp.waitFor((m) => recipientsOf(m).includes(address) && (m.subject ?? "").includes(subject));

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

describe("TOTP enrolment and the second step of sign-in", () => {
  let secret: string;
  let recoveryCodes: string[];

  it("enrols with a QR code and a first code, and then the password alone opens no session", async () => {
    const editor = await signIn(t, "editor@laserena.example");
    ({ secret, recoveryCodes } = await enrol(editor, "editor@laserena.example"));
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    // Half for this block's tests, half for later sign-ins.
    recoveryCodes = recoveryCodes.slice(0, 5);
    enrolled.get("editor@laserena.example")!.recoveryCodes.splice(0, 5);
    const status = await call<{ totpEnabled: boolean; recoveryCodesLeft: number }>(
      t,
      "query",
      "twoStep.status",
      undefined,
      { token: editor.token },
    );
    expect(status.data).toMatchObject({ totpEnabled: true, recoveryCodesLeft: 10 });
    const [event] = await t.db.owner.db
      .select()
      .from(platformAuditLog)
      .where(
        and(
          eq(platformAuditLog.subjectUserId, editor.userId),
          eq(platformAuditLog.action, "account.totp_enabled"),
        ),
      );
    expect(event).toBeDefined();
    // The security notice arrives by e-mail, in Spanish, with the way to Mi cuenta.
    const notice = await mailTo("editor@laserena.example", "Se activó la verificación en dos pasos");
    expect(notice.text).toContain("aplicación de autenticación");
    expect(notice.text).toMatch(/\/cuenta/);

    const token = await challengeFor("editor@laserena.example");
    // The challenge is not a session: no door accepts it as a bearer token.
    const asBearer = await call(t, "query", "auth.me", undefined, { token });
    expect(asBearer.error?.data.appCode).toBe("auth.session_expired");
  });

  it("refuses a wrong code, accepts the right one once, and refuses its replay", async () => {
    const token = await challengeFor("editor@laserena.example");
    const wrong = await secondStep(token, {
      code: (Number(await codeAt(secret)) ^ 1).toString().padStart(6, "0"),
    });
    expect(wrong.error?.data.appCode).toBe("auth.two_step_invalid_code");

    // Step +1: the enrolment already used this step's code.
    const code = await codeAt(secret, 1);
    const right = await secondStep(token, { code });
    expect(right.status).toBe(200);
    expect(right.data.status).toBe("signed_in");
    expect(right.setCookie).toContain("ciar_refresh=");
    const me = await call(t, "query", "auth.me", undefined, { token: right.data.accessToken });
    expect(me.status).toBe(200);

    // The challenge was spent, and the same code in a new sign-in is a replay.
    expect((await secondStep(token, { code })).error?.data.appCode).toBe("auth.two_step_expired");
    const again = await challengeFor("editor@laserena.example");
    expect((await secondStep(again, { code })).error?.data.appCode).toBe("auth.two_step_invalid_code");
  });

  it("spends a challenge after five wrong answers", async () => {
    const token = await challengeFor("editor@laserena.example");
    for (let i = 0; i < 5; i++) {
      const wrong = await secondStep(token, { code: "000000" });
      expect(wrong.error?.data.appCode).toBe("auth.two_step_invalid_code");
    }
    const late = await secondStep(token, { code: await codeAt(secret, 1) });
    expect(late.error?.data.appCode).toBe("auth.two_step_expired");
  });

  it("accepts each recovery code once", async () => {
    const code = recoveryCodes[0]!;
    const first = await secondStep(await challengeFor("editor@laserena.example"), {
      recoveryCode: code.toUpperCase(),
    });
    expect(first.status).toBe(200);
    const second = await secondStep(await challengeFor("editor@laserena.example"), { recoveryCode: code });
    expect(second.error?.data.appCode).toBe("auth.two_step_invalid_code");
    const used = await t.db.owner.db
      .select()
      .from(platformAuditLog)
      .where(eq(platformAuditLog.action, "account.recovery_code_used"));
    expect(used).toHaveLength(1);
  });

  it("stores the seed sealed and the recovery codes hashed, never in clear", async () => {
    const userId = await t.userId("editor@laserena.example");
    const [row] = await t.db.owner.db.select().from(userTotp).where(eq(userTotp.userId, userId));
    expect(row!.secretSealed).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(secret);
    const codes = await t.db.owner.db
      .select()
      .from(userRecoveryCodes)
      .where(eq(userRecoveryCodes.userId, userId));
    expect(codes).toHaveLength(10);
    const stored = JSON.stringify(codes);
    for (const code of recoveryCodes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replaceAll("-", ""));
    }
    for (const c of codes) expect(c.codeHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("the commune's policy and the platform's rule, enforced at the doors", () => {
  it("lets an admin require two-step verification only once they use it themself; audited", async () => {
    const admin = await signIn(t, "admin@laserena.example");
    const early = await call(
      t,
      "mutation",
      "communes.setTwoStepPolicy",
      { policy: "everyone" },
      {
        token: admin.token,
        commune: serena(),
      },
    );
    expect(early.error?.data.appCode).toBe("two_step.enrol_yourself_first");
    const { secret } = await enrol(admin, "admin@laserena.example");
    const set = await call(
      t,
      "mutation",
      "communes.setTwoStepPolicy",
      { policy: "everyone" },
      {
        token: admin.token,
        commune: serena(),
      },
    );
    expect(set.status).toBe(200);
    const events = await t.db.owner.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.communeId, serena()), eq(auditLog.action, "commune.two_step_policy_changed")));
    expect(events).toHaveLength(1);
    expect(events[0]!.changes).toEqual({ twoStepPolicy: { from: "none", to: "everyone" } });
    expect(secret).toBeTruthy();
  });

  it("sends a member without a factor to enrol: refused at the tenant door until they do", async () => {
    const answer = await login("viewer@laserena.example");
    expect(answer.data).toMatchObject({ status: "signed_in", enrolmentRequired: true });
    const token = (answer.data as { accessToken: string }).accessToken;
    const refused = await call(t, "query", "communes.get", undefined, { token, commune: serena() });
    expect(refused.error?.data.appCode).toBe("auth.two_step_enrolment_required");
    expect(refused.status).toBe(403);
    // Mi cuenta stays open: that is where they enrol.
    const status = await call<{ required: boolean }>(t, "query", "twoStep.status", undefined, { token });
    expect(status.data.required).toBe(true);
    await enrol({ token, cookie: "", userId: "" }, "viewer@laserena.example");
    const allowed = await call(t, "query", "communes.get", undefined, { token, commune: serena() });
    expect(allowed.status).toBe(200);
  });

  it("asks a non-demo platform admin without a factor to enrol before any platform door", async () => {
    const passwordHash = await hashPassword("Clave-Plataforma-Real-2026");
    const [person] = await t.db.owner.db
      .insert(users)
      .values({ email: "operaciones@ciar.example", name: "Operaciones", passwordHash, isDemo: false })
      .returning({ id: users.id });
    await t.db.owner.db.insert(coalitionRoles).values({ userId: person!.id, role: "platform_admin" });

    const answer = await login("operaciones@ciar.example", "Clave-Plataforma-Real-2026");
    expect(answer.data).toMatchObject({ status: "signed_in", enrolmentRequired: true });
    const token = (answer.data as { accessToken: string }).accessToken;
    const refused = await call(t, "query", "coalitions.list", undefined, { token });
    expect(refused.error?.data.appCode).toBe("auth.two_step_enrolment_required");
    await enrol({ token, cookie: "", userId: person!.id }, "operaciones@ciar.example");
    expect((await call(t, "query", "coalitions.list", undefined, { token })).status).toBe(200);

    // The demo's platform admin keeps working without one.
    const demo = await signIn(t, "plataforma@ciar.example");
    expect((await call(t, "query", "coalitions.list", undefined, { token: demo.token })).status).toBe(200);
  });
});

describe("an admin of the same commune resets a lost factor", () => {
  it("refuses another commune's admin and every other role; the commune's admin resets, audited twice", async () => {
    // The La Serena editor (enrolled above) lost their phone and their codes.
    const target = "editor@laserena.example";
    const targetId = await t.userId(target);
    const coquimboAdmin = await signIn(t, "admin@coquimbo.example");
    const elsewhere = await call(
      t,
      "mutation",
      "members.resetTwoStep",
      { userId: targetId },
      {
        token: coquimboAdmin.token,
        commune: coquimbo(),
      },
    );
    expect(elsewhere.error?.data.appCode).toBe("members.not_found");
    const intruding = await call(
      t,
      "mutation",
      "members.resetTwoStep",
      { userId: targetId },
      {
        token: coquimboAdmin.token,
        commune: serena(),
      },
    );
    expect(intruding.error?.data.appCode).toBe("tenant.forbidden");
    for (const email of ["viewer@laserena.example", "editor@laserena.example"]) {
      const member = await signInTwoStep(email);
      const refused = await call(
        t,
        "mutation",
        "members.resetTwoStep",
        { userId: targetId },
        {
          token: member.token,
          commune: serena(),
        },
      );
      expect(refused.error?.data.appCode).toBe("permission.denied");
    }
    const coordinator = await signIn(t, "coordinacion@ciar.example");
    const outsider = await call(
      t,
      "mutation",
      "members.resetTwoStep",
      { userId: targetId },
      {
        token: coordinator.token,
        commune: serena(),
      },
    );
    expect(outsider.error?.data.appCode).toBe("tenant.forbidden");
    expect(await t.db.owner.db.select().from(userTotp).where(eq(userTotp.userId, targetId))).toHaveLength(1);

    const admin = await signInTwoStep("admin@laserena.example");
    const reset = await call(
      t,
      "mutation",
      "members.resetTwoStep",
      { userId: targetId },
      {
        token: admin.token,
        commune: serena(),
      },
    );
    expect(reset.status).toBe(200);
    expect(await t.db.owner.db.select().from(userTotp).where(eq(userTotp.userId, targetId))).toHaveLength(0);
    expect(
      await t.db.owner.db.select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, targetId)),
    ).toHaveLength(0);
    const communeEvents = await t.db.owner.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.communeId, serena()), eq(auditLog.action, "member.two_step_reset")));
    expect(communeEvents).toHaveLength(1);
    expect(communeEvents[0]!.entityId).toBe(targetId);
    const platformEvents = await t.db.owner.db
      .select()
      .from(platformAuditLog)
      .where(
        and(
          eq(platformAuditLog.action, "account.two_step_reset"),
          eq(platformAuditLog.subjectUserId, targetId),
        ),
      );
    expect(platformEvents).toHaveLength(1);
    expect(platformEvents[0]!.actorUserId).toBe(admin.userId);
    const notice = await mailTo(target, "Se restableció tu verificación en dos pasos");
    expect(notice.text).toContain("La Serena");

    // The password signs them in again, straight to enrolment (La Serena requires it of everyone).
    const again = await login(target);
    expect(again.data).toMatchObject({ status: "signed_in", enrolmentRequired: true });
  });
});

describe("turning TOTP off", () => {
  it("needs the password or a current code", async () => {
    const viewer = await signInTwoStep("viewer@laserena.example");
    const wrong = await call(
      t,
      "mutation",
      "twoStep.disableTotp",
      { password: "not-the-password" },
      {
        token: viewer.token,
      },
    );
    expect(wrong.error?.data.appCode).toBe("auth.wrong_password");
    const badCode = await call(
      t,
      "mutation",
      "twoStep.disableTotp",
      { code: "000000" },
      { token: viewer.token },
    );
    expect(badCode.error?.data.appCode).toBe("auth.two_step_invalid_code");
    const done = await call(
      t,
      "mutation",
      "twoStep.disableTotp",
      { password: DEMO_PASSWORD },
      {
        token: viewer.token,
      },
    );
    expect(done.status).toBe(200);
    expect((await login("viewer@laserena.example")).data).toMatchObject({
      status: "signed_in",
      enrolmentRequired: true,
    });
  });
});
