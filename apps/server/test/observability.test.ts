import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serializeError } from "../src/logging";
import { call, createTestApp, signIn, type TestApp } from "./support/test-app";

describe("metrics", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: "a-metrics-token-for-tests" });
  });
  afterAll(() => t?.close());

  it("are not public", async () => {
    expect((await t.app.inject({ url: "/metrics" })).statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          url: "/metrics",
          headers: { authorization: "Bearer wrong-token-of-some-length" },
        })
      ).statusCode,
    ).toBe(404);
  });

  it("count requests, time procedures by outcome and show the pool", async () => {
    const session = await signIn(t, "admin@laserena.example");
    await call(
      t,
      "query",
      "members.list",
      { limit: 5 },
      { token: session.token, commune: t.communeId.laSerena },
    );
    await call(
      t,
      "query",
      "members.list",
      { limit: 5 },
      { token: session.token, commune: t.communeId.coquimbo },
    );
    const response = await t.app.inject({
      url: "/metrics",
      headers: { authorization: "Bearer a-metrics-token-for-tests" },
    });
    expect(response.statusCode).toBe(200);
    const text = response.body;
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/trpc",status="200"\} \d+/);
    expect(text).toMatch(
      /trpc_procedure_duration_seconds_count\{procedure="members.list",type="query",code="OK"\} 1/,
    );
    expect(text).toMatch(/trpc_errors_total\{procedure="members.list",code="FORBIDDEN"\} 1/);
    expect(text).toMatch(/db_transactions_in_flight 0/);
    expect(text).toMatch(/db_pool_max_connections 10/);
    expect(text).toContain("process_cpu_seconds_total");
    // Labels are route patterns, never ids or tokens.
    expect(text).not.toContain(t.communeId.laSerena);
  });
});

describe("request logs", () => {
  it("carry the request id and commune, and never tokens, cookies or passwords", async () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split("\n").filter(Boolean))
          lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const t = await createTestApp({ LOG_LEVEL: "info" }, { level: "info", stream });
    try {
      const session = await signIn(t, "admin@laserena.example");
      await call(
        t,
        "query",
        "members.list",
        { limit: 5, search: "editor" },
        { token: session.token, commune: t.communeId.laSerena, cookie: session.cookie },
      );
      const request = lines.find((l) => l.msg === "request" && String(l.path).includes("members.list"));
      expect(request).toMatchObject({ status: 200, communeId: t.communeId.laSerena });
      expect(typeof request?.reqId).toBe("string");
      const everything = JSON.stringify(lines);
      expect(everything).not.toContain(session.token);
      expect(everything).not.toContain(session.cookie.split("=")[1]);
      expect(everything).not.toContain("ciar-demo-2026");
      expect(everything).not.toContain("search=editor");
    } finally {
      await t.close();
    }
  });

  it("drop query parameters from database errors", () => {
    const error = new Error("Failed query: select * from users where email = $1\nparams: ana@laserena.cl", {
      cause: Object.assign(new Error("boom"), { parameters: ["ana@laserena.cl"], query: "select" }),
    });
    const serialized = JSON.stringify(serializeError(error));
    expect(serialized).toContain("Failed query");
    expect(serialized).not.toContain("ana@laserena.cl");
  });
});
