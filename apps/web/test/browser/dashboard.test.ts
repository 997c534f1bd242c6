// End to end, through the real doors: the built server (apps/server/dist) with a fresh embedded
// database and the demo seed, serving the built dashboard (apps/web/dist), driven in Debian's
// Chromium. Locators are accessible ones (label, role, name): a missing label fails the test.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, startHarness, type Harness } from "./support/harness";

const INVITEE = "nueva.persona@coquimbo.example";
let admin: Page;
let inviteLink = "";

let h: Harness;

beforeAll(async () => {
  h = await startHarness("dashboard");
  admin = await (await h.newContext()).newPage();
});

afterAll(() => h?.stop());

describe("dashboard", () => {
  it("sends visitors to the sign-in page and signs the admin in", async () => {
    await admin.goto("/");
    await expect.poll(() => admin.url()).toMatch(/\/ingresar$/);
    await admin.getByLabel("Correo electrónico").fill("soporte@ciar.example");
    await admin.getByLabel("Contraseña", { exact: true }).fill(DEMO_PASSWORD);
    await admin.getByRole("button", { name: "Ingresar" }).click();
    // "/" leads to the first of the person's communes (alphabetical: Coquimbo, La Serena).
    await admin.waitForURL(/\/c\/\d{5}\/miembros$/);
    await admin.getByRole("heading", { level: 1, name: "Integrantes" }).waitFor();
    expect(await admin.locator("html").getAttribute("lang")).toBe("es-CL");
  });

  it("shows La Serena's members, after a reload restores the session from the cookie", async () => {
    await admin.goto("/c/04101/miembros");
    await admin.getByRole("cell", { name: "admin@laserena.example" }).waitFor();
    expect(await admin.getByLabel("Comuna", { exact: true }).inputValue()).toBe("04101");
    expect(await admin.getByRole("cell", { name: "viewer@laserena.example" }).count()).toBe(1);
    expect(await admin.getByRole("cell", { name: "admin@coquimbo.example" }).count()).toBe(0);
    // Real municipalities with demo data are labelled as such (badge in the header, notice on the page).
    expect(await admin.getByText("Demo Municipalidad real con datos de demostración").count()).toBe(1);
    expect(await admin.getByText("los datos que ves aquí son de demostración").count()).toBe(1);
  });

  it("switches to Coquimbo with the commune switcher", async () => {
    await admin.getByLabel("Comuna", { exact: true }).selectOption({ label: "Coquimbo" });
    await admin.waitForURL(/\/c\/04102\/miembros$/);
    await admin.getByRole("cell", { name: "admin@coquimbo.example" }).waitFor();
    expect(await admin.getByRole("cell", { name: "admin@laserena.example" }).count()).toBe(0);
    await expect.poll(() => admin.getByText("3 integrantes").count()).toBe(1);
  });

  it("invites a new editor and shows the one-time link and the pending invitation", async () => {
    await admin.getByLabel("Correo de la persona").fill("not-an-email");
    await admin.getByRole("button", { name: "Crear invitación" }).click();
    await admin.getByText("Escribe un correo válido").waitFor(); // client-side, from the domain schema

    await admin.getByLabel("Correo de la persona").fill(INVITEE);
    await admin.getByLabel("Rol", { exact: true }).selectOption("editor");
    await admin.getByRole("button", { name: "Crear invitación" }).click();
    const link = admin.getByLabel("Enlace de invitación");
    await link.waitFor();
    inviteLink = await link.inputValue();
    expect(inviteLink).toMatch(new RegExp(`^${h.baseUrl}/invitacion/[A-Za-z0-9_-]{43}$`));
    const pending = admin.getByRole("region", { name: "Invitaciones pendientes" });
    await pending.getByRole("rowheader", { name: INVITEE }).waitFor();
    expect(await pending.getByRole("button", { name: `Revocar la invitación de ${INVITEE}` }).count()).toBe(
      1,
    );

    // Inviting the same person twice is refused by the API, with its message in Spanish.
    await admin.getByLabel("Correo de la persona").fill(INVITEE);
    await admin.getByRole("button", { name: "Crear invitación" }).click();
    await admin.getByText("Ya hay una invitación pendiente para ese correo.").waitFor();
  });

  it("lets the invited person create an account and land signed in on Coquimbo", async () => {
    const invitee = await (await h.newContext()).newPage();
    await invitee.goto(inviteLink);
    await invitee.getByRole("heading", { name: "Te invitaron a Coquimbo" }).waitFor();
    await invitee.getByLabel("Nombre completo").fill("Nueva Persona");
    // Long enough but easy to guess: the form runs the server's strength check and says why.
    await invitee.getByLabel("Contraseña", { exact: true }).fill("aaaaaaaaaa");
    await invitee.getByLabel("Repite la contraseña").fill("aaaaaaaaaa");
    await invitee.getByRole("button", { name: "Crear cuenta y unirme" }).click();
    await invitee
      .getByText("Es demasiado fácil de adivinar: usa una frase de varias palabras poco comunes.")
      .waitFor();
    await invitee.getByLabel("Contraseña", { exact: true }).fill("una-clave-segura-2026");
    await invitee.getByLabel("Repite la contraseña").fill("una-clave-segura-2026");
    await invitee.getByRole("button", { name: "Crear cuenta y unirme" }).click();
    await invitee.waitForURL(/\/c\/04102\/miembros$/);
    // The header names the new account and leads to its Mi cuenta page.
    await invitee.getByRole("link", { name: "Nueva Persona · Mi cuenta" }).waitFor();
    await invitee.getByRole("cell", { name: INVITEE }).waitFor();
    // An editor sees the members but none of the admin's tools.
    expect(await invitee.getByRole("heading", { name: "Invitar a una persona" }).count()).toBe(0);
    expect(await invitee.getByRole("link", { name: "Registro de auditoría" }).count()).toBe(0);
    expect(await invitee.getByRole("combobox", { name: /^Rol de / }).count()).toBe(0);
  });

  it("records it all in the audit log, shown in English on request", async () => {
    await admin.getByRole("link", { name: "Registro de auditoría" }).click();
    await admin.waitForURL(/\/c\/04102\/auditoria$/);
    await admin.getByRole("cell", { name: "Invitación aceptada" }).waitFor();
    expect(await admin.getByRole("cell", { name: "Invitación creada" }).count()).toBe(1);
    await admin.getByRole("button", { name: "English" }).click();
    await admin.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
    expect(await admin.locator("html").getAttribute("lang")).toBe("en");
  });
});
