import { mailOutbox } from "@ciar/db/schema";
import { Writable } from "node:stream";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installJobQueue } from "../src/jobs/install";
import { startTestSmtpServer, recipientsOf, type TestSmtpServer } from "./support/smtp-server";
import { call, createReplica, createTestApp, signIn, type Session, type TestApp } from "./support/test-app";

/**
 * Invitation e-mails through the real pipeline: queued in the invitation's transaction, delivered
 * by the mail job through nodemailer to a real SMTP server started here, parsed with mailparser.
 */
const mailEnv = (smtp: TestSmtpServer) => ({
  JOBS: "true",
  SMTP_URL: smtp.url,
  MAIL_FROM: "Red CIAR <no-reply@red-ciar.example>",
  MAIL_RETRY_SECONDS: "0.5",
});

describe("invitation e-mails", () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let admin: Session;
  const asAdmin = () => ({ token: admin.token, commune: t.communeId.laSerena });
  const to = (address: string) => (m: Parameters<Parameters<TestSmtpServer["waitFor"]>[0]>[0]) =>
    recipientsOf(m).includes(address);

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    t = await createTestApp(mailEnv(smtp));
    admin = await signIn(t, "admin@laserena.example");
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it("delivers the one-time link once the invitation is saved, in text and HTML", async () => {
    const invited = await call<{ acceptUrl: string; delivery: string }>(
      t,
      "mutation",
      "members.invite",
      { email: "correo@laserena.example", role: "editor" },
      asAdmin(),
    );
    expect(invited.data.delivery).toBe("queued");
    const message = await smtp.waitFor(to("correo@laserena.example"));
    expect(message.from?.text).toContain("no-reply@red-ciar.example");
    expect(message.subject).toContain("La Serena");
    expect(message.text).toContain(invited.data.acceptUrl);
    expect(message.text).toMatch(/edición/);
    expect(message.html).toContain(`href="${invited.data.acceptUrl}"`);
    // The link in the e-mail works.
    const token = message.text!.match(/\/invitacion\/([A-Za-z0-9_-]+)/)![1];
    expect((await call(t, "query", "invitations.preview", { token })).status).toBe(200);
  });

  it("keeps trying while the SMTP server is down, with growing waits, and loses nothing", async () => {
    await smtp.stop();
    let restarted = false;
    try {
      const invited = await call<{ delivery: string; invitation: { id: string } }>(
        t,
        "mutation",
        "members.invite",
        { email: "sin-correo@laserena.example", role: "viewer" },
        asAdmin(),
      );
      expect(invited.status).toBe(200);
      expect(invited.data.delivery).toBe("queued");
      const pending = await call<{ id: string }[]>(t, "query", "members.invitations", undefined, asAdmin());
      expect(pending.data.map((i) => i.id)).toContain(invited.data.invitation.id);

      // Attempts refused by the closed port: each counted, each next one further away.
      const row = async () =>
        (
          await t.db.owner.db
            .select()
            .from(mailOutbox)
            .where(eq(mailOutbox.recipient, "sin-correo@laserena.example"))
        )[0]!;
      const nextAttemptAfter = new Map<number, number>();
      await until(async () => {
        const seen = await row();
        if (!nextAttemptAfter.has(seen.attempts))
          nextAttemptAfter.set(seen.attempts, seen.nextAttemptAt.getTime());
        return seen.attempts >= 2 && seen.lastError !== null;
      });
      // Backoff: an attempt is made only once due, and waits twice the first delay (0.5 s) after.
      expect(nextAttemptAfter.get(2)! - nextAttemptAfter.get(1)!).toBeGreaterThanOrEqual(1000);
      const failed = await row();
      expect(failed.status).toBe("pending");
      expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);

      await smtp.start();
      restarted = true;
      const message = await smtp.waitFor(to("sin-correo@laserena.example"));
      expect(message.subject).toContain("La Serena");
      await until(async () => (await row()).status === "sent");
      const sent = await row();
      expect(sent.attempts).toBeGreaterThanOrEqual(2);
      expect(smtp.messages.filter(to("sin-correo@laserena.example"))).toHaveLength(1);
    } finally {
      if (!restarted) await smtp.start();
    }
  });

  it("sends nothing when the invitation is refused", async () => {
    const before = await t.db.owner.db.select({ id: mailOutbox.id }).from(mailOutbox);
    const refused = await call(
      t,
      "mutation",
      "members.invite",
      { email: "editor@laserena.example", role: "admin" },
      asAdmin(),
    );
    expect(refused.status).toBe(409);
    expect(await t.db.owner.db.select({ id: mailOutbox.id }).from(mailOutbox)).toHaveLength(before.length);
  });
});

describe("a process that stops between the commit and the e-mail", () => {
  it("leaves the message in the outbox, and the next process to start sends it", async () => {
    const smtp = await startTestSmtpServer();
    // This one runs no jobs: the invitation is committed, its e-mail only queued.
    const t = await createTestApp();
    try {
      const admin = await signIn(t, "admin@laserena.example");
      const invited = await call<{ delivery: string }>(
        t,
        "mutation",
        "members.invite",
        { email: "tarde@laserena.example", role: "viewer" },
        { token: admin.token, commune: t.communeId.laSerena },
      );
      expect(invited.data.delivery).toBe("queued");
      const [queued] = await t.db.owner.db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.recipient, "tarde@laserena.example"));
      expect(queued?.status).toBe("pending");

      await installJobQueue(t.db.owner);
      const next = await createReplica(t, mailEnv(smtp));
      try {
        const message = await smtp.waitFor((m) => recipientsOf(m).includes("tarde@laserena.example"));
        expect(message.text).toContain("/invitacion/");
      } finally {
        await next.close();
      }
    } finally {
      await t.close();
      await smtp.stop();
    }
  });
});

async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("without SMTP (development)", () => {
  it("writes each e-mail to the server log, so a developer can follow its link", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split("\n").filter(Boolean))
          lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const t = await createTestApp({ JOBS: "true", LOG_LEVEL: "info" }, { level: "info", stream });
    try {
      const answer = await call(t, "mutation", "passwordRecovery.request", {
        email: "editor@laserena.example",
      });
      expect(answer.status).toBe(200);
      await until(async () => lines.some((l) => l.event === "mail_logged"));
      const logged = lines.find((l) => l.event === "mail_logged")!;
      expect(logged.to).toBe("editor@laserena.example");
      expect(String(logged.text)).toMatch(/\/recuperar\/[A-Za-z0-9_-]{43}/);
      const [row] = await t.db.owner.db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.recipient, "editor@laserena.example"));
      expect(row?.status).toBe("sent");
    } finally {
      await t.close();
    }
  });
});
