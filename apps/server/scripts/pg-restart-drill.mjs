#!/usr/bin/env node
// PostgreSQL restart drill: runs the built server against a fresh database, writes under load
// (invitations, each acknowledged with a 200), restarts PostgreSQL in the middle, and reports
// the errors seen, how long until writes succeed again, what /ready said meanwhile, and whether
// every acknowledged write is still there. Exits non-zero if the server crashed, answered
// anything but 200/503, never recovered, or lost an acknowledged write.
//
//   PG_ADMIN_URL=postgres://ciar_admin:…@127.0.0.1:5432/postgres PG_APP_PASSWORD=ciar_app \
//   PG_RESTART_COMMAND="pg_ctlcluster 15 main restart" node apps/server/scripts/pg-restart-drill.mjs
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";

const adminUrl = process.env.PG_ADMIN_URL;
const appPassword = process.env.PG_APP_PASSWORD ?? "ciar_app";
const restart = process.env.PG_RESTART_COMMAND;
if (!adminUrl || !restart) {
  console.error("PG_ADMIN_URL and PG_RESTART_COMMAND are required");
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, "..");
const database = `ciar_drill_${Date.now()}`;
const withDb = (url, user, password) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (user) [u.username, u.password] = [user, password];
  return u.toString();
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${database}`);
const port = 3900 + Math.floor(Math.random() * 500);
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ["dist/server.js"], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: withDb(adminUrl, "ciar_app", appPassword),
    MIGRATION_DATABASE_URL: withDb(adminUrl),
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "ciar-drill-")),
    LOG_LEVEL: "warn",
  },
  stdio: ["ignore", "ignore", "inherit"],
});
let crashed = false;
server.on("exit", (code) => {
  crashed = code !== 0 && code !== null;
});

const failures = [];
try {
  for (
    let i = 0;
    i < 120 &&
    !(await fetch(`${base}/ready`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  )
    await sleep(250);
  const trpc = async (pathName, body, token, commune) => {
    const response = await fetch(`${base}/trpc/${pathName}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(commune ? { "x-commune-id": commune } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: await response.json().catch(() => null) };
  };
  const login = await trpc("auth.login", { email: "admin@laserena.example", password: "ciar-demo-2026" });
  const token = login.json.result.data.accessToken;
  const me = await fetch(`${base}/trpc/auth.me`, { headers: { authorization: `Bearer ${token}` } }).then(
    (r) => r.json(),
  );
  const commune = me.result.data.memberships[0].communeId;

  const acknowledged = [];
  const statuses = new Map();
  const readiness = new Map();
  let restartedAt = 0;
  let firstFailureAt = 0;
  let recoveredAt = 0;
  let stop = false;
  let n = 0;
  const worker = async () => {
    while (!stop) {
      const email = `drill-${n++}@laserena.example`;
      const started = Date.now();
      const result = await trpc("members.invite", { email, role: "viewer" }, token, commune).catch(() => ({
        status: "network",
      }));
      statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
      if (result.status === 200) {
        acknowledged.push(email);
        if (firstFailureAt && !recoveredAt && started > firstFailureAt) recoveredAt = Date.now();
      } else if (restartedAt && !firstFailureAt) {
        firstFailureAt = Date.now();
      }
    }
  };
  const probe = async () => {
    while (!stop) {
      const status = await fetch(`${base}/ready`).then(
        (r) => r.status,
        () => "network",
      );
      readiness.set(status, (readiness.get(status) ?? 0) + 1);
      await sleep(200);
    }
  };
  const load = [...Array.from({ length: 6 }, worker), probe()];
  await sleep(2_000);
  restartedAt = Date.now();
  // Asynchronously: the load keeps running while PostgreSQL goes down and comes back.
  const code = await new Promise((resolve) =>
    spawn("sh", ["-c", restart], { stdio: "inherit" }).on("exit", resolve),
  );
  const restartTook = Date.now() - restartedAt;
  if (code !== 0) failures.push(`restart command failed (${code})`);
  for (let i = 0; i < 60 && !(recoveredAt || (!firstFailureAt && i > 4)); i++) await sleep(500);
  await sleep(2_000);
  stop = true;
  await Promise.all(load);

  const check = postgres(withDb(adminUrl), { max: 1, onnotice: () => {} });
  const stored = new Set((await check`select lower(email) as email from invitations`).map((r) => r.email));
  await check.end();
  const lost = acknowledged.filter((e) => !stored.has(e));
  const unexpected = [...statuses.keys()].filter((s) => s !== 200 && s !== 503);

  console.log(`pg restart drill: restart command took ${restartTook} ms`);
  console.log(`  requests by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
  console.log(`  /ready during the drill: ${JSON.stringify(Object.fromEntries(readiness))}`);
  console.log(
    firstFailureAt
      ? `  first failure ${firstFailureAt - restartedAt} ms after the restart began; writes succeeded again ${recoveredAt ? `${recoveredAt - firstFailureAt} ms` : "never"} after it`
      : "  no request failed",
  );
  console.log(`  acknowledged writes: ${acknowledged.length}, lost: ${lost.length}`);
  if (crashed || server.exitCode !== null) failures.push("the server exited");
  if (firstFailureAt && !recoveredAt) failures.push("writes never recovered");
  if (lost.length > 0) failures.push(`${lost.length} acknowledged writes lost`);
  if (unexpected.length > 0) failures.push(`unexpected statuses: ${unexpected.join(", ")}`);
} catch (error) {
  failures.push(String(error));
} finally {
  server.kill("SIGTERM");
  await sleep(500);
  await admin.unsafe(`drop database if exists ${database} with (force)`).catch(() => {});
  await admin.end();
}
if (failures.length > 0) {
  console.error(`pg restart drill FAILED: ${failures.join("; ")}`);
  process.exit(1);
}
console.log("pg restart drill passed");
