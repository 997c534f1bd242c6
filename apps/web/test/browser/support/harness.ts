// The browser suites' harness: the built server (apps/server/dist) with a fresh embedded database and
// the demo seed, serving the built dashboard (apps/web/dist), driven in Debian's Chromium.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const DEMO_PASSWORD = "ciar-demo-2026";

const repo = fileURLToPath(new URL("../../../../../", import.meta.url));
const serverEntry = path.join(repo, "apps/server/dist/server.js");
const dashboardIndex = path.join(repo, "apps/web/dist/index.html");

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Harness {
  baseUrl: string;
  /** A fresh browser profile, as one person on their own computer. */
  newContext(): Promise<BrowserContext>;
  /**
   * Signs a demo account in on a fresh profile (no shared cookies or local drafts) and waits for
   * the page sign-in leads to: `landing` when given, else any page but the sign-in form.
   */
  signIn(email: string, landing?: RegExp): Promise<Page>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
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

async function waitForReady(url: string, server: ChildProcess, log: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited (code ${server.exitCode}):\n${log()}`);
    try {
      if ((await fetch(`${url}/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server was not ready within ${timeoutMs / 1000}s:\n${log()}`);
}

/**
 * Starts the built server on a free port with a fresh database and the demo seed, and Chromium.
 * `serverEnv` adds to the server's environment (e.g. STRIPE_SECRET_KEY and STRIPE_API_URL pointing
 * at a local fake); the harness's own settings (port, host, data directory, public URL) stay.
 */
export async function startHarness(
  name: string,
  serverEnv: Record<string, string> = {},
  // "localhost" for WebAuthn, which refuses an IP address as the relying party's id.
  options: { publicHost?: "127.0.0.1" | "localhost" } = {},
): Promise<Harness> {
  const missing = [serverEntry, dashboardIndex].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `Build first (from the repository root: pnpm --filter @ciar/server build && pnpm --filter @ciar/web build). Missing: ${missing.join(", ")}`,
    );
  }
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath))
    throw new Error(`Chromium not found at ${executablePath} (set CHROMIUM_PATH).`);

  const port = await freePort();
  const baseUrl = `http://${options.publicHost ?? "127.0.0.1"}:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), `ciar-web-${name}-`));
  const { DATABASE_URL: _ignored, ...env } = process.env;
  let serverLog = "";
  const server = spawn(process.execPath, [serverEntry], {
    cwd: path.join(repo, "apps/server"),
    // PUBLIC_URL makes the invitation links and Stripe's return URLs point at this server (its
    // default is localhost:PORT).
    env: {
      ...env,
      LOG_LEVEL: "warn",
      ...serverEnv,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      PUBLIC_URL: baseUrl,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk: Buffer) => (serverLog += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (serverLog += chunk.toString()));

  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (server.exitCode === null) server.kill("SIGKILL");
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForReady(`http://127.0.0.1:${port}`, server, () => serverLog, 120_000);
    browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
  } catch (error) {
    await stop();
    throw error;
  }
  // Spanish (es-CL) is the dashboard's first language; the browser asks for it as a Chilean user's would.
  const newContext = () =>
    browser!.newContext({ baseURL: baseUrl, locale: "es-CL", timezoneId: "America/Santiago" });
  return {
    baseUrl,
    newContext,
    signIn: async (email, landing) => {
      const page = await (await newContext()).newPage();
      await page.goto("/ingresar");
      await page.getByLabel("Correo electrónico").fill(email);
      await page.getByLabel("Contraseña", { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Ingresar" }).click();
      await page.waitForURL(landing ?? ((url) => url.pathname !== "/ingresar"));
      return page;
    },
    stop,
  };
}
