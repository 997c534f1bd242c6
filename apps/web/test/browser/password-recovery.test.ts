// Browser test (a) of issue 13: forgot password → the e-mail arrives at a real SMTP server started
// here → its link → a new password → every older session is gone, including another browser's.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  recipientsOf,
  startTestSmtpServer,
  type TestSmtpServer,
} from "../../../server/test/support/smtp-server";
import { DEMO_PASSWORD, startHarness, type Harness } from "./support/harness";

const EMAIL = "viewer@laserena.example";
const NEW_PASSWORD = "Cóndor-Ladera-Piñón-4417";

let smtp: TestSmtpServer;
let h: Harness;
let office: Page;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  h = await startHarness("recovery", {
    SMTP_URL: smtp.url,
    MAIL_FROM: "Red CIAR <no-reply@red-ciar.example>",
    JOBS_POLL_SECONDS: "0.5",
  });
});

afterAll(async () => {
  await h?.stop();
  await smtp?.stop();
});

describe("password recovery", () => {
  it("shows the office computer's session in Mi cuenta, reached from the header", async () => {
    office = await h.signIn(EMAIL);
    await office.getByRole("link", { name: /Mi cuenta/ }).click();
    await office.waitForURL(/\/cuenta$/);
    await office.getByRole("heading", { level: 1, name: "Mi cuenta" }).waitFor();
    await office.getByText("Esta sesión").waitFor();
  });

  it("e-mails a link from “¿Olvidaste tu contraseña?”, which sets a new password", async () => {
    const home = await (await h.newContext()).newPage();
    await home.goto("/ingresar");
    await home.getByRole("link", { name: "¿Olvidaste tu contraseña?" }).click();
    await home.waitForURL(/\/recuperar$/);
    await home.getByLabel("Correo electrónico").fill(EMAIL);
    await home.getByRole("button", { name: "Enviar enlace" }).click();
    await home.getByText("va en camino").waitFor();

    const message = await smtp.waitFor(
      (m) => recipientsOf(m).includes(EMAIL) && /contraseña/.test(m.subject ?? ""),
    );
    const link = message.text!.match(/https?:\/\/\S+\/recuperar\/[A-Za-z0-9_-]+/)![0];
    expect(link.startsWith(h.baseUrl)).toBe(true);

    await home.goto(link);
    await home.getByRole("heading", { level: 1, name: "Elige una nueva contraseña" }).waitFor();
    await home.getByLabel("Nueva contraseña", { exact: true }).fill(NEW_PASSWORD);
    await home.getByLabel("Repite la nueva contraseña").fill(NEW_PASSWORD);
    await home.getByRole("button", { name: "Guardar la nueva contraseña" }).click();
    await home.getByText("Listo: tu contraseña cambió").waitFor();

    // The same link a second time changes nothing and says why.
    await home.goto(link);
    await home.getByLabel("Nueva contraseña", { exact: true }).fill("Otra-Clave-Muy-Larga-9921");
    await home.getByLabel("Repite la nueva contraseña").fill("Otra-Clave-Muy-Larga-9921");
    await home.getByRole("button", { name: "Guardar la nueva contraseña" }).click();
    await home.getByText("ya se usó").waitFor();

    // The new password signs in.
    await home.getByRole("link", { name: "Pedir un enlace nuevo" }).waitFor();
    await home.goto("/ingresar");
    await home.getByLabel("Correo electrónico").fill(EMAIL);
    await home.getByLabel("Contraseña", { exact: true }).fill(NEW_PASSWORD);
    await home.getByRole("button", { name: "Ingresar" }).click();
    await home.waitForURL((url) => url.pathname !== "/ingresar");
  });

  it("has ended the office computer's session: it is sent back to sign in", async () => {
    await office.reload();
    await office.waitForURL(/\/ingresar/);
    // And the old password is refused there.
    await office.getByLabel("Correo electrónico").fill(EMAIL);
    await office.getByLabel("Contraseña", { exact: true }).fill(DEMO_PASSWORD);
    await office.getByRole("button", { name: "Ingresar" }).click();
    await office.getByText("Correo o contraseña incorrectos.").waitFor();
  });
});
