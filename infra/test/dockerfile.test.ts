import { DockerfileParser, type Instruction, type ModifiableInstruction } from "dockerfile-ast";
import { describe, expect, it } from "vitest";
import { infraDir, readText, repoFile } from "./helpers";

const dockerfilePath = `${infraDir}docker/Dockerfile`;
const dockerfile = DockerfileParser.parse(readText(dockerfilePath));
const instructions = dockerfile.getInstructions();
const froms = dockerfile.getFROMs();

/** Instructions grouped by build stage (each starts at its FROM). */
const stages = froms.map((from, index) => {
  const start = from.getRange().start.line;
  const end = froms[index + 1]?.getRange().start.line ?? Number.POSITIVE_INFINITY;
  return {
    name: from.getBuildStage(),
    from,
    instructions: instructions.filter(
      (i) => i.getRange().start.line >= start && i.getRange().start.line < end,
    ),
  };
});
const finalStage = stages.at(-1) as (typeof stages)[number];
const buildStages = stages.slice(0, -1);

const keyword = (k: string) => (i: Instruction) => i.getKeyword() === k;
const argsOf = (i: Instruction) => i.getArguments().map((a) => a.getValue());
/** The JSON array of an exec-form instruction (CMD ["a","b"]), or null in shell form. */
function execForm(i: Instruction): string[] | null {
  const raw = i.getRawArgumentsContent() ?? "";
  const json = raw.slice(raw.indexOf("["));
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? (parsed as string[]) : null;
  } catch {
    return null;
  }
}
function envOf(stage: (typeof stages)[number]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const i of stage.instructions.filter(keyword("ENV"))) {
    for (const p of (
      i as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }
    ).getProperties())
      env[p.getName()] = p.getValue() ?? "";
  }
  return env;
}
const runText = (stage: (typeof stages)[number]) =>
  stage.instructions
    .filter(keyword("RUN"))
    .map((i) => i.getRawArgumentsContent() ?? "")
    .join("\n");

describe("Dockerfile", () => {
  it("parses into a build stage and a runtime stage", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(finalStage.name).toBe("runtime");
    expect(buildStages.map((s) => s.name)).toContain("build");
  });

  it("pins every base image to a version tag (no latest, no bare name)", () => {
    const stageNames = new Set(stages.map((s) => s.name));
    for (const from of froms) {
      const image = from.getImageName() ?? "";
      if (stageNames.has(image)) continue;
      const tag = from.getImageTag();
      const digest = from.getImageDigest();
      expect(tag ?? digest, `FROM ${from.getImage()}`).toBeTruthy();
      expect(tag, `FROM ${from.getImage()}`).not.toBe("latest");
      // A version (major.minor at least), optionally a variant: 20.19-bookworm-slim, 15.14-bookworm.
      if (tag) expect(tag, `FROM ${from.getImage()}`).toMatch(/^\d+(\.\d+)+(-[a-z0-9.]+)*$/);
    }
  });

  it("uses Node 20.19 on Debian slim in every stage, the engine the repository declares", () => {
    const engines = (JSON.parse(readText(repoFile("package.json"))) as { engines: { node: string } }).engines
      .node;
    expect(engines).toBe(">=20.19.0");
    for (const from of froms) {
      expect(from.getImageName()).toBe("node");
      expect(from.getImageTag()).toBe("20.19-bookworm-slim");
    }
  });

  it("installs exactly the pnpm version of the root package.json packageManager", () => {
    const packageManager = (JSON.parse(readText(repoFile("package.json"))) as { packageManager: string })
      .packageManager;
    const installs = [...instructions.filter(keyword("RUN")).map((i) => i.getRawArgumentsContent() ?? "")]
      .join("\n")
      .match(/npm (?:i|install) (?:-g|--global) (pnpm@[\w.-]+)/g);
    expect(installs).not.toBeNull();
    for (const install of installs ?? []) expect(install.split(" ").at(-1)).toBe(packageManager);
    // corepack does not work for this project: the version comes from npm.
    expect(
      instructions
        .filter(keyword("RUN"))
        .map((i) => i.getRawArgumentsContent())
        .join("\n"),
    ).not.toMatch(/corepack/);
  });

  it("builds with the frozen lockfile, through turbo, and deploys the server with production dependencies", () => {
    const build = buildStages.map(runText).join("\n");
    expect(build).toMatch(/pnpm install --frozen-lockfile/);
    expect(build).toMatch(/pnpm turbo run build\b.*--filter=@ciar\/server/);
    expect(build).toMatch(/pnpm turbo run build\b.*--filter=@ciar\/web/);
    expect(build).toMatch(/pnpm --filter @ciar\/server deploy --prod --legacy \/out/);
  });

  it("never ADDs remote URLs (and uses COPY for local files)", () => {
    for (const add of instructions.filter(keyword("ADD"))) {
      expect(argsOf(add).join(" ")).not.toMatch(/https?:\/\/|git@/);
    }
    expect(instructions.filter(keyword("ADD"))).toEqual([]);
  });

  describe("runtime stage", () => {
    const env = envOf(finalStage);
    const copies = finalStage.instructions.filter(keyword("COPY"));

    it("runs as the non-root `node` user", () => {
      const users = finalStage.instructions.filter(keyword("USER"));
      expect(users.length).toBeGreaterThan(0);
      const user = argsOf(users.at(-1) as Instruction)[0] ?? "";
      expect(user.split(":")[0]).not.toMatch(/^(root|0)$/);
      expect(user).toMatch(/^(node|1000)(:(node|1000))?$/);
    });

    it("sets production, listens on 0.0.0.0:3000 and serves the copied dashboard", () => {
      expect(env.NODE_ENV).toBe("production");
      expect(env.HOST).toBe("0.0.0.0");
      expect(env.PORT).toBe("3000");
      const web = copies.find((c) => argsOf(c).some((a) => a.endsWith("apps/web/dist")));
      expect(web, "COPY of apps/web/dist").toBeDefined();
      const destination = argsOf(web as Instruction).at(-1) as string;
      const workdir = argsOf(finalStage.instructions.filter(keyword("WORKDIR")).at(-1) as Instruction)[0];
      const absolute = destination.startsWith("/")
        ? destination
        : `${workdir}/${destination.replace(/^\.\//, "")}`;
      expect(env.WEB_DIST_DIR).toBe(absolute);
      expect(finalStage.instructions.filter(keyword("EXPOSE")).flatMap(argsOf)).toContain(env.PORT);
    });

    it("holds only the deployed server (package.json, dist, node_modules) from the build stage", () => {
      for (const copy of copies) {
        const flags = (copy as ModifiableInstruction).getFlags().map((f) => `${f.getName()}=${f.getValue()}`);
        expect(flags, argsOf(copy).join(" ")).toContain("from=build");
      }
      const sources = copies.flatMap((c) =>
        argsOf(c)
          .filter((a) => !a.startsWith("--"))
          .slice(0, -1),
      );
      expect(sources).toEqual(
        expect.arrayContaining([
          "/out/package.json",
          "/out/dist",
          "/out/node_modules",
          "/repo/apps/web/dist",
        ]),
      );
      // No package installation or build in the final image.
      expect(runText(finalStage)).not.toMatch(/pnpm|npm (i|install)|apt-get/);
    });

    it("has a HEALTHCHECK on /health using node's fetch (no curl in slim images)", () => {
      const checks = finalStage.instructions.filter(keyword("HEALTHCHECK"));
      expect(checks).toHaveLength(1);
      const command = execForm(checks[0] as Instruction);
      expect(command?.[0]).toBe("node");
      expect(command?.join(" ")).toMatch(/fetch\(.*\/health/);
      expect(command?.join(" ")).not.toMatch(/curl|wget/);
    });

    it("CMD serves dist/server.js; migrations are not run on start", () => {
      const cmds = finalStage.instructions.filter(keyword("CMD"));
      expect(execForm(cmds.at(-1) as Instruction)).toEqual([
        "node",
        "--enable-source-maps",
        "dist/server.js",
      ]);
      expect(finalStage.instructions.filter(keyword("ENTRYPOINT"))).toEqual([]);
      expect(env.MIGRATE_ON_START ?? "false").toBe("false");
    });

    it("ships the files the bundle resolves at run time", () => {
      // apps/server/dist/*.js find migrations and data through @ciar/db/package.json.
      const build = buildStages.map(runText).join("\n");
      for (const required of [
        "/out/dist/server.js",
        "/out/dist/migrate.js",
        "/out/node_modules/@ciar/db/drizzle",
        "/out/node_modules/@ciar/db/data",
      ]) {
        expect(build).toContain(required);
      }
    });
  });
});

