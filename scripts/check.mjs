#!/usr/bin/env node
// The whole test suite, as `npm test` and CI run it: lint, typecheck, build, the unit and
// integration suites on embedded PGlite, again on PostgreSQL when TEST_DATABASE_URL is set (and
// through PgBouncer when TEST_PGBOUNCER_HOST is set), and the browser tests. Ends with one line
// "N passed, N failed" (test cases; a failed step that produced no test results counts as one).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const requireBrowser = process.env.REQUIRE_BROWSER === "1";
const results = { passed: 0, failed: 0, failedSteps: [], notRun: [] };
/** Packages whose vitest reports are summed. */
const PACKAGES = [
  "apps/server",
  "apps/web",
  "packages/api",
  "packages/billing",
  "packages/db",
  "packages/domain",
  "infra",
];

function run(name, command, args, env = {}) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) results.failedSteps.push(name);
  return result.status === 0;
}

/** Sums vitest's JSON reports written under each package's test-results/. */
function collect(reportName, stepName, ok) {
  let found = false;
  for (const dir of PACKAGES) {
    const file = path.join(root, dir, "test-results", reportName);
    if (!existsSync(file)) continue;
    found = true;
    const report = JSON.parse(readFileSync(file, "utf8"));
    results.passed += report.numPassedTests;
    results.failed += report.numFailedTests + (report.numRuntimeErrorTests ?? 0);
  }
  if (!ok && !found) results.failed += 1;
  if (!found && ok) console.warn(`(no test report from ${stepName})`);
}

function clearReports() {
  for (const dir of PACKAGES) {
    rmSync(path.join(root, dir, "test-results"), { recursive: true, force: true });
  }
}

clearReports();
const statics = run("lint and typecheck", "pnpm", ["exec", "turbo", "run", "lint", "typecheck"]);
const format = run("format check", "pnpm", ["exec", "prettier", "--check", "."]);
// Dead files, exports and dependencies (knip.jsonc).
const knip = run("unused files, exports and dependencies (knip)", "pnpm", ["exec", "knip"]);
// Import circles between modules (type-only imports do not count): dpdm, `pnpm cycles`.
const cycles = run("import circles (dpdm)", "pnpm", ["run", "cycles"]);
const built = run("build", "pnpm", ["exec", "turbo", "run", "build"]);
if (!statics) results.failed += 1;
if (!format) results.failed += 1;
if (!knip) results.failed += 1;
if (!cycles) results.failed += 1;
if (!built) results.failed += 1;

const vitestArgs = (report) => [
  "--",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=test-results/${report}`,
];
const { TEST_DATABASE_URL, ...withoutPostgres } = process.env;

const pglite = spawnSync(
  "pnpm",
  ["exec", "turbo", "run", "test", "--continue", "--concurrency=1", ...vitestArgs("pglite.json")],
  {
    cwd: root,
    stdio: "inherit",
    env: withoutPostgres,
  },
);
console.log("\n▶ suites on embedded PGlite");
if (pglite.status !== 0) results.failedSteps.push("suites on PGlite");
collect("pglite.json", "PGlite suites", pglite.status === 0);

if (TEST_DATABASE_URL) {
  const ok = run("suites on PostgreSQL", "pnpm", [
    "exec",
    "turbo",
    "run",
    "test",
    "--continue",
    "--concurrency=1",
    "--filter=@ciar/db",
    "--filter=@ciar/server",
    ...vitestArgs("postgres.json"),
  ]);
  collect("postgres.json", "PostgreSQL suites", ok);
  // The same suites with the app's connections through PgBouncer in transaction mode.
  if (!process.env.TEST_PGBOUNCER_HOST)
    results.notRun.push("suites through PgBouncer (TEST_PGBOUNCER_HOST not set)");
  if (!process.env.PG_RESTART_COMMAND)
    results.notRun.push("PostgreSQL restart drill (PG_RESTART_COMMAND not set)");
  if (process.env.TEST_PGBOUNCER_HOST) {
    const viaBouncer = run(
      "suites through PgBouncer (transaction mode)",
      "pnpm",
      [
        "exec",
        "turbo",
        "run",
        "test",
        "--continue",
        "--concurrency=1",
        "--filter=@ciar/db",
        "--filter=@ciar/server",
        ...vitestArgs("pgbouncer.json"),
      ],
      { TEST_APP_DATABASE_HOST: process.env.TEST_PGBOUNCER_HOST },
    );
    collect("pgbouncer.json", "PgBouncer suites", viaBouncer);
  }
  // Restarts PostgreSQL under load: last of the PostgreSQL steps, nothing else uses it meanwhile.
  if (process.env.PG_RESTART_COMMAND && built) {
    const drill = run("PostgreSQL restart drill", "node", ["apps/server/scripts/pg-restart-drill.mjs"], {
      PG_ADMIN_URL: TEST_DATABASE_URL,
      PG_APP_PASSWORD: process.env.TEST_APP_DATABASE_PASSWORD ?? "ciar_app",
    });
    if (drill) results.passed += 1;
    else results.failed += 1;
  }
} else {
  console.log("\n(TEST_DATABASE_URL not set: the PostgreSQL run is skipped; CI sets it)");
  results.notRun.push(
    "suites on PostgreSQL, through PgBouncer and the restart drill (TEST_DATABASE_URL not set)",
  );
}

if (existsSync(chromium) && built) {
  const ok = run(
    "browser test (Chromium)",
    "pnpm",
    [
      "--filter",
      "@ciar/web",
      "run",
      "test:browser",
      "--reporter=default",
      "--reporter=json",
      "--outputFile.json=test-results/browser.json",
    ],
    { CHROMIUM_PATH: chromium },
  );
  collect("browser.json", "browser test", ok);
} else if (requireBrowser) {
  results.failedSteps.push("browser test (Chromium missing or build failed)");
  results.failed += 1;
} else {
  console.log(
    `\n(no Chromium at ${chromium}: the browser test is skipped; install Debian's chromium to run it)`,
  );
  results.notRun.push(built ? `browser test (no Chromium at ${chromium})` : "browser test (build failed)");
}

if (results.failedSteps.length > 0) console.log(`\nFailed steps: ${results.failedSteps.join(", ")}`);
// Never a bare count: say which suites this run could not reach, so a green line on a laptop is not
// mistaken for CI's.
const notRun = results.notRun.length > 0 ? ` (not run: ${results.notRun.join("; ")})` : " (every suite ran)";
console.log(`\n${results.passed} passed, ${results.failed} failed${notRun}`);
process.exit(results.failedSteps.length > 0 || results.failed > 0 ? 1 : 0);
