import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "@ciar/db/client";
import { runMigrations } from "@ciar/db/migrate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app";
import { loadConfig } from "../src/config";
import { createTestApp, httpClient, signIn, type TestApp } from "./support/test-app";

describe("configuration", () => {
  it("starts with defaults on a laptop", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: "localhost",
      nodeEnv: "development",
      demoSeed: true,
      migrateOnStart: true,
    });
    expect(config.database.url).toBeUndefined();
    expect(config.jwtSecretIsEphemeral).toBe(true);
  });

  it("explains every invalid variable at once", () => {
    expect(() => loadConfig({ PORT: "eighty", DATABASE_URL: "not a url", LOG_LEVEL: "loud" })).toThrow(
      /PORT[\s\S]*DATABASE_URL[\s\S]*LOG_LEVEL/,
    );
  });

  it("requires a JWT secret and refuses demo data in production", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/JWT_SECRET/);
    expect(() =>
      loadConfig({ NODE_ENV: "production", JWT_SECRET: "s".repeat(40), DEMO_SEED: "true" }),
    ).toThrow(/DEMO_SEED/);
    const config = loadConfig({ NODE_ENV: "production", JWT_SECRET: "s".repeat(40) });
    expect(config).toMatchObject({ demoSeed: false, migrateOnStart: false, cookieSecure: true });
  });
});

describe("health, readiness and the dashboard", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it("reports health and readiness", async () => {
    expect((await t.app.inject({ url: "/health" })).json()).toEqual({ status: "ok" });
    const ready = await t.app.inject({ url: "/ready" });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: "ready" });
  });

  it("works through a real tRPC client over HTTP", async () => {
    const session = await signIn(t, "admin@laserena.example");
    const client = await httpClient(t, () => ({
      authorization: `Bearer ${session.token}`,
      "x-commune-id": t.communeId.laSerena,
    }));
    const list = await client.members.list.query({ limit: 10 });
    expect(list.items.map((m) => m.email)).toContain("admin@laserena.example");
    const foreign = await httpClient(t, () => ({
      authorization: `Bearer ${session.token}`,
      "x-commune-id": t.communeId.coquimbo,
    }));
    await expect(foreign.members.list.query({ limit: 10 })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
  });

  it("serves the built dashboard with a fallback to index.html for client routes", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ciar-web-"));
    writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>Red CIAR</title>");
    const connection = await openDatabase({});
    await runMigrations(connection);
    const app = await buildApp({
      config: loadConfig({ LOG_LEVEL: "silent", WEB_DIST_DIR: dir }),
      connection,
    });
    try {
      const page = await app.inject({ url: "/c/04101/miembros" });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("Red CIAR");
      expect(page.headers["content-security-policy"]).toContain("script-src 'self'");
      expect((await app.inject({ url: "/trpc/nothing.here" })).statusCode).toBe(404);
    } finally {
      await app.close();
      await connection.close();
    }
  });

  it("turns /ready to 503 when the database is gone", async () => {
    const connection = await openDatabase({});
    const app = await buildApp({
      config: loadConfig({ LOG_LEVEL: "silent", WEB_DIST_DIR: "/nonexistent" }),
      connection,
    });
    await connection.close();
    try {
      const ready = await app.inject({ url: "/ready" });
      expect(ready.statusCode).toBe(503);
      expect((await app.inject({ url: "/health" })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
