import type { Mailer } from "@ciar/api/mail";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createTestApp, signIn, type Session, type TestApp } from "./support/test-app";

/** Stands in for the SMTP server, the edge of the system: records what would be sent. */
function recordingMailer() {
  const sent: Array<{ to: string; subject: string; text: string }> = [];
  let failing = false;
  const mailer: Mailer = {
    send: async (message) => {
      if (failing) throw new Error("SMTP 421 service not available");
      sent.push(message);
    },
  };
  return { mailer, sent, fail: (value: boolean) => (failing = value) };
}

describe("invitation e-mails", () => {
  const smtp = recordingMailer();
  let t: TestApp;
  let admin: Session;
  const asAdmin = () => ({ token: admin.token, commune: t.communeId.laSerena });

  beforeAll(async () => {
    t = await createTestApp({}, undefined, smtp.mailer);
    admin = await signIn(t, "admin@laserena.example");
  });
  afterAll(() => t?.close());

  it("sends the one-time link once the invitation is saved", async () => {
    const invited = await call<{ acceptUrl: string; delivery: string }>(
      t,
      "mutation",
      "members.invite",
      { email: "correo@laserena.example", role: "editor" },
      asAdmin(),
    );
    expect(invited.data.delivery).toBe("sent");
    const message = smtp.sent.at(-1)!;
    expect(message.to).toBe("correo@laserena.example");
    expect(message.subject).toContain("La Serena");
    expect(message.text).toContain(invited.data.acceptUrl);
    expect(message.text).toMatch(/edición/);
    // The link in the e-mail works.
    const token = invited.data.acceptUrl.split("/").pop();
    expect((await call(t, "query", "invitations.preview", { token })).status).toBe(200);
  });

  it("keeps the invitation when the e-mail fails, and says so", async () => {
    smtp.fail(true);
    try {
      const invited = await call<{ delivery: string; invitation: { id: string } }>(
        t,
        "mutation",
        "members.invite",
        { email: "sin-correo@laserena.example", role: "viewer" },
        asAdmin(),
      );
      expect(invited.status).toBe(200);
      expect(invited.data.delivery).toBe("failed");
      const pending = await call<{ id: string }[]>(t, "query", "members.invitations", undefined, asAdmin());
      expect(pending.data.map((i) => i.id)).toContain(invited.data.invitation.id);
    } finally {
      smtp.fail(false);
    }
  });

  it("sends nothing when the invitation is refused", async () => {
    const before = smtp.sent.length;
    const refused = await call(
      t,
      "mutation",
      "members.invite",
      { email: "editor@laserena.example", role: "admin" },
      asAdmin(),
    );
    expect(refused.status).toBe(409);
    expect(smtp.sent).toHaveLength(before);
  });
});

describe("without SMTP", () => {
  it("reports that no e-mail was sent, so the admin shares the link", async () => {
    const t = await createTestApp();
    try {
      const admin = await signIn(t, "admin@laserena.example");
      const invited = await call<{ delivery: string }>(
        t,
        "mutation",
        "members.invite",
        { email: "manual@laserena.example", role: "viewer" },
        { token: admin.token, commune: t.communeId.laSerena },
      );
      expect(invited.data.delivery).toBe("disabled");
    } finally {
      await t.close();
    }
  });
});
