// Docs that stay true: every repository path and migration a doc names exists, no doc sends the
// reader outside the repository, the migration list in the architecture names every migration,
// the configuration in deploy.md names exactly the variables the server reads, and every error
// code a doc names exists (a table marked complete names every code of its area).
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

  it("deploy's configuration names every variable the server reads", () => {
    const text = readFileSync(repoFile("docs/deploy.md"), "utf8");
    const section = text.slice(
      text.indexOf("## Configuration"),
      text.indexOf("\n## ", text.indexOf("## Configuration") + 1),
    );
    const named = new Set([...section.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!));
    expect([...serverConfigNames()].filter((name) => !named.has(name))).toEqual([]);
  });
});

/** The codes of packages/domain/src/errors.ts (APP_ERRORS' keys). */
const errorCodes = new Set(
  [
    ...readFileSync(repoFile("packages/domain/src/errors.ts"), "utf8").matchAll(
      /^ {2}"([a-z]+\.[a-z_]+)": \{/gm,
    ),
  ].map((m) => m[1]!),
);
const errorAreas = new Set([...errorCodes].map((code) => code.split(".")[0]!));

/*
 * Names written like an error code (`area.code`, `409 area.code`, `area.prefix_*`) in an area that
 * has error codes. A file (`communes.csv`), a procedure (`auth.login`) or a column
 * (`coalitions.share_results`) reads the same, so those are told apart by their extension, the
 * routers and the schema, unless a status says it is a code.
 */
const procedureNames = new Set(
  readdirSync(repoFile("packages/api/src/routers")).flatMap((file) =>
    [
      ...readFileSync(repoFile(`packages/api/src/routers/${file}`), "utf8").matchAll(
        /^\s+([a-z][A-Za-z]*):/gm,
      ),
    ].map((m) => `${file.replace(/\.ts$/, "")}.${m[1]}`),
  ),
);
const columnNames = new Set(
  readdirSync(repoFile("packages/db/src/schema")).flatMap((file) =>
    [
      ...readFileSync(repoFile(`packages/db/src/schema/${file}`), "utf8").matchAll(/"([a-z][a-z0-9_]*)"/g),
    ].map((m) => m[1]!),
  ),
);

/** Audit actions (`account.locked`) and permissions (`directory.manage`) read like codes too. */
const auditActions = new Set(
  ["packages/domain/src/audit-actions.ts", "packages/domain/src/permissions.ts"].flatMap((file) =>
    [...readFileSync(repoFile(file), "utf8").matchAll(/"([a-z_]+\.[a-zA-Z_]+)"/g)].map((m) => m[1]!),
  ),
);

const FILE_EXTENSIONS = /^(csv|json|md|mjs|js|sh|sql|ts|tsx|yaml|yml)$/;

function namedCodes(text: string): string[] {
  return [...text.matchAll(/`(?:([1-5]\d\d) )?([a-z]+)\.([a-z_]+\*?)`/g)]
    .filter(([, status, area, rest]) => {
      if (!errorAreas.has(area!) || FILE_EXTENSIONS.test(rest!)) return false;
      if (status || rest!.endsWith("*")) return true;
      const name = `${area}.${rest}`;
      return !procedureNames.has(name) && !auditActions.has(name) && !columnNames.has(rest!);
    })
    .map(([, , area, rest]) => `${area}.${rest}`);
}

/** A name as written matches a code exactly, or by prefix when it ends in `*`. */
const matches = (named: string, code: string) =>
  named.endsWith("*") ? code.startsWith(named.slice(0, -1)) : code === named;

describe("docs name only error codes that exist", () => {
  it("reads the codes it checks against", () => {
    expect(errorCodes.size).toBeGreaterThan(50);
    expect(errorCodes).toContain("gateway.missing_key");
    expect(procedureNames).toContain("auth.login");
    expect(auditActions).toContain("account.password_changed");
  });

  // Design notes describe what is not built yet; the how-to docs describe what exists.
  const howTo = docs.filter((doc) => !doc.file.startsWith(path.join("docs", "design-notes")));
  it.each(howTo.map((d) => [d.file, d] as const))("%s: every error code it names exists", (_file, doc) => {
    const missing = namedCodes(doc.text).filter(
      (named) => ![...errorCodes].some((code) => matches(named, code)),
    );
    expect([...new Set(missing)]).toEqual([]);
  });

  it("a table marked complete names every code of its area", () => {
    const marked = docs.flatMap((doc) =>
      [...doc.text.matchAll(/<!-- error codes: ([a-z]+), complete\b[^>]*-->/g)].map((m) => {
        const start = m.index + m[0].length;
        const next = doc.text.indexOf("\n#", start);
        return { file: doc.file, area: m[1]!, text: doc.text.slice(start, next === -1 ? undefined : next) };
      }),
    );
    expect(marked.map((table) => table.area)).toContain("gateway");
    const missing = marked.flatMap(({ file, area, text }) => {
      const named = namedCodes(text);
      return [...errorCodes]
        .filter((code) => code.startsWith(`${area}.`))
        .filter((code) => !named.some((n) => matches(n, code)))
        .map((code) => `${file}: ${code}`);
    });
    expect(missing).toEqual([]);
  });
});
