// infra/scripts/first-admin.mjs creates accounts outside the app: it must hash and validate
// passwords exactly as the app does, and write only what the schema and the policies accept.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { infraDir, readText, repoFile } from "./helpers";

const script = readText(path.join(infraDir, "scripts", "first-admin.mjs"));

describe("infra/scripts/first-admin.mjs", () => {
  it("hashes with the app's argon2id parameters (packages/db/src/password.ts)", () => {
    const app = /const OPTIONS = (\{[^}]+\})/.exec(readText(repoFile("packages/db/src/password.ts")))?.[1];
    const ours = /const ARGON2 = (\{[^}]+\})/.exec(script)?.[1];
    const normalize = (s: string | undefined) =>
      s?.replace(/\s+/g, "").replace(/_/g, "").replace(/,?\}$/, "}");
    expect(ours).toBeDefined();
    expect(normalize(ours)).toBe(normalize(app));
  });

  it("requires the app's minimum password length (packages/domain)", () => {
    const app = /PASSWORD_MIN_LENGTH = (\d+)/.exec(
      readText(repoFile("packages/domain/src/schemas/auth.ts")),
    )?.[1];
    expect(/const PASSWORD_MIN_LENGTH = (\d+)/.exec(script)?.[1]).toBe(app);
  });

  it("connects as the owner and acts inside the commune (tenant tables force RLS)", () => {
    expect(script).toMatch(/process\.env\.MIGRATION_DATABASE_URL/);
    expect(script).toMatch(/sql\.begin\(/);
    expect(script).toMatch(/set_config\('app\.commune_id', \$\{commune\.id\}, true\)/);
    // Time-ordered ids, as the app generates them (PostgreSQL 15 has no uuidv7()).
    expect(script).toMatch(/from "uuid"/);
    expect(script).not.toMatch(/gen_random_uuid/);
  });

  it("lower-cases the e-mail, as sign-in looks it up", () => {
    expect(script).toMatch(/required\("ADMIN_EMAIL"\)\.toLowerCase\(\)/);
  });

  it("only imports what the server image ships (apps/server dependencies)", () => {
    const deps = Object.keys(
      (JSON.parse(readText(repoFile("apps/server/package.json"))) as { dependencies: Record<string, string> })
        .dependencies,
    );
    const imports = [...script.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1] as string);
    expect(imports.length).toBeGreaterThan(0);
    for (const name of imports.filter((i) => !i.startsWith("node:"))) expect(deps).toContain(name);
  });
});
