import { createHmac } from "node:crypto";
import http from "node:http";
import { Writable } from "node:stream";
import { createDoors } from "@ciar/api/doors";
import { sweepExpiredGatewayRows } from "@ciar/api/gateway/sweep";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app";
import { loadConfig } from "../src/config";
import {
  closedPort,
  createKey,
  createModule,
  expireIdempotency,
  keyLastUsed,
  ledgerOf,
  setSubscriptionStatus,
  setUpstream,
  signingSecretOf,
  startUpstream,
  subscribe,
  usageOf,
  type ModuleFixture,
  type Upstream,
} from "./support/gateway-fixtures";
import { createTestApp, type TestApp } from "./support/test-app";

/**
 * The module gateway end to end: real database (PGlite, or PostgreSQL with TEST_DATABASE_URL),
 * the real Fastify app, a local HTTP server standing in for the modules' services.
 *
 * La Serena provides the modules; Coquimbo subscribes; Maipú has a key but no subscription.
 */
describe("module gateway", () => {
  let t: TestApp;
  let upstream: Upstream;
  const lines: Record<string, unknown>[] = [];
  let main: ModuleFixture;
  let other: ModuleFixture;
  let block: ModuleFixture;
  let overage: ModuleFixture;
  let billing: ModuleFixture;
  let down: ModuleFixture;
  let draft: ModuleFixture;
  let burst: ModuleFixture;
  let refund: ModuleFixture;
  let billingSubscription: string;
  let coquimbo: { key: string; id: string };
  let coquimboMainOnly: { key: string; id: string };
  /** Keys of their own for the many-call tests, so that the others stay within the rate limit. */
  let burstKey: { key: string; id: string };
  let idemKey: { key: string; id: string };
  let maipu: { key: string; id: string };
  let revoked: { key: string; id: string };

  beforeAll(async () => {
    upstream = await startUpstream();
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split("\n").filter(Boolean))
          lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    t = await createTestApp({ LOG_LEVEL: "info" }, { level: "info", stream });
    const owner = t.db.owner;
    const { laSerena: providerId, coquimbo: coquimboId, maipu: maipuId } = t.communeId;
    const module = (slug: string, extra: Partial<Parameters<typeof createModule>[1]> = {}) =>
      createModule(owner, { providerId, slug, upstreamUrl: `${upstream.url}/svc/${slug}`, ...extra });
    main = await module("gw-main", { includedUnits: 1_000, quotaPolicy: "overage" });
    other = await module("gw-other");
    block = await module("gw-block", { includedUnits: 2, quotaPolicy: "block" });
    overage = await module("gw-overage", { includedUnits: 1, quotaPolicy: "overage" });
    billing = await module("gw-billing");
    down = await module("gw-down", { upstreamUrl: `http://127.0.0.1:${await closedPort()}/svc` });
    draft = await module("gw-draft", { status: "draft" });
    burst = await module("gw-burst", { includedUnits: 2, quotaPolicy: "block" });
    refund = await module("gw-refund", { includedUnits: 1, quotaPolicy: "block" });
    for (const m of [main, other, block, overage, down, draft, burst, refund])
      await subscribe(owner, { communeId: coquimboId, providerId, module: m });
    billingSubscription = await subscribe(owner, { communeId: coquimboId, providerId, module: billing });
    const allModules = [main, other, block, overage, billing, down, draft, burst, refund].map(
      (m) => m.moduleId,
    );
    coquimbo = await createKey(owner, { communeId: coquimboId, moduleIds: allModules });
    coquimboMainOnly = await createKey(owner, { communeId: coquimboId, moduleIds: [main.moduleId] });
    burstKey = await createKey(owner, { communeId: coquimboId, moduleIds: [burst.moduleId] });
    idemKey = await createKey(owner, { communeId: coquimboId, moduleIds: allModules });
    maipu = await createKey(owner, { communeId: maipuId, moduleIds: [main.moduleId] });
    revoked = await createKey(owner, { communeId: coquimboId, moduleIds: [main.moduleId], revoked: true });
  });
  afterAll(async () => {
    await t?.close();
    await upstream?.close();
  });

  const send = (
    url: string,
    options: {
      key?: string | undefined;
      method?: "GET" | "POST" | "PUT" | "DELETE";
      headers?: Record<string, string>;
      body?: unknown;
      app?: FastifyInstance;
    } = {},
  ) =>
    (options.app ?? t.app).inject({
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      url,
      headers: {
        ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }),
    });

  const errorOf = (response: { body: string }) =>
    (JSON.parse(response.body) as { error: { appCode: string; message: string } }).error;

  /** The app on a real port (once), for calls made over HTTP. */
  let base: string | undefined;
  const listening = async () => {
    if (base) return base;
    const address = t.app.server.address() as { port: number } | null;
    base = address ? `http://127.0.0.1:${address.port}` : await t.app.listen({ host: "127.0.0.1", port: 0 });
    return base;
  };

  const hitsOn = (slug: string) => upstream.received.filter((r) => r.url.startsWith(`/svc/${slug}`)).length;

  describe("refuses", () => {
    it("a call without a key: 401 gateway.missing_key, in the caller's language", async () => {
      const es = await send("/modules/gw-main/echo");
      expect(es.statusCode).toBe(401);
      expect(errorOf(es)).toEqual({
        appCode: "gateway.missing_key",
        message: expect.stringContaining("Falta la clave"),
      });
      const en = await send("/modules/gw-main/echo", { headers: { "accept-language": "en-US,en;q=0.9" } });
      expect(errorOf(en).message).toMatch(/API key is missing/);
      expect(es.headers["content-type"]).toMatch(/application\/json/);
    });

    it("malformed, unknown, conflicting and revoked keys: 401 gateway.invalid_key", async () => {
      const attempts: Record<string, string>[] = [
        { authorization: "Bearer not-a-key" },
        { authorization: "Basic dXNlcjpwYXNz" },
        { authorization: `Bearer ciar_0123abcd_${"A".repeat(43)}` },
        { "x-api-key": `ciar_0123abcd_${"B".repeat(43)}` },
        { authorization: `Bearer ${coquimbo.key}`, "x-api-key": maipu.key },
        { authorization: `Bearer ${revoked.key}` },
        { "x-api-key": revoked.key },
      ];
      for (const headers of attempts) {
        const response = await send("/modules/gw-main/echo", { headers });
        expect(response.statusCode, JSON.stringify(headers)).toBe(401);
        expect(errorOf(response).appCode).toBe("gateway.invalid_key");
      }
      expect(hitsOn("gw-main")).toBe(0);
    });

    it("a key of a commune without a subscription (Maipú): 403 gateway.not_entitled", async () => {
      const response = await send("/modules/gw-main/echo", { key: maipu.key });
      expect(response.statusCode).toBe(403);
      expect(errorOf(response).appCode).toBe("gateway.not_entitled");
      expect(hitsOn("gw-main")).toBe(0);
    });

    it("a key scoped to another module, even of a subscribed commune: 403", async () => {
      const response = await send("/modules/gw-other/echo", { key: coquimboMainOnly.key });
      expect(response.statusCode).toBe(403);
      expect(errorOf(response).appCode).toBe("gateway.not_entitled");
      expect(hitsOn("gw-other")).toBe(0);
    });

    it("unknown and unpublished modules: 404 modules.not_found", async () => {
      for (const slug of ["gw-draft", "gw-nope"]) {
        const response = await send(`/modules/${slug}/echo`, { key: coquimbo.key });
        expect(response.statusCode).toBe(404);
        expect(errorOf(response).appCode).toBe("modules.not_found");
      }
      expect(hitsOn("gw-draft")).toBe(0);
    });

    it("an Idempotency-Key over 200 characters: 400", async () => {
      const response = await send("/modules/gw-main/echo", {
        key: coquimbo.key,
        headers: { "idempotency-key": "x".repeat(201) },
      });
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).appCode).toBe("input.invalid");
    });
  });

  describe("forwards an entitled call", () => {
    it("with the path, query and body, without the caller's credentials, with the commune", async () => {
      const before = upstream.received.length;
      const response = await send("/modules/gw-main/expedientes/42?detalle=si&x=%C3%B1", {
        key: coquimbo.key,
        body: { tipo: "obra_nueva", documentos: ["planos"] },
        headers: {
          cookie: "ciar_refresh=secret-refresh-cookie",
          "x-api-key": coquimbo.key,
          "x-ciar-commune": "13119",
          "x-commune-id": t.communeId.maipu,
          "x-forwarded-for": "6.6.6.6",
          "x-request-id": "0190f0f0-0000-7000-8000-000000000001",
          X_Ciar_Commune: "13119",
          "true-client-ip": "6.6.6.6",
          "x-original-url": "/admin",
          "accept-language": "es-CL",
        },
      });
      expect(response.statusCode).toBe(200);
      expect(upstream.received.length).toBe(before + 1);
      const got = upstream.received.at(-1)!;
      expect(got.method).toBe("POST");
      expect(got.url).toBe("/svc/gw-main/expedientes/42?detalle=si&x=%C3%B1");
      expect(JSON.parse(got.body)).toEqual({ tipo: "obra_nueva", documentos: ["planos"] });
      expect(got.headers.authorization).toBeUndefined();
      expect(got.headers["x-api-key"]).toBeUndefined();
      expect(got.headers.cookie).toBeUndefined();
      expect(got.headers["x-commune-id"]).toBeUndefined();
      expect(got.headers["x-forwarded-for"]).toBeUndefined();
      expect(got.headers["x-ciar-commune"]).toBe("04102");
      // The module gets our request id, never the caller's (kept apart, in our logs only).
      expect(got.headers["x-request-id"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
      expect(got.headers["x-request-id"]).not.toBe("0190f0f0-0000-7000-8000-000000000001");
      // Only allowed names reach the module; a name with "_" never does (WSGI reads it as "-").
      expect(got.headers["x_ciar_commune"]).toBeUndefined();
      expect(got.headers["true-client-ip"]).toBeUndefined();
      expect(got.headers["x-original-url"]).toBeUndefined();
      expect(got.headers["accept-language"]).toBe("es-CL");
      expect(got.headers["content-type"]).toBe("application/json");
      expect(Object.keys(got.headers).filter((name) => name.includes("_"))).toEqual([]);
      // What the gateway asserts is signed with the module's secret.
      const timestamp = Number(got.headers["x-ciar-timestamp"]);
      expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(300);
      const secret = await signingSecretOf(t.db.owner, t.communeId.laSerena, main.moduleId);
      const expected = createHmac("sha256", secret)
        .update(`${timestamp}.04102.${String(got.headers["x-request-id"])}`)
        .digest("hex");
      expect(got.headers["x-ciar-signature"]).toBe(`v1=${expected}`);
      const otherSecret = await signingSecretOf(t.db.owner, t.communeId.laSerena, other.moduleId);
      expect(otherSecret).not.toBe(secret);
      expect(JSON.stringify(got.headers)).not.toContain(coquimbo.key);
      expect(response.headers["x-request-id"]).toBe(got.headers["x-request-id"]);
      expect(response.headers["x-ciar-billing-warning"]).toBeUndefined();
      expect(response.headers["x-ratelimit-limit"]).toBe("60");
    });

    it("with x-api-key too, and to the module's root", async () => {
      const response = await send("/modules/gw-main", { headers: { "x-api-key": coquimbo.key } });
      expect(response.statusCode).toBe(200);
      expect(upstream.received.at(-1)!.url).toBe("/svc/gw-main");
    });

    it("answers with the module's headers, minus its cookies, in a sandbox", async () => {
      const response = await send("/modules/gw-main/cookie", { key: coquimbo.key });
      expect(response.statusCode).toBe(200);
      expect(response.headers["set-cookie"]).toBeUndefined();
      expect(response.headers["x-ciar-commune"]).toBeUndefined();
      expect(response.headers["content-security-policy"]).toContain("sandbox");
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
    });

    it("passes the module's own errors through", async () => {
      const response = await send("/modules/gw-main/refuse", { key: coquimbo.key, body: {} });
      expect(response.statusCode).toBe(400);
      expect(JSON.parse(response.body)).toEqual({ error: "bad input" });
    });

    it("notes when the key was last used", async () => {
      expect(await keyLastUsed(t.db.owner, t.communeId.coquimbo, coquimbo.id)).toBeInstanceOf(Date);
    });
  });

  describe("usage", () => {
    it("counts one unit per 2xx answer, none for 4xx or 5xx", async () => {
      const before = (await usageOf(t.db.owner, t.communeId.coquimbo, main.moduleId)).length;
      expect((await send("/modules/gw-main/ok", { key: coquimbo.key })).statusCode).toBe(200);
      expect((await send("/modules/gw-main/ok", { key: coquimbo.key })).statusCode).toBe(200);
      const failed = await send("/modules/gw-main/fail", { key: coquimbo.key });
      expect(failed.statusCode).toBe(500);
      expect((await send("/modules/gw-main/refuse", { key: coquimbo.key })).statusCode).toBe(400);
      const rows = await usageOf(t.db.owner, t.communeId.coquimbo, main.moduleId);
      expect(rows.length).toBe(before + 2);
      expect(rows.every((r) => r.units === 1 && !r.overQuota && r.apiKeyId === coquimbo.id)).toBe(true);
      expect(rows[0]!.month).toMatch(/^\d{4}-\d{2}$/);
    });

    it("answers a retried Idempotency-Key from the stored answer: one call to the module, one unit", async () => {
      const before = (await usageOf(t.db.owner, t.communeId.coquimbo, main.moduleId)).length;
      const hits = hitsOn("gw-main");
      const headers = { "idempotency-key": "expediente-PE-2026-0142" };
      const body = { expediente: "PE-2026-0142" };
      const first = await send("/modules/gw-main/ok?v=1", { key: idemKey.key, headers, body });
      expect(first.statusCode).toBe(200);
      expect(first.headers["idempotent-replayed"]).toBeUndefined();
      for (let i = 0; i < 3; i++) {
        const retry = await send("/modules/gw-main/ok?v=1", { key: idemKey.key, headers, body });
        expect(retry.statusCode).toBe(200);
        expect(retry.body).toBe(first.body);
        expect(retry.headers["content-type"]).toBe(first.headers["content-type"]);
        expect(retry.headers["idempotent-replayed"]).toBe("true");
        expect(retry.headers["content-security-policy"]).toContain("sandbox");
      }
      expect(hitsOn("gw-main")).toBe(hits + 1);
      const rows = await usageOf(t.db.owner, t.communeId.coquimbo, main.moduleId);
      expect(rows.length).toBe(before + 1);
      const ledger = await ledgerOf(t.db.owner, t.communeId.coquimbo, main.moduleId);
      const stored = ledger.idempotency.find((r) => r.key === "expediente-PE-2026-0142");
      expect(stored?.status).toBe(200);
      // Kept for the documented window (24 h).
      const hoursLeft = (stored!.expiresAt.getTime() - Date.now()) / 3_600_000;
      expect(hoursLeft).toBeGreaterThan(23);
      expect(hoursLeft).toBeLessThanOrEqual(24);
    });

    it("refuses the same key with another body, path or method: 422, without calling", async () => {
      const headers = { "idempotency-key": "expediente-PE-2026-0143" };
      const body = { expediente: "PE-2026-0143" };
      expect((await send("/modules/gw-main/ok", { key: idemKey.key, headers, body })).statusCode).toBe(200);
      const hits = hitsOn("gw-main");
      const units = (await usageOf(t.db.owner, t.communeId.coquimbo, main.moduleId)).length;
      for (const attempt of [
        { url: "/modules/gw-main/ok", body: { expediente: "PE-2026-9999" } },
        { url: "/modules/gw-main/otro", body },
        { url: "/modules/gw-main/ok?x=1", body },
        { url: "/modules/gw-main/ok", method: "PUT" as const, body },
      ]) {
        const response = await send(attempt.url, { key: idemKey.key, headers, ...attempt });
        expect(response.statusCode, JSON.stringify(attempt)).toBe(422);
        expect(errorOf(response).appCode).toBe("gateway.idempotency_mismatch");
      }
      expect(hitsOn("gw-main")).toBe(hits);
      expect((await usageOf(t.db.owner, t.communeId.coquimbo, main.moduleId)).length).toBe(units);
    });

    it("gives the key back when the first answer is not 2xx: the retry reaches the module", async () => {
      const headers = { "idempotency-key": "reintento-tras-error" };
      const hits = hitsOn("gw-main");
      expect((await send("/modules/gw-main/fail", { key: idemKey.key, headers })).statusCode).toBe(500);
      expect((await send("/modules/gw-main/fail", { key: idemKey.key, headers })).statusCode).toBe(500);
      expect(hitsOn("gw-main")).toBe(hits + 2);
      const ledger = await ledgerOf(t.db.owner, t.communeId.coquimbo, main.moduleId);
      expect(ledger.idempotency.find((r) => r.key === "reintento-tras-error")).toBeUndefined();
    });

    it("keys are per commune and module, and a key reused after its window is a new, counted call", async () => {
      const headers = { "idempotency-key": "ventana" };
      expect((await send("/modules/gw-other/ok", { key: idemKey.key, headers })).statusCode).toBe(200);
      const hits = hitsOn("gw-other");
      const units = (await usageOf(t.db.owner, t.communeId.coquimbo, other.moduleId)).length;
      await expireIdempotency(t.db.owner, t.communeId.coquimbo, other.moduleId);
      const again = await send("/modules/gw-other/ok", { key: idemKey.key, headers });
      expect(again.statusCode).toBe(200);
      expect(again.headers["idempotent-replayed"]).toBeUndefined();
      expect(hitsOn("gw-other")).toBe(hits + 1);
      expect((await usageOf(t.db.owner, t.communeId.coquimbo, other.moduleId)).length).toBe(units + 1);
    });

    it("a concurrent retry while the first call is in flight: 409, the module is called once", async () => {
      const headers = { "idempotency-key": "en-curso" };
      const hits = hitsOn("gw-main");
      const first = send("/modules/gw-main/slow", { key: idemKey.key, headers });
      // The first call has reached the module (and so claimed the key) before the retry is sent.
      while (hitsOn("gw-main") === hits) await new Promise((resolve) => setTimeout(resolve, 20));
      const retry = await send("/modules/gw-main/slow", { key: idemKey.key, headers });
      expect(retry.statusCode).toBe(409);
      expect(errorOf(retry).appCode).toBe("gateway.idempotency_in_progress");
      expect((await first).statusCode).toBe(200);
      const replay = await send("/modules/gw-main/slow", { key: idemKey.key, headers });
      expect(replay.headers["idempotent-replayed"]).toBe("true");
      expect(hitsOn("gw-main")).toBe(hits + 1);
    });

    it("the sweep deletes expired idempotency records, and only those", async () => {
      await expireIdempotency(t.db.owner, t.communeId.coquimbo, main.moduleId);
      const headers = { "idempotency-key": "despues-del-barrido" };
      expect((await send("/modules/gw-other/ok", { key: idemKey.key, headers })).statusCode).toBe(200);
      expect(await sweepExpiredGatewayRows(createDoors(t.db.app.db).jobs)).toBeGreaterThan(0);
      expect((await ledgerOf(t.db.owner, t.communeId.coquimbo, main.moduleId)).idempotency).toEqual([]);
      const kept = (await ledgerOf(t.db.owner, t.communeId.coquimbo, other.moduleId)).idempotency;
      expect(kept.map((r) => r.key)).toContain("despues-del-barrido");
    });

    it("'block' plans refuse with 429 once the month's included units are used, without calling", async () => {
      expect((await send("/modules/gw-block/ok", { key: coquimbo.key })).statusCode).toBe(200);
      expect(
        (
          await send("/modules/gw-block/ok", {
            key: coquimbo.key,
            headers: { "idempotency-key": "block-retry" },
          })
        ).statusCode,
      ).toBe(200);
      const hits = hitsOn("gw-block");
      const refused = await send("/modules/gw-block/ok", { key: coquimbo.key });
      expect(refused.statusCode).toBe(429);
      expect(errorOf(refused).appCode).toBe("gateway.quota_exceeded");
      expect(hitsOn("gw-block")).toBe(hits);
      // A retry of a call already counted gets its stored answer (the module is not called).
      const retry = await send("/modules/gw-block/ok", {
        key: coquimbo.key,
        headers: { "idempotency-key": "block-retry" },
      });
      expect(retry.statusCode).toBe(200);
      expect(retry.headers["idempotent-replayed"]).toBe("true");
      // A new key is a new call: the quota is checked.
      const fresh = await send("/modules/gw-block/ok", {
        key: coquimbo.key,
        headers: { "idempotency-key": "block-new" },
      });
      expect(fresh.statusCode).toBe(429);
      expect(hitsOn("gw-block")).toBe(hits);
      expect(await usageOf(t.db.owner, t.communeId.coquimbo, block.moduleId)).toHaveLength(2);
    });

    it("'block' quota holds under 20 concurrent calls to a slow module: exactly the plan's 2 units", async () => {
      const base = await listening();
      const hits = hitsOn("gw-burst");
      const statuses = await Promise.all(
        Array.from({ length: 20 }, async () => {
          const response = await fetch(`${base}/modules/gw-burst/slow`, {
            headers: { authorization: `Bearer ${burstKey.key}` },
          });
          await response.arrayBuffer();
          return response.status;
        }),
      );
      expect(statuses.filter((s) => s === 200)).toHaveLength(2);
      expect(statuses.filter((s) => s === 429)).toHaveLength(18);
      expect(hitsOn("gw-burst")).toBe(hits + 2);
      expect(await usageOf(t.db.owner, t.communeId.coquimbo, burst.moduleId)).toHaveLength(2);
      expect(await ledgerOf(t.db.owner, t.communeId.coquimbo, burst.moduleId)).toMatchObject({
        monthTotal: 2,
        holds: 0,
      });
    });

    it("a unit held for a call that is not 2xx goes back (nothing counted)", async () => {
      expect((await send("/modules/gw-refund/fail", { key: coquimbo.key })).statusCode).toBe(500);
      expect((await send("/modules/gw-refund/refuse", { key: coquimbo.key })).statusCode).toBe(400);
      expect(await ledgerOf(t.db.owner, t.communeId.coquimbo, refund.moduleId)).toMatchObject({
        monthTotal: 0,
        holds: 0,
      });
      expect((await send("/modules/gw-refund/ok", { key: coquimbo.key })).statusCode).toBe(200);
      expect((await send("/modules/gw-refund/ok", { key: coquimbo.key })).statusCode).toBe(429);
      expect(await usageOf(t.db.owner, t.communeId.coquimbo, refund.moduleId)).toHaveLength(1);
      expect(await ledgerOf(t.db.owner, t.communeId.coquimbo, refund.moduleId)).toMatchObject({
        monthTotal: 1,
        holds: 0,
      });
    });

    it("'overage' plans keep answering and mark the extra units over quota", async () => {
      for (let i = 0; i < 3; i++) {
        expect((await send("/modules/gw-overage/ok", { key: coquimbo.key })).statusCode).toBe(200);
      }
      const rows = await usageOf(t.db.owner, t.communeId.coquimbo, overage.moduleId);
      expect(rows.map((r) => r.overQuota).sort()).toEqual([false, true, true]);
    });
  });

  describe("entitlement follows the subscription", () => {
    const owner = () => t.db.owner;
    it("past due within the grace period: allowed, with a warning header", async () => {
      await setSubscriptionStatus(
        owner(),
        t.communeId.coquimbo,
        billingSubscription,
        "past_due",
        new Date(Date.now() - 2 * 86_400_000),
      );
      const response = await send("/modules/gw-billing/ok", { key: coquimbo.key });
      expect(response.statusCode).toBe(200);
      expect(response.headers["x-ciar-billing-warning"]).toBe("past_due");
    });

    it("past due beyond the grace period: 403", async () => {
      await setSubscriptionStatus(
        owner(),
        t.communeId.coquimbo,
        billingSubscription,
        "past_due",
        new Date(Date.now() - 30 * 86_400_000),
      );
      const response = await send("/modules/gw-billing/ok", { key: coquimbo.key });
      expect(response.statusCode).toBe(403);
      expect(errorOf(response).appCode).toBe("gateway.not_entitled");
    });

    it("active again, then canceled: the entitlement ends with the cancellation", async () => {
      await setSubscriptionStatus(owner(), t.communeId.coquimbo, billingSubscription, "active");
      expect((await send("/modules/gw-billing/ok", { key: coquimbo.key })).statusCode).toBe(200);
      await setSubscriptionStatus(owner(), t.communeId.coquimbo, billingSubscription, "canceled");
      const hits = hitsOn("gw-billing");
      const response = await send("/modules/gw-billing/ok", { key: coquimbo.key });
      expect(response.statusCode).toBe(403);
      expect(errorOf(response).appCode).toBe("gateway.not_entitled");
      expect(hitsOn("gw-billing")).toBe(hits);
    });
  });

  describe("when the module's service fails", () => {
    it("is down: 502 gateway.upstream_failed, JSON without stack or cause", async () => {
      const response = await send("/modules/gw-down/anything", { key: coquimbo.key });
      expect(response.statusCode).toBe(502);
      expect(JSON.parse(response.body)).toEqual({
        error: { appCode: "gateway.upstream_failed", message: expect.any(String) },
      });
      expect(response.body).not.toMatch(/ECONNREFUSED|stack|at \w+ \(/);
      expect(await usageOf(t.db.owner, t.communeId.coquimbo, down.moduleId)).toHaveLength(0);
    });
  });

  describe("hostile paths", () => {
    beforeAll(async () => {
      await listening();
    });

    /** Raw HTTP, so that no client normalises the path on the way. */
    const raw = (path: string, key = coquimbo.key) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.request(
          `${base}/`,
          { method: "GET", path, headers: { authorization: `Bearer ${key}` } },
          (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (c: Buffer) => chunks.push(c));
            response.on("end", () =>
              resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
            );
          },
        );
        request.on("error", reject);
        request.end();
      });

    it("never answer 5xx and never reach another module or leave the module's path", async () => {
      const paths = [
        "/modules/../trpc/auth.me",
        "/modules/%2e%2e/trpc/auth.me",
        "/modules/gw-main/../gw-other/x",
        "/modules/gw-main/..%2fgw-other%2fx",
        "/modules/gw-main/%2e%2e/%2e%2e/svc/gw-other/x",
        "/modules/gw-main/%2E%2E%2F%2E%2E%2Fgw-other",
        "/modules/gw-main/.%2e/gw-other",
        "/modules/gw-main/a%5c..%5c..%5cgw-other",
        "/modules/gw-main/./x",
        "/modules/gw-main/%zz",
        "/modules/gw-main/%00",
        "/modules/gw-main//127.0.0.1/gw-other",
        "/modules/gw-main/...",
        "/modules/gw-main/..;/gw-other",
        `/modules/${"a".repeat(300)}/x`,
        `/modules/${"a".repeat(6_000)}/x`,
        "/modules/GW-MAIN/x",
        "/modules/gw-main%2f..%2fgw-other/x",
        "/modules/gw-other%2f/x",
        "/modules/%67w-other/x",
      ];
      const otherHits = hitsOn("gw-other");
      const before = upstream.received.length;
      for (const path of paths) {
        const response = await raw(path);
        expect(response.status, path).toBeLessThan(500);
        expect(response.body, path).not.toMatch(/stack|at \w+ \(/);
      }
      const reached = upstream.received.slice(before);
      // Only the percent-encoded slug of gw-other legitimately names gw-other (with a key for it).
      expect(hitsOn("gw-other")).toBeLessThanOrEqual(otherHits + 1);
      for (const r of reached) {
        expect(r.url, r.url).toMatch(/^\/svc\/gw-(main|other)(\/|$)/);
        // No dot segment, plain or encoded, that the module's server could resolve upwards.
        expect(decodeURIComponent(r.url), r.url).not.toMatch(/[/\\]\.\.?([/\\]|$)/);
      }
    });

    it("a key scoped to one module cannot reach another through an encoded path", async () => {
      const hits = hitsOn("gw-other");
      for (const path of ["/modules/gw-main/..%2f..%2fgw-other/x", "/modules/%67w-other/x"]) {
        const response = await raw(path, coquimboMainOnly.key);
        expect(response.status, path).toBeGreaterThanOrEqual(400);
        expect(response.status, path).toBeLessThan(500);
      }
      expect(hitsOn("gw-other")).toBe(hits);
    });
  });

  describe("observability", () => {
    it("counts calls by module and outcome", async () => {
      const response = await t.app.inject({ url: "/metrics" });
      expect(response.statusCode).toBe(200);
      expect(response.body).toMatch(
        /ciar_gateway_requests_total\{module="gw-main",outcome="upstream_2xx"\} \d+/,
      );
      expect(response.body).toMatch(
        /ciar_gateway_requests_total\{module="gw-main",outcome="upstream_5xx"\} \d+/,
      );
      expect(response.body).toMatch(
        /ciar_gateway_requests_total\{module="unknown",outcome="missing_key"\} \d+/,
      );
      expect(response.body).toMatch(
        /ciar_gateway_requests_total\{module="gw-block",outcome="quota_exceeded"\} 2/,
      );
      expect(response.body).toMatch(/ciar_gateway_request_duration_seconds_count\{module="gw-main"/);
      expect(response.body).toMatch(/ciar_gateway_upstream_duration_seconds_count\{module="gw-main"\}/);
      // Bounded labels: unknown slugs never become a label.
      expect(response.body).not.toContain('module="gw-nope"');
    });

    it("logs each call with its request id and commune, never the key", () => {
      const gatewayLines = lines.filter((l) => l.msg === "request" && String(l.path).startsWith("/modules/"));
      expect(gatewayLines.length).toBeGreaterThan(10);
      const forwarded = gatewayLines.find((l) => l.status === 200);
      expect(forwarded).toMatchObject({ communeId: t.communeId.coquimbo });
      expect(typeof forwarded?.reqId).toBe("string");
      const everything = JSON.stringify(lines);
      for (const key of [coquimbo, coquimboMainOnly, maipu, revoked])
        expect(everything).not.toContain(key.key);
      expect(everything).not.toContain("secret-refresh-cookie");
    });
  });

  describe("with its own limits", () => {
    let limited: FastifyInstance;
    let replica: FastifyInstance;
    let key: { key: string; id: string };
    let anotherKey: { key: string; id: string };
    let bodyKey: { key: string; id: string };
    const limitedConfig = () =>
      loadConfig({
        NODE_ENV: "test",
        LOG_LEVEL: "silent",
        JWT_SECRET: "test-secret-that-is-long-enough-for-hs256",
        WEB_DIST_DIR: "/nonexistent",
        GATEWAY_RATE_LIMIT_PER_MINUTE: "3",
        GATEWAY_UPSTREAM_TIMEOUT_MS: "300",
        GATEWAY_BODY_LIMIT_BYTES: "2048",
      });
    beforeAll(async () => {
      limited = await buildApp({ config: limitedConfig(), connection: t.db.app });
      await limited.ready();
      replica = await buildApp({ config: limitedConfig(), connection: t.db.app });
      await replica.ready();
      const fresh = () =>
        createKey(t.db.owner, { communeId: t.communeId.coquimbo, moduleIds: [main.moduleId] });
      key = await fresh();
      anotherKey = await fresh();
      bodyKey = await fresh();
    });
    afterAll(async () => {
      await limited?.close();
      await replica?.close();
    });

    it("rate limit per key, shared by two app instances on one database: 429 with Retry-After", async () => {
      // Two calls on each instance: an in-process limit would let all four through.
      for (const app of [limited, replica, limited])
        expect((await send("/modules/gw-main/ok", { key: key.key, app })).statusCode).toBe(200);
      const response = await send("/modules/gw-main/ok", { key: key.key, app: replica });
      expect(response.statusCode).toBe(429);
      expect(errorOf(response).appCode).toBe("gateway.rate_limited");
      expect(Number(response.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      expect(Number(response.headers["retry-after"])).toBeLessThanOrEqual(60);
      // Another key is not affected.
      expect((await send("/modules/gw-main/ok", { key: anotherKey.key, app: limited })).statusCode).toBe(200);
    });

    it("upstream timeout: 504 gateway.upstream_failed, nothing counted", async () => {
      const before = (await usageOf(t.db.owner, t.communeId.coquimbo, main.moduleId)).length;
      const response = await send("/modules/gw-main/slow", { key: bodyKey.key, app: limited });
      expect(response.statusCode).toBe(504);
      expect(errorOf(response).appCode).toBe("gateway.upstream_failed");
      expect((await usageOf(t.db.owner, t.communeId.coquimbo, main.moduleId)).length).toBe(before);
    });

    it("bodies over the limit: 413, declared or streamed", async () => {
      const big = { text: "x".repeat(4_000) };
      const declared = await send("/modules/gw-main/ok", {
        key: bodyKey.key,
        body: big,
        app: limited,
      });
      expect(declared.statusCode).toBe(413);
      expect(errorOf(declared).appCode).toBe("input.invalid");

      const base = await limited.listen({ host: "127.0.0.1", port: 0 });
      const hits = upstream.received.length;
      const streamed = await new Promise<number>((resolve, reject) => {
        const request = http.request(
          `${base}/modules/gw-main/ok`,
          {
            method: "POST",
            headers: {
              authorization: `Bearer ${bodyKey.key}`,
              "content-type": "application/octet-stream",
              "transfer-encoding": "chunked",
            },
          },
          (response) => {
            response.resume();
            response.on("end", () => resolve(response.statusCode ?? 0));
          },
        );
        request.on("error", reject);
        for (let i = 0; i < 8; i++) request.write(Buffer.alloc(1_000, 120));
        request.end();
      });
      expect(streamed).toBe(413);
      // The module may have seen the start of the body, never all of it.
      for (const r of upstream.received.slice(hits)) expect(r.body.length).toBeLessThanOrEqual(2_048);
    });
  });

  describe("private upstreams refused (production default)", () => {
    it("answers 502 without connecting to a loopback address", async () => {
      const guarded = await buildApp({
        config: loadConfig({
          NODE_ENV: "test",
          LOG_LEVEL: "silent",
          JWT_SECRET: "test-secret-that-is-long-enough-for-hs256",
          WEB_DIST_DIR: "/nonexistent",
          GATEWAY_ALLOW_PRIVATE_UPSTREAMS: "false",
        }),
        connection: t.db.app,
      });
      try {
        const hits = hitsOn("gw-main");
        const response = await send("/modules/gw-main/ok", { key: coquimbo.key, app: guarded });
        expect(response.statusCode).toBe(502);
        expect(errorOf(response).appCode).toBe("gateway.upstream_failed");
        expect(hitsOn("gw-main")).toBe(hits);
        // Also through a name that resolves to loopback.
        await setUpstream(
          t.db.owner,
          t.communeId.laSerena,
          other.moduleId,
          upstream.url.replace("127.0.0.1", "localhost"),
        );
        const byName = await send("/modules/gw-other/ok", { key: coquimbo.key, app: guarded });
        expect(byName.statusCode).toBe(502);
      } finally {
        await setUpstream(t.db.owner, t.communeId.laSerena, other.moduleId, `${upstream.url}/svc/gw-other`);
        await guarded.close();
      }
    });
  });

  describe("the example module behind the gateway", () => {
    let example: ModuleFixture;
    beforeAll(async () => {
      example = await createModule(t.db.owner, {
        providerId: t.communeId.laSerena,
        slug: "gw-example",
        upstreamUrl: `${await listening()}/examples/dom-permisos`,
      });
      await subscribe(t.db.owner, {
        communeId: t.communeId.coquimbo,
        providerId: t.communeId.laSerena,
        module: example,
      });
    });

    it("reviews an expediente through the gateway", async () => {
      const key = await createKey(t.db.owner, {
        communeId: t.communeId.coquimbo,
        moduleIds: [example.moduleId],
      });
      const response = await send("/modules/gw-example/revisar", {
        key: key.key,
        body: {
          tipo: "obra_nueva",
          superficie_m2: 1_200,
          carga_ocupacion: 1_500,
          documentos: ["formulario", "planos", "Certificado de Informaciones Previas"],
        },
      });
      expect(response.statusCode).toBe(200);
      const body = JSON.parse(response.body) as {
        ejemplo: boolean;
        comuna: string;
        completo: boolean;
        documentos_faltantes: { codigo: string }[];
        plazo_revision_dias: number;
        aviso: string;
      };
      expect(body.ejemplo).toBe(true);
      expect(body.comuna).toBe("04102");
      expect(body.completo).toBe(false);
      expect(body.documentos_faltantes.map((d) => d.codigo)).toEqual([
        "especificaciones_tecnicas",
        "calculo_estructural",
        "factibilidad_servicios",
        "cuadro_superficies",
      ]);
      expect(body.plazo_revision_dias).toBe(60);
      expect(body.aviso).toMatch(/no es una herramienta oficial/);
      const described = await send("/modules/gw-example/", { key: key.key });
      expect(described.statusCode).toBe(200);
      expect(JSON.parse(described.body)).toMatchObject({ ejemplo: true });
      expect(await usageOf(t.db.owner, t.communeId.coquimbo, example.moduleId)).toHaveLength(2);
    });

    it("refuses direct calls without x-ciar-commune (an example convention, not security)", async () => {
      const direct = await t.app.inject({
        method: "POST",
        url: "/examples/dom-permisos/revisar",
        payload: { tipo: "obra_nueva", superficie_m2: 100, documentos: [] },
      });
      expect(direct.statusCode).toBe(400);
      expect(JSON.parse(direct.body)).toMatchObject({ ejemplo: true });
      const small = await t.app.inject({
        method: "POST",
        url: "/examples/dom-permisos/revisar",
        headers: { "x-ciar-commune": "04102" },
        payload: {
          tipo: "demolicion",
          superficie_m2: 100,
          documentos: ["formulario", "planos", "programa de demolición"],
        },
      });
      expect(JSON.parse(small.body)).toMatchObject({ completo: true, plazo_revision_dias: 30 });
      const invalid = await t.app.inject({
        method: "POST",
        url: "/examples/dom-permisos/revisar",
        headers: { "x-ciar-commune": "04102" },
        payload: { tipo: "rascacielos" },
      });
      expect(invalid.statusCode).toBe(422);
    });
  });
});
