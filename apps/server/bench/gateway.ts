/**
 * What the module gateway adds to a call: starts the real app on a random port over a fresh
 * migrated and seeded database, a local upstream (a minimal HTTP service), the fixtures of the
 * gateway tests (a published module of La Serena, Coquimbo's active subscription, a key), then
 * makes N sequential calls straight to the upstream and N through the gateway (API key check,
 * entitlement and quota in one transaction, usage recorded in a second one) and prints p50/p99.
 *
 *   pnpm --filter @ciar/server bench:gateway                       # PGlite (embedded)
 *   BENCH_DATABASE_URL=postgres://ciar_admin:ciar_admin@127.0.0.1:5432/postgres \
 *   BENCH_APP_DATABASE_PASSWORD=ciar_app BENCH_CALLS=5000 pnpm --filter @ciar/server bench:gateway
 *
 * BENCH_MONTH_USAGE (default 50,000) usage records are counted for the subscriber this month
 * before measuring: a busy month, so that the quota check is measured as it runs in production.
 */
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { seedDemo } from "@ciar/db/seed";
import { communes } from "@ciar/db/schema";
import { createTestDatabase } from "@ciar/db/testing";
import { inArray } from "drizzle-orm";
import { Agent, request } from "undici";
import { buildApp } from "../src/app";
import { loadConfig } from "../src/config";
import {
  createKey,
  createModule,
  recordMonthUsage,
  subscribe,
  usageOf,
} from "../test/support/gateway-fixtures";

const CALLS = Number(process.env.BENCH_CALLS ?? 2_000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
const MONTH_USAGE = Number(process.env.BENCH_MONTH_USAGE ?? 50_000);
if (process.env.BENCH_DATABASE_URL) {
  process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  if (process.env.BENCH_APP_DATABASE_PASSWORD)
    process.env.TEST_APP_DATABASE_PASSWORD = process.env.BENCH_APP_DATABASE_PASSWORD;
}

const PAYLOAD = JSON.stringify({
  tipo: "obra_nueva",
  superficie_m2: 180,
  documentos: ["formulario", "planos", "certificado_informaciones_previas"],
});

/** The module's service: answers a small JSON document, as fast as it can. */
async function startUpstream() {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true,"documentos_faltantes":["especificaciones_tecnicas"]}');
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(label: string, samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return {
    label,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.at(-1)!,
    mean,
  };
}

async function main() {
  const started = performance.now();
  const db = await createTestDatabase();
  const upstream = await startUpstream();
  const dispatcher = new Agent({ keepAliveTimeout: 60_000, connections: 4 });
  const app = await buildApp({
    config: loadConfig({
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      JWT_SECRET: "bench-secret-that-is-long-enough-for-hs256",
      WEB_DIST_DIR: "/nonexistent",
      GATEWAY_RATE_LIMIT_PER_MINUTE: "100000",
      JOBS: "false",
    }),
    connection: db.app,
  });
  try {
    await seedDemo(db.owner, { nodeEnv: "test" });
    const rows = await db.owner.db
      .select({ id: communes.id, code: communes.code })
      .from(communes)
      .where(inArray(communes.code, ["04101", "04102"]));
    const id = (code: string) => rows.find((r) => r.code === code)!.id;
    const [laSerena, coquimbo] = [id("04101"), id("04102")];
    const module = await createModule(db.owner, {
      providerId: laSerena,
      slug: "bench-permisos",
      upstreamUrl: `${upstream.url}/examples/dom-permisos`,
      includedUnits: 1_000_000,
      quotaPolicy: "overage",
    });
    const subscriptionId = await subscribe(db.owner, { communeId: coquimbo, providerId: laSerena, module });
    const { key, id: keyId } = await createKey(db.owner, {
      communeId: coquimbo,
      moduleIds: [module.moduleId],
    });
    await recordMonthUsage(db.owner, {
      communeId: coquimbo,
      providerId: laSerena,
      moduleId: module.moduleId,
      subscriptionId,
      keyId,
      calls: MONTH_USAGE,
    });
    const gateway = await app.listen({ host: "127.0.0.1", port: 0 });
    console.log(
      `database: ${db.kind}, ${CALLS} sequential calls each way (after ${WARMUP} warm-up calls), ` +
        `${MONTH_USAGE} calls already counted this month, ` +
        `setup ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const directUrl = `${upstream.url}/examples/dom-permisos/revisar`;
    const gatewayUrl = `${gateway}/modules/bench-permisos/revisar`;
    const call = async (url: string, headers: Record<string, string>) => {
      const t0 = performance.now();
      const response = await request(url, {
        method: "POST",
        dispatcher,
        headers: { "content-type": "application/json", ...headers },
        body: PAYLOAD,
      });
      await response.body.text();
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
      return performance.now() - t0;
    };
    const direct = () => call(directUrl, { "x-ciar-commune": "04102" });
    const through = () => call(gatewayUrl, { authorization: `Bearer ${key}` });

    for (let i = 0; i < WARMUP; i++) {
      await direct();
      await through();
    }
    const directSamples: number[] = [];
    for (let i = 0; i < CALLS; i++) directSamples.push(await direct());
    const gatewaySamples: number[] = [];
    for (let i = 0; i < CALLS; i++) gatewaySamples.push(await through());

    const a = summary("direct to the upstream", directSamples);
    const b = summary("through the gateway", gatewaySamples);
    const ms = (v: number) => `${v.toFixed(2)} ms`.padStart(10);
    console.log(
      `\n${"".padEnd(26)}${"p50".padStart(10)}${"p90".padStart(10)}${"p99".padStart(10)}${"max".padStart(10)}${"mean".padStart(10)}`,
    );
    for (const s of [a, b])
      console.log(`${s.label.padEnd(26)}${ms(s.p50)}${ms(s.p90)}${ms(s.p99)}${ms(s.max)}${ms(s.mean)}`);
    console.log(
      `${"added by the gateway".padEnd(26)}${ms(b.p50 - a.p50)}${ms(b.p90 - a.p90)}${ms(b.p99 - a.p99)}${"".padStart(10)}${ms(b.mean - a.mean)}`,
    );

    const usage = await usageOf(db.owner, coquimbo, module.moduleId);
    const expected = CALLS + WARMUP + MONTH_USAGE;
    console.log(`\nusage units recorded: ${usage.length} (expected ${expected})`);
    if (usage.length !== expected) process.exitCode = 1;
  } finally {
    await app.close();
    await dispatcher.close();
    upstream.server.closeAllConnections();
    upstream.server.close();
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
