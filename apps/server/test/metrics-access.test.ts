import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app";
import { loadConfig } from "../src/config";
import { createTestApp, type TestApp } from "./support/test-app";

/**
 * /metrics is never public. A loopback peer proves nothing in production (a sidecar proxy is on
 * loopback and relays anyone), so there only METRICS_TOKEN opens it.
 */
const TOKEN = "a-metrics-token-for-tests";
let t: TestApp;
const production: Record<"withoutToken" | "withToken", FastifyInstance> = {} as never;

beforeAll(async () => {
  t = await createTestApp();
  for (const [name, env] of [
    ["withoutToken", {}],
    ["withToken", { METRICS_TOKEN: TOKEN }],
  ] as const) {
    const config = loadConfig({
      NODE_ENV: "production",
      LOG_LEVEL: "silent",
      JWT_SECRET: "test-secret-that-is-long-enough-for-hs256",
      DATA_ENCRYPTION_KEY: "dGVzdC1kYXRhLWVuY3J5cHRpb24ta2V5LTMyLWJ5dGU",
      WEB_DIST_DIR: "/nonexistent",
      JOBS: "false",
      ...env,
    });
    production[name] = await buildApp({ config, connection: t.db.app });
  }
});
afterAll(async () => {
  await Promise.all(Object.values(production).map((app) => app.close()));
  await t.close();
});

const scrape = (app: FastifyInstance, headers: Record<string, string> = {}) =>
  app.inject({ method: "GET", url: "/metrics", headers });

describe("/metrics in production", () => {
  it("is off without METRICS_TOKEN, even from loopback", async () => {
    expect((await scrape(production.withoutToken)).statusCode).toBe(404);
    expect((await scrape(production.withoutToken, { authorization: "Bearer " })).statusCode).toBe(404);
  });

  it("answers only the bearer of METRICS_TOKEN", async () => {
    expect((await scrape(production.withToken)).statusCode).toBe(404);
    expect((await scrape(production.withToken, { authorization: `Bearer ${TOKEN}x` })).statusCode).toBe(404);
    const ok = await scrape(production.withToken, { authorization: `Bearer ${TOKEN}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain("http_requests_total");
  });
});

describe("/metrics in development without a token", () => {
  it("answers a direct local request, not one relayed by a proxy on loopback", async () => {
    expect((await scrape(t.app)).statusCode).toBe(200);
    expect((await scrape(t.app, { "x-forwarded-for": "203.0.113.9" })).statusCode).toBe(404);
    expect((await scrape(t.app, { forwarded: "for=203.0.113.9" })).statusCode).toBe(404);
  });
});