describe("Dockerfile.dockerignore", () => {
  const patterns = readText(`${infraDir}docker/Dockerfile.dockerignore`)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));

  /** Docker's rules, simplified: `**` any depth, `*` within a segment, a match covers subpaths. */
  function ignored(file: string): boolean {
    let result = false;
    for (const raw of patterns) {
      const negate = raw.startsWith("!");
      const pattern = (negate ? raw.slice(1) : raw).replace(/^\/+/, "").replace(/\/+$/, "");
      const regex = new RegExp(
        `^${pattern
          .split("/")
          .map((segment) =>
            segment === "**"
              ? "(?:.*)"
              : segment.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*"),
          )
          .join("/")
          .replace(/\(\?:\.\*\)\//g, "(?:.*/)?")}(?:/.*)?$`,
      );
      if (regex.test(file)) result = !negate;
    }
    return result;
  }

  it.each([
    "node_modules/.pnpm/x/index.js",
    "apps/server/node_modules/fastify/package.json",
    "infra/node_modules/vitest/package.json",
    ".git/HEAD",
    "apps/server/.data/pglite/PG_VERSION",
    ".data/x",
    "apps/server/dist/server.js",
    "apps/web/dist/index.html",
    "packages/db/.turbo/turbo-build.log",
    ".env",
    "infra/.env",
  ])("excludes %s", (file) => {
    expect(ignored(file)).toBe(true);
  });

  it.each([
    "package.json",
    "pnpm-lock.yaml",
    "pnpm-workspace.yaml",
    ".npmrc",
    "turbo.json",
    "apps/server/package.json",
    "apps/server/scripts/build.mjs",
    "apps/server/src/server.ts",
    "apps/web/index.html",
    "packages/db/drizzle/0000_app_role_and_settings.sql",
    "packages/db/data/cl-communes.csv",
    "tooling/tsconfig/base.json",
    "infra/package.json",
    "patches/postgres@3.4.9.patch",
    ".env.example",
  ])("keeps %s", (file) => {
    expect(ignored(file)).toBe(false);
  });
});
