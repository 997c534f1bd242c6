// Issue 13, browser test (d): a commune admin suspends a member, whose very next request (in their
// own browser, already signed in) is refused with the message; reactivating gives the access back.
// Through the real doors: the built server and dashboard, driven in Debian's Chromium.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, startHarness, type Harness } from "./support/harness";

const SERENA_MEMBERS = /\/c\/04101\/miembros$/;
let h: Harness;
let admin: Page;
let member: Page;

beforeAll(async () => {
  h = await startHarness("people");
  admin = await h.signIn("admin@laserena.example", SERENA_MEMBERS);
  member = await h.signIn("editor@laserena.example", SERENA_MEMBERS);
});

afterAll(() => h?.stop());

const editorRow = (page: Page) => page.getByRole("row").filter({ hasText: "editor@laserena.example" });

describe("suspending a member's access", () => {
  it("the member is signed in and works in La Serena", async () => {
    await member.getByRole("cell", { name: "admin@laserena.example" }).waitFor();
  });

  it("the admin suspends the member, after a confirmation that names the effect", async () => {
    await editorRow(admin)
      .getByRole("button", { name: /^Suspender el acceso de / })
      .click();
    const dialog = admin.getByRole("dialog", { name: "¿Suspender el acceso de esta persona?" });
    await dialog.getByText("dejará de poder entrar a", { exact: false }).waitFor();
    await dialog.getByLabel("Motivo", { exact: false }).fill("Cambio de funciones");
    await dialog.getByRole("button", { name: "Sí, suspender acceso" }).click();
    // The member list shows the state, with the reason.
    await editorRow(admin).getByText("Suspendido", { exact: true }).waitFor();
    expect(await editorRow(admin).getByText("Cambio de funciones", { exact: false }).count()).toBe(1);
  });

  it("the member's next request, in their open session, is refused with the message", async () => {
    // Searching asks the server again: the tenant door refuses the suspended membership.
    await member.getByLabel("Buscar por nombre o correo").fill("admin");
    await member.getByRole("heading", { level: 1, name: "Acceso suspendido" }).waitFor();
    await member.getByText("Tu acceso a La Serena fue suspendido", { exact: false }).waitFor();
    // Nothing of the commune is shown any more.
    expect(await member.getByRole("cell", { name: "admin@laserena.example" }).count()).toBe(0);
  });

  it("the commune's audit log records it", async () => {
    await admin.goto("/c/04101/auditoria");
    await admin.getByRole("cell", { name: "Acceso suspendido" }).waitFor();
  });

  it("reactivating gives the member their access back", async () => {
    await admin.goto("/c/04101/miembros");
    await editorRow(admin)
      .getByRole("button", { name: /^Reactivar el acceso de / })
      .click();
    await admin
      .getByRole("dialog", { name: "¿Reactivar el acceso de esta persona?" })
      .getByRole("button", { name: "Sí, reactivar acceso" })
      .click();
    await editorRow(admin).getByText("Activo", { exact: true }).waitFor();

    await member.goto("/c/04101/miembros");
    await member.getByRole("cell", { name: "admin@laserena.example" }).waitFor();
  });
});

describe("locking an account platform-wide", () => {
  let platform: Page;
  let viewer: Page;

  it("the platform admin finds a person and sees their communes", async () => {
    viewer = await h.signIn("viewer@laserena.example", SERENA_MEMBERS);
    platform = await h.signIn("plataforma@ciar.example");
    await platform.getByRole("link", { name: "Personas" }).click();
    await platform.getByLabel("Buscar por correo o nombre").fill("viewer@laserena");
    const row = platform.getByRole("row").filter({ hasText: "viewer@laserena.example" });
    await row.getByRole("link").click();
    await platform.getByRole("rowheader", { name: /La Serena/ }).waitFor();
  });

  it("locks the account with a reason; the person's next request is refused, and sign-in says why", async () => {
    await platform.getByRole("button", { name: "Bloquear cuenta" }).click();
    const dialog = platform.getByRole("dialog", { name: "¿Bloquear esta cuenta en toda la plataforma?" });
    await dialog
      .getByText("las sesiones que tenga abiertas terminan ahora mismo", { exact: false })
      .waitFor();
    await dialog.getByLabel("Motivo", { exact: false }).fill("Dejó el municipio");
    await dialog.getByRole("button", { name: "Sí, bloquear cuenta" }).click();
    await platform.getByText("Dejó el municipio", { exact: false }).waitFor();

    // The viewer's open session ends: the dashboard sends them to sign in, which refuses them.
    await viewer.getByLabel("Buscar por nombre o correo").fill("admin");
    await viewer.waitForURL(/\/ingresar/);
    await viewer.getByLabel("Correo electrónico").fill("viewer@laserena.example");
    await viewer.getByLabel("Contraseña", { exact: true }).fill(DEMO_PASSWORD);
    await viewer.getByRole("button", { name: "Ingresar" }).click();
    await viewer.getByText("Tu cuenta está bloqueada", { exact: false }).waitFor();
  });

  it("the platform log shows the lock, translated, and unlocking lets the person sign in again", async () => {
    await platform.getByRole("link", { name: "Ver su historial en el registro de la plataforma" }).click();
    await platform.getByRole("cell", { name: "Cuenta bloqueada" }).waitFor();
    expect(await platform.getByText("Motivo: Dejó el municipio", { exact: false }).count()).toBeGreaterThan(
      0,
    );

    await platform.goBack();
    await platform.getByRole("button", { name: "Desbloquear cuenta" }).click();
    await platform
      .getByRole("dialog", { name: "¿Desbloquear esta cuenta?" })
      .getByRole("button", { name: "Sí, desbloquear" })
      .click();
    await platform.getByRole("button", { name: "Bloquear cuenta" }).waitFor();

    await viewer.getByRole("button", { name: "Ingresar" }).click();
    await viewer.waitForURL((url) => url.pathname !== "/ingresar");
  });
});
