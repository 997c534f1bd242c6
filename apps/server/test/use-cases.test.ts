import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createTestApp, signIn, type Session, type TestApp } from "./support/test-app";
import { useCaseInput } from "./support/use-case-fixtures";

let t: TestApp;
let serenaEditor: Session;
let serenaAdmin: Session;
let serenaViewer: Session;
let coquimboEditor: Session;
let coquimboAdmin: Session;
const serena = (s: Session) => ({ token: s.token, commune: t.communeId.laSerena });
const coquimbo = (s: Session) => ({ token: s.token, commune: t.communeId.coquimbo });

beforeAll(async () => {
  t = await createTestApp();
  [serenaEditor, serenaAdmin, serenaViewer, coquimboEditor, coquimboAdmin] = await Promise.all([
    signIn(t, "editor@laserena.example"),
    signIn(t, "admin@laserena.example"),
    signIn(t, "viewer@laserena.example"),
    signIn(t, "editor@coquimbo.example"),
    signIn(t, "admin@coquimbo.example"),
  ]);
});
afterAll(() => t?.close());

interface SearchResult {
  items: {
    id: string;
    title: string;
    communeName: string;
    reuseCount: number;
    endorsementCount: number;
    stage: string;
  }[];
  total: number;
  facets: {
    serviceArea: Record<string, number>;
    stage: Record<string, number>;
    commune: { id: string; name: string; n: number }[];
  };
  nextCursor: string | null;
}
const search = async (session: Session, input: object, asCommune = coquimbo) =>
  (await call<SearchResult>(t, "query", "catalog.search", input, asCommune(session))).data;

