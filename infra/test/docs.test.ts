// Docs that stay true: every repository path and migration a doc names exists, no doc sends the
// reader outside the repository, the migration list in the architecture names every migration,
// and the configuration table in deploy.md names only variables the server reads.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoFile, repoRoot, serverConfigNames } from "./helpers";

const docFiles = [
  "README.md",
  ...readdirSync(repoFile("docs"), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith(".md"))
    .map((name) => path.join("docs", name)),
];
const docs = docFiles.map((file) => ({ file, text: readFileSync(repoFile(file), "utf8") }));

/** Paths that exist only once the product has run or an operator has made them. */
const GENERATED = ["apps/server/.data", "apps/web/dist", "infra/.env"];
const ROOTS = ["apps/", "packages/", "infra/", "docs/", "scripts/", "tooling/", ".ci/"];

/** `a/{b,c}/d` → `a/b/d`, `a/c/d`. */
function expandBraces(pattern: string): string[] {
  const match = /\{([^{}]*)\}/.exec(pattern);
  if (!match) return [pattern];
  return match[1]!.split(",").flatMap((option) => expandBraces(pattern.replace(match[0], option)));
}

/** A path as written, reduced to the part that must exist: up to any `*` or `<placeholder>`. */
function existingPart(written: string): string {
  const cut = written.search(/[*<]/);
  const kept = cut === -1 ? written : written.slice(0, cut);
  return kept.replace(/[:#].*$/, "").replace(/\/$/, "");
}

function namedPaths(text: string, file: string): string[] {
  const inCode = [...text.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]!);
  const linked = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z]+:/.test(target) && !target.startsWith("#"))
    .map((target) => path.relative(repoRoot, path.resolve(path.dirname(repoFile(file)), target)));
  return [...inCode.filter((p) => ROOTS.some((root) => p.startsWith(root))), ...linked];
}

describe("docs name only what exists", () => {
  it.each(docs.map((d) => [d.file, d] as const))("%s: every repository path exists", (_file, doc) => {
    const missing = namedPaths(doc.text, doc.file)
      .flatMap(expandBraces)
      .map(existingPart)
      .filter((p) => p !== "" && !GENERATED.some((g) => p.startsWith(g)))
      .filter((p) => !existsSync(repoFile(p)));
    expect([...new Set(missing)]).toEqual([]);
  });

  it.each(docs.map((d) => [d.file, d] as const))(
    "%s: points at nothing outside the repository",
    (_file, doc) => {
      expect(doc.text).not.toMatch(/\.\.\/shared\b/);
    },
  );

  const journal = JSON.parse(readFileSync(repoFile("packages/db/drizzle/meta/_journal.json"), "utf8")) as {
    entries: Array<{ tag: string }>;
  };
  const migrations = journal.entries.map((entry) => entry.tag.slice(0, 4));

  it("every migration a doc names exists", () => {
    const named = docs.flatMap((doc) =>
      [...doc.text.matchAll(/(?:migrations? |`)(00\d\d)\b/g)].map((m) => `${doc.file}: ${m[1]}`),
    );
    expect(named.filter((entry) => !migrations.includes(entry.slice(-4)))).toEqual([]);
  });

  it("the architecture's migration list names every migration (ranges count)", () => {
    const text = readFileSync(repoFile("docs/architecture.md"), "utf8");
    const listed = new Set<string>();
    for (const m of text.matchAll(/`(00\d\d)`(?:\s*[–-]\s*`(00\d\d)`)?/g)) {
      const from = Number(m[1]);
      const to = Number(m[2] ?? m[1]);
      for (let n = from; n <= to; n++) listed.add(String(n).padStart(4, "0"));
    }
    expect(migrations.filter((number) => !listed.has(number))).toEqual([]);
  });

  it("the configuration table in deploy names only variables the server reads", () => {
    const text = readFileSync(repoFile("docs/deploy.md"), "utf8");
    const rows = [...text.matchAll(/^\| `([A-Z][A-Z0-9_]*)`/gm)].map((m) => m[1]!);
    expect(rows.length).toBeGreaterThan(5);
    const known = serverConfigNames();
    expect(rows.filter((name) => !known.has(name))).toEqual([]);
  });
});
