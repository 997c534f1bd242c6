// Browser test (b) of issue 13, end to end through the built server and dashboard in Chromium:
// enrol TOTP in Mi cuenta (the secret read from the page, codes computed with otplib as an
// authenticator app would), sign out, sign in with a code, then with a recovery code. Then
// passkeys for real: Chromium's virtual authenticator over CDP (ctap2, internal, resident keys,
// user verification) registers one and signs in with it, with no mocked verifier.
import { generate } from "otplib";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, startHarness, type Harness } from "./support/harness";

const EMAIL = "editor@laserena.example";
let h: Harness;
let context: BrowserContext;
let page: Page;
let secret = "";
let recoveryCodes: string[] = [];

/** The code the app shows `offset` steps from now (a step's code is accepted once). */
const codeAt = (offset: number) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset * 30 });

async function signOut() {
  await page.getByRole("button", { name: "Cerrar sesión" }).click();
  await page.waitForURL(/\/ingresar$/);
}

async function password() {
  await page.getByLabel("Correo electrónico").fill(EMAIL);
  await page.getByLabel("Contraseña", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Ingresar", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Verificación en dos pasos" }).waitFor();
}

const landedInCommune = () => page.waitForURL(/\/c\/04101\//);
/** Signed in again: back on the page signing out left (sign-out remembers it), or the home page. */
const signedInAgain = () => page.waitForURL((url) => url.pathname !== "/ingresar");

/**
 * Mi cuenta through the header's link: moving inside the app, not reloading it, so no test step
 * depends on restoring the session from the cookie between steps.
 */
async function openAccount() {
  if (new URL(page.url()).pathname === "/cuenta") return;
  await page.locator('header a[href="/cuenta"]').first().click();
  await page.waitForURL(/\/cuenta$/);
}

beforeAll(async () => {
  h = await startHarness("two-step", {}, { publicHost: "localhost" });
  context = await h.newContext();
  page = await context.newPage();
  // A platform authenticator as a laptop has: CTAP2, built in, discoverable credentials, a PIN or
  // fingerprint that verifies the person (always succeeding here).
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
});

afterAll(() => h?.stop());

describe("two-step verification", () => {
  it("enrols TOTP in Mi cuenta: QR code, manual key, a first code, recovery codes shown once", async () => {
    await page.goto("/ingresar");
    await page.getByLabel("Correo electrónico").fill(EMAIL);
    await page.getByLabel("Contraseña", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Ingresar", exact: true }).click();
    await landedInCommune();

    await openAccount();
    await page.getByRole("button", { name: "Activar con una aplicación de autenticación" }).click();
    await page.getByRole("img", { name: "Código QR para la aplicación de autenticación" }).waitFor();
    secret = await page.getByLabel("Clave para ingresar a mano").inputValue();
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    await page.getByLabel("Código de 6 dígitos").fill(await codeAt(0));
    await page.getByRole("button", { name: "Confirmar y activar" }).click();
    const list = page.getByRole("list", { name: "Códigos de recuperación" });
    await list.waitFor();
    recoveryCodes = await list.getByRole("listitem").allInnerTexts();
    expect(recoveryCodes).toHaveLength(10);
    await page.getByRole("button", { name: "Ya los guardé" }).click();
    await page.getByText("Te quedan 10 códigos de recuperación.").waitFor();
  });

  it("signs out, and signs in again with the password and a code from the app", async () => {
    await signOut();
    await password();
    // A wrong code is refused with a clear message, and the form stays.
    await page.getByLabel("Código de verificación").fill("000000");
    await page.getByRole("button", { name: "Verificar" }).click();
    await page.getByRole("alert").getByText("El código no es válido o ya se usó", { exact: false }).waitFor();
    await page.getByLabel("Código de verificación").fill(await codeAt(1));
    await page.getByRole("button", { name: "Verificar" }).click();
    await signedInAgain();
  });

  it("signs in with a recovery code, which is then spent", async () => {
    await signOut();
    await password();
    await page.getByRole("button", { name: "Usar un código de recuperación" }).click();
    await page.getByLabel("Código de recuperación").fill(recoveryCodes[0]!);
    await page.getByRole("button", { name: "Verificar" }).click();
    await signedInAgain();
    await openAccount();
    await page.getByText("Te quedan 9 códigos de recuperación.").waitFor();
  });

  it("registers a passkey on the virtual authenticator and signs in with it alone", async () => {
    await page.getByLabel("Nombre de la nueva llave").fill("Notebook de prueba");
    await page.getByRole("button", { name: "Agregar llave de acceso" }).click();
    await page.getByRole("row", { name: /Notebook de prueba/ }).waitFor();

    await signOut();
    await page.getByRole("button", { name: "Iniciar sesión con una llave de acceso" }).click();
    await signedInAgain();
    await openAccount();
    const row = page.getByRole("row", { name: /Notebook de prueba/ });
    await row.waitFor();
    // "Último uso" is no longer "Nunca": the server recorded the sign-in.
    expect(await row.getByRole("cell").nth(1).innerText()).not.toBe("Nunca");
  });

  it("answers the second step with the passkey", async () => {
    await signOut();
    await password();
    await page.getByRole("button", { name: "Usar una llave de acceso" }).click();
    await signedInAgain();
  });
});