describe("the DOM permit scenario", () => {
  let sourceId: string;
  let copyId: string;

  it("a La Serena editor writes it; it stays private until an admin publishes it to the coalition", async () => {
    const created = await call<{ id: string; version: number }>(
      t,
      "mutation",
      "useCases.create",
      useCaseInput({ title: "Revisión asistida de permisos de edificación DOM La Serena" }),
      serena(serenaEditor),
    );
    expect(created.status).toBe(200);
    sourceId = created.data.id;
    expect(
      (await search(coquimboEditor, { query: "permiso edificacion La Serena" })).items.map((i) => i.id),
    ).not.toContain(sourceId);

    expect(
      (await call(t, "mutation", "useCases.submit", { id: sourceId }, serena(serenaEditor))).status,
    ).toBe(200);
    // An editor cannot publish; an admin can.
    const byEditor = await call(
      t,
      "mutation",
      "useCases.review",
      { id: sourceId, decision: "approve" },
      serena(serenaEditor),
    );
    expect(byEditor.error?.data.appCode).toBe("permission.denied");
    expect(
      (
        await call(
          t,
          "mutation",
          "useCases.setVisibility",
          { id: sourceId, visibility: "coalition" },
          serena(serenaAdmin),
        )
      ).status,
    ).toBe(200);
    // Coalition visibility alone does not publish: still submitted, still invisible.
    expect(
      (await search(coquimboEditor, { query: "permiso edificacion La Serena" })).items.map((i) => i.id),
    ).not.toContain(sourceId);
    expect(
      (
        await call(
          t,
          "mutation",
          "useCases.review",
          { id: sourceId, decision: "approve" },
          serena(serenaAdmin),
        )
      ).status,
    ).toBe(200);
  });

  it("a Coquimbo editor finds it without accents, asks a question and adopts it", async () => {
    const found = await search(coquimboEditor, { query: "permiso edificacion" });
    expect(found.items.map((i) => i.id)).toContain(sourceId);
    expect(found.items.find((i) => i.id === sourceId)?.communeName).toBe("La Serena");

    const question = await call<{ id: string; kind: string }>(
      t,
      "mutation",
      "discussion.post",
      { useCaseId: sourceId, kind: "question", body: "¿Qué modelo usan y cuánto cuesta al mes?" },
      coquimbo(coquimboEditor),
    );
    expect(question.data.kind).toBe("question");

    const adopted = await call<{ id: string }>(
      t,
      "mutation",
      "useCases.adopt",
      { id: sourceId },
      coquimbo(coquimboEditor),
    );
    expect(adopted.status).toBe(200);
    copyId = adopted.data.id;
    const again = await call(t, "mutation", "useCases.adopt", { id: sourceId }, coquimbo(coquimboEditor));
    expect(again.error?.data.appCode).toBe("useCases.already_adopted");

    const copy = await call<{
      version: number;
      adoptedFrom: { id: string; communeName: string };
      kpis: { current: number | null }[];
      visibility: string;
    }>(t, "query", "useCases.get", { id: copyId }, coquimbo(coquimboEditor));
    expect(copy.data.adoptedFrom).toMatchObject({ id: sourceId, communeName: "La Serena" });
    expect(copy.data.visibility).toBe("private");
    expect(copy.data.kpis[0]?.current).toBeNull();

    const kpis = [
      {
        id: "dias",
        name: "Días promedio por permiso (Coquimbo)",
        unit: "días",
        baseline: 140,
        current: 120,
        target: 30,
        measuredOn: "2026-10-31",
      },
    ];
    const updated = await call(
      t,
      "mutation",
      "useCases.update",
      { id: copyId, expectedVersion: copy.data.version, content: { kpis } },
      coquimbo(coquimboEditor),
    );
    expect(updated.status).toBe(200);
    expect(
      (
        await call(
          t,
          "mutation",
          "useCases.setStage",
          { id: copyId, stage: "pilot" },
          coquimbo(coquimboEditor),
        )
      ).status,
    ).toBe(200);
  });

  it("La Serena sees the adoption, how far it got, and the question", async () => {
    const detail = await call<{ reuses: { communeName: string; stage: string }[] }>(
      t,
      "query",
      "useCases.get",
      { id: sourceId },
      serena(serenaViewer),
    );
    expect(detail.data.reuses).toEqual([
      expect.objectContaining({ communeName: "Coquimbo", stage: "pilot" }),
    ]);

    const inbox = await call<{ items: { kind: string; actorCommuneName: string }[]; unread: number }>(
      t,
      "query",
      "notifications.list",
      { limit: 20 },
      serena(serenaViewer),
    );
    expect(inbox.data.items.map((n) => [n.kind, n.actorCommuneName])).toEqual(
      expect.arrayContaining([
        ["adopted", "Coquimbo"],
        ["question", "Coquimbo"],
      ]),
    );
    expect(inbox.data.unread).toBeGreaterThanOrEqual(2);
    const discussion = await call<{ threads: { body: string; communeName: string; authorName: string }[] }>(
      t,
      "query",
      "discussion.list",
      { id: sourceId },
      serena(serenaViewer),
    );
    expect(discussion.data.threads[0]).toMatchObject({
      communeName: "Coquimbo",
      authorName: "Editor Coquimbo (demo)",
    });

    const lineage = await call<{
      rootId: string;
      nodes: { useCaseId: string; parentId: string | null; communeName: string }[];
    }>(t, "query", "useCases.lineage", { id: copyId }, coquimbo(coquimboEditor));
    expect(lineage.data.rootId).toBe(sourceId);
    expect(lineage.data.nodes.map((n) => [n.communeName, n.parentId])).toEqual([
      ["La Serena", null],
      ["Coquimbo", sourceId],
    ]);
    // The source counts one reuse in the catalog.
    const found = await search(serenaViewer, { query: "permiso edificacion", sort: "most_reused" }, serena);
    expect(found.items.find((i) => i.id === sourceId)?.reuseCount).toBe(1);
  });

  it("answers, accepts the answer and endorses", async () => {
    const discussion = await call<{ threads: { id: string }[] }>(
      t,
      "query",
      "discussion.list",
      { id: sourceId },
      serena(serenaAdmin),
    );
    const questionId = discussion.data.threads[0]!.id;
    const answer = await call<{ id: string; kind: string }>(
      t,
      "mutation",
      "discussion.post",
      { useCaseId: sourceId, body: "Un modelo abierto; unos 500 mil pesos al mes.", parentId: questionId },
      serena(serenaEditor),
    );
    expect(answer.data.kind).toBe("answer");
    const nested = await call(
      t,
      "mutation",
      "discussion.post",
      { useCaseId: sourceId, body: "Respuesta anidada", parentId: answer.data.id },
      coquimbo(coquimboEditor),
    );
    expect(nested.error?.data.appCode).toBe("discussion.invalid_reply");

    // Only the owner commune's admin accepts.
    expect(
      (
        await call(
          t,
          "mutation",
          "discussion.acceptAnswer",
          { answerId: answer.data.id },
          coquimbo(coquimboAdmin),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await call(
          t,
          "mutation",
          "discussion.acceptAnswer",
          { answerId: answer.data.id },
          serena(serenaAdmin),
        )
      ).status,
    ).toBe(200);
    const after = await call<{ threads: { answered: boolean; replies: { accepted: boolean }[] }[] }>(
      t,
      "query",
      "discussion.list",
      { id: sourceId },
      coquimbo(coquimboEditor),
    );
    expect(after.data.threads[0]).toMatchObject({ answered: true, replies: [{ accepted: true }] });

    for (let i = 0; i < 2; i++)
      expect(
        (await call(t, "mutation", "discussion.endorse", { id: sourceId }, coquimbo(coquimboEditor))).status,
      ).toBe(200);
    const detail = await call<{ endorsementCount: number; endorsedByMe: boolean }>(
      t,
      "query",
      "useCases.get",
      { id: sourceId },
      coquimbo(coquimboEditor),
    );
    expect(detail.data).toMatchObject({ endorsementCount: 1, endorsedByMe: true });
    const own = await call(t, "mutation", "discussion.endorse", { id: sourceId }, serena(serenaEditor));
    expect(own.error?.data.appCode).toBe("useCases.own_use_case");
  });
});

describe("versions", () => {
  it("keeps every edit with who and what changed, and compares two", async () => {
    const created = await call<{ id: string }>(
      t,
      "mutation",
      "useCases.create",
      useCaseInput({ title: "Semáforos adaptativos de prueba" }),
      serena(serenaEditor),
    );
    const id = created.data.id;
    await call(
      t,
      "mutation",
      "useCases.update",
      { id, expectedVersion: 1, content: { summary: "Un resumen corregido del caso de semáforos." } },
      serena(serenaEditor),
    );
    const stale = await call(
      t,
      "mutation",
      "useCases.update",
      { id, expectedVersion: 1, content: { title: "Pisada" } },
      serena(serenaEditor),
    );
    expect(stale.status).toBe(409);
    expect(stale.error?.data.appCode).toBe("useCases.version_conflict");

    const versions = await call<{ version: number; actorName: string; changes: Record<string, unknown> }[]>(
      t,
      "query",
      "useCases.versions",
      { id },
      serena(serenaViewer),
    );
    expect(versions.data.map((v) => v.version)).toEqual([2, 1]);
    expect(Object.keys(versions.data[0]!.changes)).toEqual(["summary"]);
    expect(versions.data[0]!.actorName).toBe("Editor La Serena (demo)");
    const diff = await call<{ changes: Record<string, { from: unknown; to: unknown }> }>(
      t,
      "query",
      "useCases.compareVersions",
      { id, from: 1, to: 2 },
      serena(serenaViewer),
    );
    expect(diff.data.changes.summary?.to).toBe("Un resumen corregido del caso de semáforos.");
    expect(
      (await call(t, "query", "useCases.compareVersions", { id, from: 1, to: 9 }, serena(serenaViewer)))
        .status,
    ).toBe(404);
  });
});

describe("saving content and stage together", () => {
  it("makes one version, mirrors the stage on an adoption, and still guards retiring", async () => {
    const found = await search(coquimboEditor, { query: "semaforo peatonal" });
    const semaforo = found.items.find((i) => i.communeName === "Santiago")!;
    const adopted = await call<{ id: string }>(
      t,
      "mutation",
      "useCases.adopt",
      { id: semaforo.id },
      coquimbo(coquimboEditor),
    );
    const id = adopted.data.id;
    const saved = await call<{ version: number; stage: string }>(
      t,
      "mutation",
      "useCases.update",
      {
        id,
        expectedVersion: 1,
        content: { summary: "Semáforo peatonal con IA en el centro de Coquimbo." },
        stage: "production",
      },
      coquimbo(coquimboEditor),
    );
    expect(saved.data).toMatchObject({ version: 2, stage: "production" });
    const versions = await call<{ version: number; changes: Record<string, unknown> }[]>(
      t,
      "query",
      "useCases.versions",
      { id },
      coquimbo(coquimboEditor),
    );
    expect(Object.keys(versions.data[0]!.changes).sort()).toEqual(["stage", "summary"]);
    const original = await call<{ reuses: { communeName: string; stage: string }[] }>(
      t,
      "query",
      "useCases.get",
      { id: semaforo.id },
      coquimbo(coquimboEditor),
    );
    expect(original.data.reuses.find((r) => r.communeName === "Coquimbo")?.stage).toBe("production");

    const retire = await call(
      t,
      "mutation",
      "useCases.update",
      { id, expectedVersion: 2, content: {}, stage: "retired" },
      coquimbo(coquimboEditor),
    );
    expect(retire.error?.data.appCode).toBe("permission.denied");
  });
});

describe("roles", () => {
  it("viewers read only; editors cannot retire or change visibility", async () => {
    expect((await call(t, "mutation", "useCases.create", useCaseInput(), serena(serenaViewer))).status).toBe(
      403,
    );
    const created = await call<{ id: string }>(
      t,
      "mutation",
      "useCases.create",
      useCaseInput({ title: "Caso para probar roles" }),
      serena(serenaEditor),
    );
    const retire = await call(
      t,
      "mutation",
      "useCases.setStage",
      { id: created.data.id, stage: "retired" },
      serena(serenaEditor),
    );
    expect(retire.error?.data.appCode).toBe("permission.denied");
    expect(
      (
        await call(
          t,
          "mutation",
          "useCases.setVisibility",
          { id: created.data.id, visibility: "public" },
          serena(serenaEditor),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await call(
          t,
          "mutation",
          "useCases.setStage",
          { id: created.data.id, stage: "retired" },
          serena(serenaAdmin),
        )
      ).status,
    ).toBe(200);
    const edit = await call(
      t,
      "mutation",
      "useCases.update",
      { id: created.data.id, expectedVersion: 2, content: { title: "Ya retirado" } },
      serena(serenaEditor),
    );
    expect(edit.error?.data.appCode).toBe("useCases.retired");
  });

  it("rejects a submission with a reason the editor can read", async () => {
    const created = await call<{ id: string }>(
      t,
      "mutation",
      "useCases.create",
      useCaseInput({ title: "Caso que vuelve con observaciones" }),
      serena(serenaEditor),
    );
    await call(t, "mutation", "useCases.submit", { id: created.data.id }, serena(serenaEditor));
    const rejected = await call(
      t,
      "mutation",
      "useCases.review",
      { id: created.data.id, decision: "reject", reason: "Falta la base legal." },
      serena(serenaAdmin),
    );
    expect(rejected.status).toBe(200);
    const mine = await call<{ items: { id: string; status: string; reviewNote: string }[] }>(
      t,
      "query",
      "useCases.mine",
      { limit: 50 },
      serena(serenaEditor),
    );
    expect(mine.data.items.find((i) => i.id === created.data.id)).toMatchObject({
      status: "draft",
      reviewNote: "Falta la base legal.",
    });
  });
});

describe("catalog search", () => {
  it("ignores accents and stems Spanish words, and filters", async () => {
    const plural = await search(coquimboEditor, { query: "licitaciones" });
    expect(plural.items.map((i) => i.title)).toEqual(
      expect.arrayContaining([expect.stringMatching(/LicitaBot/)]),
    );
    const accents = await search(coquimboEditor, { query: "RECOLECCION de residuos" });
    expect(accents.items.every((i) => /Rescol/.test(i.title))).toBe(true);
    expect(accents.total).toBe(2);

    const byCommune = await search(coquimboEditor, {});
    const lasCondes = byCommune.facets.commune.find((c) => c.name === "Las Condes")!;
    expect(lasCondes.n).toBe(2);
    const onlyLasCondes = await search(coquimboEditor, { communeIds: [lasCondes.id] });
    expect(onlyLasCondes.total).toBe(2);
    expect(onlyLasCondes.items.every((i) => i.communeName === "Las Condes")).toBe(true);

    const security = await search(coquimboEditor, { serviceAreas: ["seguridad"], regionIso: ["CL-RM"] });
    expect(security.total).toBeGreaterThanOrEqual(3);
    expect(security.facets.serviceArea).toEqual({ seguridad: security.total });
    const withKpis = await search(coquimboEditor, { hasKpis: true, techniques: ["vision"] });
    expect(withKpis.items.map((i) => i.title).sort()).toEqual(
      [
        "Piloto de cámaras de televigilancia inteligente",
        "SITIA-Patentes: teleprotección con IA para vehículos con encargo por robo",
      ].sort(),
    );
  });

  it("pages with a cursor without repeating or skipping", async () => {
    const all = await search(coquimboEditor, { sort: "recent", limit: 100 });
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await search(coquimboEditor, { sort: "recent", limit: 4, cursor: cursor ?? undefined });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.id));
    expect(seen.length).toBe(all.total);
  });

  it("sorts by reuse", async () => {
    const reused = await search(coquimboEditor, { sort: "most_reused", limit: 5 });
    expect(reused.items[0]!.reuseCount).toBeGreaterThanOrEqual(1);
    const counts = reused.items.map((i) => i.reuseCount);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
  });
});

