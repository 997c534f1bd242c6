// Throttles and limits that keep one client from slowing everyone: sign-in throttles shared by
// every replica and keyed by the address the trusted proxies report, per-address limits on the
// other public procedures, invitation links looked up before any hashing, and capped batches.
import * as password from "@ciar/db/password";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../src/config";
import { MAX_BATCH_SIZE } from "../src/plugins/app/trpc";
import { call, createReplica, createTestApp, signIn, type TestApp } from "./support/test-app";

// Observed, not replaced: the real argon2 still runs; the test counts the calls.
vi.mock("@ciar/db/password", async (importOriginal) => {
  const real = await importOriginal<typeof password>();
  return { ...real, hashPassword: vi.fn(real.hashPassword) };
});

// What infra/compose.yaml and infra/k8s ship (asserted by infra/test): one proxy in front.
const SHIPPED_TRUST_PROXY = "1";
const PROXY = "10.0.0.2";
const env = { TRUST_PROXY: SHIPPED_TRUST_PROXY, PUBLIC_REQUESTS_PER_MINUTE: "5" };

let t: TestApp;
let replica: TestApp;
beforeAll(async () => {
  t = await createTestApp(env);
  replica = await createReplica(t, env);
});
afterAll(async () => {
  await replica?.close();
  await t?.close();
});

const login = (
  app: TestApp,
  email: string,
  options: { remoteAddress?: string; forwardedFor?: string } = {},
) =>
  call(
    app,
    "mutation",
    "auth.login",
    { email, password: "wrong-password" },
    {
      ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
      ...(options.forwardedFor ? { headers: { "x-forwarded-for": options.forwardedFor } } : {}),
    },
  );

describe("sign-in throttle", () => {
  it("counts the address the proxy saw, whatever the client writes in X-Forwarded-For", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      // The client prepends a new made-up address each time; the proxy appends the real one.
      const result = await login(t, "spoofer@example.org", {
        remoteAddress: PROXY,
        forwardedFor: `198.51.100.${i}, 203.0.113.7`,
      });
      statuses.push(result.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });

  it("holds per account across different addresses", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push(
        (await login(t, "viewer@coquimbo.example", { remoteAddress: `192.0.2.${i + 1}` })).status,
      );
    // Three times the per-address-and-account limit, then refused from any address.
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(statuses[30]).toBe(429);
    expect((await login(t, "viewer@coquimbo.example", { remoteAddress: "192.0.2.200" })).status).toBe(429);
    // Other accounts are not affected.
    expect((await login(t, "editor@coquimbo.example", { remoteAddress: "192.0.2.200" })).status).toBe(401);
  });

  it("is shared by two app instances over one database", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await login(i % 2 === 0 ? t : replica, "two-replicas@example.org")).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    expect((await login(t, "two-replicas@example.org")).status).toBe(429);
  });
});

describe("TRUST_PROXY", () => {
  const parse = (value: string) => loadConfig({ NODE_ENV: "test", TRUST_PROXY: value }).trustProxy;

  it("takes false, a hop count, or the proxies' addresses and CIDRs", () => {
    expect(parse("false")).toBe(false);
    expect(parse("1")).toBe(1);
    expect(parse("2")).toBe(2);
    expect(parse("10.0.0.0/8, 192.168.1.7,::1,fd00::/8,loopback")).toEqual([
      "10.0.0.0/8",
      "192.168.1.7",
      "::1",
      "fd00::/8",
      "loopback",
    ]);
  });

  it("refuses true (it would trust the left-most, client-written entry) and malformed values", () => {
    for (const value of ["true", "10.0.0.0/33", "proxy.local", "-1"])
      expect(() => parse(value), value).toThrow(/TRUST_PROXY/);
  });
});

describe("public procedures", () => {
  it("are limited per address", async () => {
    const preview = (remoteAddress: string) =>
      call(t, "query", "invitations.preview", { token: "x".repeat(43) }, { remoteAddress });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await preview("192.0.2.50")).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    expect((await preview("192.0.2.50")).error?.data.appCode).toBe("auth.rate_limited");
    expect((await preview("192.0.2.51")).status).toBe(404);
  });

  it("invitations.accept with an unknown token answers without hashing the password", async () => {
    const hashPassword = vi.mocked(password.hashPassword);
    hashPassword.mockClear();
    const accept = await call(
      t,
      "mutation",
      "invitations.accept",
      { token: "y".repeat(43), name: "Nadie", password: "Tortuga-Volcán-Lápiz-91" },
      { remoteAddress: "192.0.2.60" },
    );
    expect(accept.status).toBe(404);
    expect(accept.error?.data.appCode).toBe("invitations.not_found");
    expect(hashPassword).not.toHaveBeenCalled();
  });
});

describe("invitation passwords", () => {
  let admin: Awaited<ReturnType<typeof signIn>>;
  beforeEach(async () => {
    admin ??= await signIn(t, "admin@laserena.example");
  });

  it("refuses an easy password with the reason in Spanish, before hashing, and keeps the invitation", async () => {
    const invite = await call<{ acceptUrl: string }>(
      t,
      "mutation",
      "members.invite",
      { email: "clave.debil@laserena.example", role: "viewer" },
      { token: admin.token, commune: t.communeId.laSerena },
    );
    const token = invite.data.acceptUrl.split("/").pop()!;
    const hashPassword = vi.mocked(password.hashPassword);
    hashPassword.mockClear();
    const weak = await call(
      t,
      "mutation",
      "invitations.accept",
      { token, name: "Clave Débil", password: "aaaaaaaaaa" },
      { remoteAddress: "192.0.2.70" },
    );
    expect(weak.status).toBe(400);
    expect(weak.error?.data.appCode).toBe("input.invalid");
    expect(weak.error?.data.fieldErrors?.password?.[0]).toBe(
      "Es demasiado fácil de adivinar: usa una frase de varias palabras poco comunes.",
    );
    expect(hashPassword).not.toHaveBeenCalled();
    // Nothing stored: the invitation is still open, and a strong password then works.
    const strong = await call(
      t,
      "mutation",
      "invitations.accept",
      { token, name: "Clave Débil", password: "Tortuga-Volcán-Lápiz-91" },
      { remoteAddress: "192.0.2.70" },
    );
    expect(strong.status).toBe(200);
    expect(hashPassword).toHaveBeenCalledTimes(1);
  });
});

describe("batched calls", () => {
  const batch = (size: number) =>
    t.app.inject({
      method: "GET",
      url: `/trpc/${Array(size).fill("frameworks.current").join(",")}?batch=1&input={}`,
      headers: { "accept-language": "es" },
    });

  it(`refuses a batch longer than ${MAX_BATCH_SIZE} calls with 400 request.batch_too_large, running none`, async () => {
    const response = await batch(200);
    expect(response.statusCode).toBe(400);
    const body = JSON.parse(response.body) as unknown;
    const error = (Array.isArray(body) ? body[0] : body) as {
      error: { message: string; data: { appCode: string } };
    };
    expect(error.error.data.appCode).toBe("request.batch_too_large");
    expect(error.error.message).toMatch(/Demasiadas llamadas/);
  });

  it(`still runs a batch of ${MAX_BATCH_SIZE}`, async () => {
    const response = await batch(MAX_BATCH_SIZE);
    const body = JSON.parse(response.body) as { error?: { data: { appCode: string } } }[];
    expect(body).toHaveLength(MAX_BATCH_SIZE);
    // Each call was run (and refused for lack of a token), none was cut.
    expect(body.every((r) => r.error?.data.appCode === "auth.unauthenticated")).toBe(true);
  });
});
