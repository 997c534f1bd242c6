import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The house rules, read from the source tree (the ESLint rule of eslint.config.js says the same;
 * this test keeps it from being dropped silently): the services are free of the transport and
 * open no transaction; only the doors (src/doors, src/procedures) open transactions and set
 * RLS settings, and the server (apps/server/src) builds no runAs of its own.
 */
const root = join(import.meta.dirname, "..");
const serverSrc = join(root, "../../apps/server/src");

function sources(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => ({ path: join(dir, file), text: readFileSync(join(dir, file), "utf8") }));
}

const apiFiles = sources(join(root, "src")).map((f) => ({ ...f, path: relative(root, f.path) }));
const serverFiles = sources(serverSrc).map((f) => ({
  ...f,
  path: `apps/server/${relative(join(serverSrc, ".."), f.path)}`,
}));
const isDoor = (path: string) => path.startsWith("src/doors/") || path.startsWith("src/procedures/");
const isService = (path: string) => path.startsWith("src/services/");

/** Module specifiers a file imports (static, dynamic and re-exports). */
function importsOf(text: string): string[] {
  return [...text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!);
}

const TRANSPORT = [
  /^@trpc\//,
  /^fastify($|-)/,
  /^@fastify\//,
  /(^|\/)(context|trpc)$/,
  /(^|\/)(procedures|doors)(\/|$)/,
];

describe("the house", () => {
  it("reads the tree it guards", () => {
    expect(apiFiles.filter((f) => isService(f.path)).length).toBeGreaterThan(50);
    expect(serverFiles.some((f) => f.path === "apps/server/src/app.ts")).toBe(true);
  });

  it("services import nothing of the transport", () => {
    const offenders = apiFiles
      .filter((f) => isService(f.path))
      .flatMap((f) =>
        importsOf(f.text)
          .filter((spec) => TRANSPORT.some((re) => re.test(spec)))
          .map((spec) => `${f.path}: ${spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it("services open no transaction (a savepoint goes through services/savepoint.ts)", () => {
    const offenders = apiFiles
      .filter((f) => isService(f.path) && f.path !== "src/services/savepoint.ts")
      .filter((f) => /\.transaction\s*\(/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it("only the doors set RLS settings or open a transaction with them", () => {
    const offenders = [
      ...apiFiles.filter((f) => !isDoor(f.path) && !f.path.endsWith(".test.ts")),
      ...serverFiles,
    ]
      .filter((f) => /\b(withAccess|applySettings)\b/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it("one runAs: every transaction is opened by src/doors/run-as.ts", () => {
    const openers = [...apiFiles, ...serverFiles]
      .filter((f) => !f.path.endsWith(".test.ts") && /\bwithAccess\s*\(/.test(f.text))
      .map((f) => f.path);
    expect(openers).toEqual(["src/doors/run-as.ts"]);
  });

  it("routers hand services the actor their door set (ctx.actor), never one built by hand", () => {
    // The tenant, coordinator and platform doors each set ctx.actor once; a router that builds
    // its own from ctx.user.id and ctx.requestId can drift from what the door checked.
    const offenders = apiFiles
      .filter((f) => f.path.startsWith("src/routers/"))
      .filter((f) => /userId:\s*ctx\.user\.id[^}]*requestId/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });
});
