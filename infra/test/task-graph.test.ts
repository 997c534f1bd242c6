// Turborepo replays a cached result when a task's hash is unchanged. A package's hash covers its
// own files only, so a test or lint task that does not depend on its workspace dependencies would
// replay a stale pass after a change in a package it imports (seen: an audit write removed in
// packages/api, `npm test` said "FULL TURBO"). The root turbo.json chains a `transit` task through
// `^transit`; this checks, from Turborepo's own plan, that every test and lint task reaches the
// transit task of every workspace package it depends on.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, serverConfigNames } from "./helpers";

interface PlannedTask {
  taskId: string;
  package: string;
  task: string;
  dependencies: string[];
  directory: string;
}

const plan = JSON.parse(
  execFileSync(path.join(repoRoot, "node_modules", ".bin", "turbo"), ["run", "test", "lint", "--dry=json"], {
    cwd: repoRoot,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  }),
) as { tasks: PlannedTask[] };
const byId = new Map(plan.tasks.map((task) => [task.taskId, task]));

function closure(taskId: string): Set<string> {
  const seen = new Set<string>();
  const stack = [taskId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const dependency of byId.get(id)?.dependencies ?? []) {
      if (!seen.has(dependency)) {
        seen.add(dependency);
        stack.push(dependency);
      }
    }
  }
  return seen;
}

function workspaceDependencies(directory: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, directory, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  return Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })
    .filter(([, version]) => version.startsWith("workspace:"))
    .map(([name]) => name);
}

const checked = plan.tasks.filter((task) => task.task === "test" || task.task === "lint");

describe("the task graph cannot replay a stale pass", () => {
  it("plans test and lint tasks for the packages that have them", () => {
    expect(checked.map((task) => task.taskId)).toEqual(
      expect.arrayContaining(["@ciar/server#test", "@ciar/api#test", "@ciar/server#lint"]),
    );
  });

  it.each(checked.map((task) => [task.taskId, task] as const))(
    "%s depends on every workspace package it imports",
    (_id, task) => {
      const reached = closure(task.taskId);
      const missing = workspaceDependencies(task.directory).filter((name) => !reached.has(`${name}#transit`));
      expect(missing).toEqual([]);
    },
  );
});

describe("the docs check is not replayed after a docs change", () => {
  // infra's docs.test.ts reads the docs and the code they must match; those files live outside
  // the package, so they must be inputs of its test task or a stale pass is replayed.
  it("infra#test takes the docs and what they are checked against as inputs", () => {
    const infraTurbo = JSON.parse(readFileSync(path.join(repoRoot, "infra", "turbo.json"), "utf8")) as {
      tasks: { test: { inputs: string[] } };
    };
    expect(infraTurbo.tasks.test.inputs).toEqual(
      expect.arrayContaining([
        "$TURBO_ROOT$/README.md",
        "$TURBO_ROOT$/docs/**",
        "$TURBO_ROOT$/packages/domain/src/errors.ts",
        "$TURBO_ROOT$/apps/server/src/config.ts",
        "$TURBO_ROOT$/packages/db/drizzle/meta/_journal.json",
      ]),
    );
  });
});

describe("the dev environment", () => {
  it("passes every variable the server's configuration reads", () => {
    // Loose mode hands the task the whole environment, so a variable added to the config schema
    // reaches `pnpm dev` without a hand-kept list (14 once did not).
    const root = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    const dev = root.scripts.dev ?? "";
    if (dev.includes("--env-mode=loose")) return;
    const turbo = JSON.parse(readFileSync(path.join(repoRoot, "turbo.json"), "utf8")) as {
      tasks: Record<string, { passThroughEnv?: string[] }>;
    };
    const passed = new Set(turbo.tasks.dev?.passThroughEnv ?? []);
    expect([...serverConfigNames()].filter((name) => !passed.has(name))).toEqual([]);
  });
});

describe("typecheck is incremental and cached whole", () => {
  // tsc --incremental keeps what it learnt in a .tsbuildinfo file; a second typecheck after a small
  // change re-checks only what the change reaches. The file must be a declared output of the turbo
  // task, or a replayed pass would leave it stale behind (and a cache restore would not bring it).
  const typecheckPlan = JSON.parse(
    execFileSync(path.join(repoRoot, "node_modules", ".bin", "turbo"), ["run", "typecheck", "--dry=json"], {
      cwd: repoRoot,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    }),
  ) as { tasks: (PlannedTask & { command: string; outputs: string[] })[] };
  const typechecks = typecheckPlan.tasks.filter(
    (task) => task.task === "typecheck" && task.command !== "<NONEXISTENT>",
  );

  it("plans a typecheck for every package", () => {
    expect(typechecks.map((task) => task.taskId)).toEqual(
      expect.arrayContaining(["@ciar/server#typecheck", "@ciar/api#typecheck", "@ciar/web#typecheck"]),
    );
  });

  it.each(typechecks.map((task) => [task.taskId, task] as const))(
    "%s runs tsc incrementally into a declared output",
    (_id, task) => {
      const runs = task.command.split("&&").map((part) => part.trim());
      for (const run of runs) {
        expect(run).toMatch(/^tsc /);
        expect(run).toContain("--incremental");
        const file = /--tsBuildInfoFile (\S+)/.exec(run)?.[1];
        expect(file, run).toMatch(/^node_modules\/\.cache\/tsc\/[\w-]+\.tsbuildinfo$/);
      }
      expect(task.outputs).toContain("node_modules/.cache/tsc/**");
    },
  );
});
