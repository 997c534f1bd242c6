// End to end, through the real doors: the built server (apps/api/dist) with a fresh embedded
// database and the demo seed, serving the built dashboard (apps/web/dist), driven in Debian's
// Chromium. Locators are accessible ones (label, role, name): a missing label fails the test.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../../../", import.meta.url));
const serverEntry = path.join(repo, "apps/api/dist/server.js");
const dashboardIndex = path.join(repo, "apps/web/dist/index.html");
const DEMO_PASSWORD = "ciar-demo-2026";
const INVITEE = "nueva.persona@coquimbo.example";

let server: ChildProcess | undefined;
let serverLog = "";
let dataDir: string | undefined;
let browser: Browser | undefined;
let baseUrl = "";
let admin: Page;
let inviteLink = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitForReady(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null)
      throw new Error(`The server exited (code ${server?.exitCode}):\n${serverLog}`);
    try {
      if ((await fetch(`${url}/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server was not ready within ${timeoutMs / 1000}s:\n${serverLog}`);
}

async function newContext(): Promise<BrowserContext> {
  // Spanish (es-CL) is the dashboard's first language; the browser asks for it as a Chilean user's would.
  return browser!.newContext({ baseURL: baseUrl, locale: "es-CL", timezoneId: "America/Santiago" });
}

beforeAll(async () => {
  const missing = [serverEntry, dashboardIndex].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `Build first (from the repository root: pnpm --filter @ciar/server build && pnpm --filter @ciar/web build). Missing: ${missing.join(", ")}`,
    );
  }
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(path.join(tmpdir(), "ciar-web-browser-"));
  const { DATABASE_URL: _ignored, ...env } = process.env;
  server = spawn(process.execPath, [serverEntry], {
    cwd: path.join(repo, "apps/api"),
    // PUBLIC_URL makes the invitation links point at this server (its default is localhost:PORT).
    env: {
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      PUBLIC_URL: baseUrl,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk: Buffer) => (serverLog += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (serverLog += chunk.toString()));
  await waitForReady(baseUrl, 120_000);

  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath))
    throw new Error(`Chromium not found at ${executablePath} (set CHROMIUM_PATH).`);
  browser = await chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  admin = await (await newContext()).newPage();
});

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (server.exitCode === null) server.kill("SIGKILL");
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

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
    expect(inviteLink).toMatch(new RegExp(`^${baseUrl}/invitacion/[A-Za-z0-9_-]{43}$`));
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
    const invitee = await (await newContext()).newPage();
    await invitee.goto(inviteLink);
    await invitee.getByRole("heading", { name: "Te invitaron a Coquimbo" }).waitFor();
    await invitee.getByLabel("Nombre completo").fill("Nueva Persona");
    await invitee.getByLabel("Contraseña", { exact: true }).fill("una-clave-segura-2026");
    await invitee.getByLabel("Repite la contraseña").fill("una-clave-segura-2026");
    await invitee.getByRole("button", { name: "Crear cuenta y unirme" }).click();
    await invitee.waitForURL(/\/c\/04102\/miembros$/);
    await invitee.getByText("Nueva Persona", { exact: true }).waitFor(); // the header's user name
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