describe("interchange", () => {
  it("exports publiccode.yml and imports it back into another commune", async () => {
    const found = await search(coquimboEditor, { query: "Asistente revision permisos DOM caso de ejemplo" });
    const example = found.items.find((i) => i.communeName === "La Serena")!;
    const exported = await call<{ filename: string; content: string }>(
      t,
      "query",
      "useCases.exportPubliccode",
      { id: example.id },
      coquimbo(coquimboEditor),
    );
    expect(exported.data.filename).toMatch(/\.publiccode\.yml$/);
    expect(exported.data.content).toContain('publiccodeYmlVersion: "0.4"');
    expect(exported.data.content).toContain("x-ciar:");
    expect(exported.data.content).toContain("decisionMode: human_review");

    const imported = await call<{ id: string }>(
      t,
      "mutation",
      "useCases.importPubliccode",
      { content: exported.data.content },
      coquimbo(coquimboEditor),
    );
    expect(imported.status).toBe(200);
    const copy = await call<{
      title: string;
      serviceArea: string;
      kpis: unknown[];
      transparency: { riskLevel: string };
      status: string;
      visibility: string;
    }>(t, "query", "useCases.get", { id: imported.data.id }, coquimbo(coquimboEditor));
    expect(copy.data).toMatchObject({
      title: example.title,
      serviceArea: "obras_permisos",
      status: "draft",
      visibility: "private",
      transparency: { riskLevel: "medium" },
    });
    expect(copy.data.kpis).toHaveLength(1);

    // A foreign file (no x-ciar) fills what the standard has; an obsolete project starts as an idea.
    const foreign = [
      'publiccodeYmlVersion: "0.4"',
      "name: Asistente normativo de otra ciudad",
      "url: https://example.org/repo",
      "developmentStatus: obsolete",
      "description:",
      "  es:",
      "    shortDescription: Responde preguntas sobre la normativa de construcción.",
      "legal:",
      "  license: MIT",
    ].join("\n");
    const fromElsewhere = await call<{ id: string }>(
      t,
      "mutation",
      "useCases.importPubliccode",
      { content: foreign },
      coquimbo(coquimboEditor),
    );
    expect(fromElsewhere.status).toBe(200);
    const foreignCopy = await call<{ stage: string; license: string; repositoryUrl: string }>(
      t,
      "query",
      "useCases.get",
      { id: fromElsewhere.data.id },
      coquimbo(coquimboEditor),
    );
    expect(foreignCopy.data).toMatchObject({
      stage: "idea",
      license: "MIT",
      repositoryUrl: "https://example.org/repo",
    });

    for (const content of ["not: [valid", "publiccodeYmlVersion: '0.4'\nname: x", "a: b\nc: d"]) {
      const bad = await call(
        t,
        "mutation",
        "useCases.importPubliccode",
        { content },
        coquimbo(coquimboEditor),
      );
      expect(bad.status).toBe(400);
    }
  });

  it("exports the catalog view as CSV and JSON with the page's filters", async () => {
    const csv = await call<{ content: string; count: number; filename: string }>(
      t,
      "query",
      "catalog.export",
      { format: "csv", serviceAreas: ["medio_ambiente"] },
      coquimbo(coquimboEditor),
    );
    expect(csv.data.filename).toMatch(/\.csv$/);
    const lines = csv.data.content.trim().split("\n");
    expect(lines[0]).toContain("title");
    expect(lines).toHaveLength(csv.data.count + 1);
    expect(csv.data.count).toBe(2);
    const json = await call<{ content: string }>(
      t,
      "query",
      "catalog.export",
      { format: "json", serviceAreas: ["medio_ambiente"] },
      coquimbo(coquimboEditor),
    );
    expect(JSON.parse(json.data.content)).toHaveLength(2);
  });
});
