import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("server did not become ready");
}

describe("graceful shutdown", () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
  });

  // The server migrates and seeds a fresh embedded database first: allow for a slow, shared machine.
  it("finishes in-flight requests on SIGTERM, then exits 0", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const { DATABASE_URL: _ignored, ...env } = process.env;
    child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
      cwd: root,
      env: {
        ...env,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: mkdtempSync(path.join(tmpdir(), "ciar-life-")),
        LOG_LEVEL: "warn",
        LOGIN_ATTEMPTS_PER_MINUTE: "1000",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    await waitReady(url, child);

    // Sign-ins take tens of milliseconds each (argon2): enough to be in flight at SIGTERM.
    const sent: Promise<void>[] = [];
    let lastAnswerAt = 0;
    const inFlight = Array.from(
      { length: 40 },
      (_, i) =>
        new Promise<number>((resolve, reject) => {
          const body = JSON.stringify({ email: `nadie${i}@example.org`, password: "not-the-password" });
          const request = httpRequest(
            `${url}/trpc/auth.login`,
            {
              method: "POST",
              headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
            },
            (response) => {
              response.resume();
              response.on("end", () => {
                lastAnswerAt = Date.now();
                resolve(response.statusCode ?? 0);
              });
            },
          );
          request.on("error", reject);
          sent.push(new Promise((done) => request.on("finish", () => done())));
          request.end(body);
        }),
    );
    await Promise.all(sent);
    // The server accepts connections in arrival order: once a request on a newer connection is
    // answered, all forty are accepted (their sign-ins are still running: argon2, PGlite).
    await new Promise<void>((resolve, reject) => {
      httpRequest(`${url}/health`, { agent: false }, (response) => {
        response.resume();
        response.on("end", () => resolve());
      })
        .on("error", reject)
        .end();
    });
    const signalledAt = Date.now();
    const exited = new Promise<number | null>((resolve) => child!.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");

    const statuses = await Promise.all(inFlight);
    expect(statuses).toEqual(Array(40).fill(401));
    // Some answers did arrive after the signal: they were in flight, and were finished.
    expect(lastAnswerAt).toBeGreaterThan(signalledAt);
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/Error/);
    // Nothing listens any more.
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  }, 120_000);
});
