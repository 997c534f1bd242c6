// Browser test (c) of issue 13: a La Serena official signs in through the commune's directory for
// the first time. The directory is the demo one (a real OpenID provider, panva's oidc-provider)
// that the built server starts on its own port (DEV_IDENTITY_PROVIDER_PORT) and connects La Serena
// to, exactly as `npm start` does for the demo.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startHarness, type Harness } from "./support/harness";

let h: Harness;

beforeAll(async () => {
  const directoryPort = await freePort();
  h = await startHarness("directory", { DEV_IDENTITY_PROVIDER_PORT: String(directoryPort) });
});

afterAll(() => h?.stop());

describe("sign-in with the commune's directory", () => {
  it("a La Serena official signs in through the directory for the first time and lands in La Serena as an editor", async () => {
    const page = await (await h.newContext()).newPage();
    await page.goto("/ingresar");
    // The button appears once the typed e-mail's domain matches La Serena's directory.
    expect(await page.getByRole("link", { name: /cuenta de tu municipio/ }).count()).toBe(0);
    await page.getByLabel("Correo electrónico").fill("funcionaria@laserena.cl");
    const button = page.getByRole("link", { name: "Ingresar con la cuenta de tu municipio (La Serena)" });
    await button.click();

    // The provider's own sign-in form (another origin).
    await page.getByLabel("Correo institucional").fill("funcionaria@laserena.cl");
    await page.getByLabel("Contraseña").fill("directorio-demo-2026");
    await page.getByRole("button", { name: "Ingresar" }).click();

    // Back on the dashboard, signed in, in La Serena (the person's only commune).
    await page.waitForURL(/\/c\/04101\/miembros$/);
    await page.getByRole("heading", { level: 1, name: "Integrantes" }).waitFor();
    const row = page.getByRole("row", { name: /funcionaria@laserena\.cl/ });
    await row.waitFor();
    expect(await row.textContent()).toContain("Edición");
    expect(await page.getByLabel("Comuna", { exact: true }).inputValue()).toBe("04101");
  });
});
