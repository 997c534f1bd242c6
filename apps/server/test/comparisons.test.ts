import { coalitions, communes, indicators, roadmapMilestones } from "@ciar/db/schema";
import { applySettings } from "@ciar/db/tenant-transaction";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createTestApp, signIn, type Session, type TestApp } from "./support/test-app";

/**
 * Comparisons through HTTP: a coordinator's views of their coalition (progress.*, peerGroups.*)
 * and a commune admin's view of itself among its peers (progress.my*). Only submitted and
 * validated assessments count; La Serena's 2026-Q3 draft never shows anywhere.
 */
let t: TestApp;
let ciarCoordinator: Session;
let reciCoordinator: Session;
let coquimboAdmin: Session;
let serenaAdmin: Session;
let serenaViewer: Session;
let ciar: string;
let reci: string;
let permitDays: string; // CIAR's indicator dom_dias_permiso_edificacion
let cutToId: Map<string, string>;

const CIAR_CUTS = [
  "04101",
  "04102",
  "13119",
  "13114",
  "13123",
  "13115",
  "13101",
  "13103",
  "13126",
  "13113",
  "13128",
  "13122",
  "13132",
];

beforeAll(async () => {
  t = await createTestApp();
  [ciarCoordinator, reciCoordinator, coquimboAdmin, serenaAdmin, serenaViewer] = await Promise.all([
    signIn(t, "coordinacion@ciar.example"),
    signIn(t, "coordinacion@reci.example"),
    signIn(t, "admin@coquimbo.example"),
    signIn(t, "admin@laserena.example"),
    signIn(t, "viewer@laserena.example"),
  ]);
  const db = t.db.owner.db;
  const rows = await db.select({ id: coalitions.id, slug: coalitions.slug }).from(coalitions);
  ciar = rows.find((r) => r.slug === "ciar-chile")!.id;
  reci = rows.find((r) => r.slug === "reci-santiago")!.id;
  const [indicator] = await db
    .select({ id: indicators.id })
    .from(indicators)
    .where(and(eq(indicators.coalitionId, ciar), eq(indicators.code, "dom_dias_permiso_edificacion")));
  permitDays = indicator!.id;
  const ids = await db
    .select({ id: communes.id, code: communes.code })
    .from(communes)
    .where(inArray(communes.code, [...CIAR_CUTS, "13108"]));
  cutToId = new Map(ids.map((r) => [r.code, r.id]));
});
afterAll(() => t?.close());

const as = (s: Session) => ({ token: s.token });
const asCommune = (s: Session, commune: string) => ({ token: s.token, commune });

type Summary =
  | { suppressed: false; n: number; p25: number; median: number; p75: number; min: number; max: number }
  | { suppressed: true; n: number };
interface OverviewCommune {
  id: string;
  code: string;
  name: string;
  regionCode: string;
  band: string | null;
  assessmentStatus: string | null;
  maturityIndex: number | null;
  scores: Record<string, number> | null;
  rank: number | null;
  useCasesByStage: Record<string, number>;
  adoptionsGiven: number;
  adoptionsReceived: number;
}
interface Overview {
  period: string | null;
  periods: string[];
  dimensions: Array<{ code: string; title: { es: string; en: string } }>;
  communes: OverviewCommune[];
  summary: { index: Summary; dimensions: Record<string, Summary> };
  useCasesByStage: Record<string, number>;
}
interface StatRow {
  period: string;
  n: number;
  p25: number | null;
  median: number | null;
  p75: number | null;
}
interface MyComparison {
  coalition: { id: string; name: string; shareResults: boolean };
  groupSize: number;
  own: Array<{ period: string; status: string; maturityIndex: number; scores: Record<string, number> }>;
  peerStats: Array<StatRow & { metric: string }>;
  peers: null | Array<{
    communeId: string;
    code: string;
    name: string;
    period: string;
    maturityIndex: number;
    scores: Record<string, number>;
  }>;
}

const overview = (session: Session, input: object) =>
  call<Overview>(t, "query", "progress.overview", input, as(session));

describe("progress.overview", () => {
  it("ranks CIAR's communes by index and leaves La Serena's 2026-Q3 draft out", async () => {
    const result = await overview(ciarCoordinator, { coalitionId: ciar });
    expect(result.status).toBe(200);
    const o = result.data;
    expect(o.period).toBe("2026-Q3");
    expect(o.periods).toEqual(["2026-Q3", "2026-Q2", "2026-Q1", "2025-Q4"]);
    expect(o.dimensions.length).toBe(6);
    expect(o.dimensions[0]).toMatchObject({ code: expect.any(String), title: { es: expect.any(String) } });
    expect(o.communes.map((c) => c.code).sort()).toEqual([...CIAR_CUTS].sort());

    const serena = o.communes.find((c) => c.code === "04101")!;
    expect(serena).toMatchObject({ assessmentStatus: null, maturityIndex: null, scores: null, rank: null });
    // Las Condes' 2026-Q3 is submitted (not yet validated): it counts.
    expect(o.communes.find((c) => c.code === "13114")!.assessmentStatus).toBe("submitted");
    // Coquimbo's and Cerro Navia's are drafts.
    expect(o.communes.find((c) => c.code === "04102")!.rank).toBeNull();

    const ranked = o.communes.filter((c) => c.rank !== null);
    expect(ranked.length).toBe(10);
    for (let i = 1; i < ranked.length; i++) {
      expect(ranked[i]!.maturityIndex!).toBeLessThanOrEqual(ranked[i - 1]!.maturityIndex!);
      expect(ranked[i]!.rank!).toBeGreaterThanOrEqual(ranked[i - 1]!.rank!);
    }
    expect(ranked[0]!.rank).toBe(1);
    // The unranked follow the ranked.
    expect(o.communes.slice(ranked.length).every((c) => c.rank === null)).toBe(true);

    expect(o.summary.index).toMatchObject({ suppressed: false, n: 10 });
    expect(Object.keys(o.summary.dimensions).sort()).toEqual(o.dimensions.map((d) => d.code).sort());
    // Totals are the sums of the communes' counts.
    const total = Object.values(o.useCasesByStage).reduce((a, b) => a + b, 0);
    const perCommune = o.communes.reduce(
      (sum, c) => sum + Object.values(c.useCasesByStage).reduce((a, b) => a + b, 0),
      0,
    );
    expect(total).toBe(perCommune);
    expect(total).toBeGreaterThan(0);
    // Documented reuse in the demo: Maipú reused Las Condes' and Providencia's cases, Quinta Normal
    // Cerro Navia's.
    const adoptionsOf = (cut: string) => {
      const c = o.communes.find((x) => x.code === cut)!;
      return [c.adoptionsGiven, c.adoptionsReceived];
    };
    expect(adoptionsOf("13119")).toEqual([0, 2]);
    expect(adoptionsOf("13114")).toEqual([1, 0]);
    expect(adoptionsOf("13123")).toEqual([1, 0]);
    expect(adoptionsOf("13103")).toEqual([1, 0]);
    expect(adoptionsOf("13126")).toEqual([0, 1]);
    expect(adoptionsOf("04101")).toEqual([0, 0]);
  });

  it("shows La Serena's validated 2026-Q2 when asked for that period", async () => {
    const o = (await overview(ciarCoordinator, { coalitionId: ciar, period: "2026-Q2" })).data;
    expect(o.period).toBe("2026-Q2");
    const serena = o.communes.find((c) => c.code === "04101")!;
    expect(serena.assessmentStatus).toBe("validated");
    expect(serena.maturityIndex).toEqual(expect.any(Number));
    expect(serena.rank).toEqual(expect.any(Number));
    // Coquimbo's 2026-Q2 was returned: it does not count.
    expect(o.communes.find((c) => c.code === "04102")!.assessmentStatus).toBeNull();
  });

  it("filters by region and band, and suppresses the summary of a group under 3", async () => {
    const region = (await overview(ciarCoordinator, { coalitionId: ciar, group: "region", groupKey: "04" }))
      .data;
    expect(region.communes.map((c) => c.code).sort()).toEqual(["04101", "04102"]);
    expect(region.summary.index.suppressed).toBe(true);
    const all = (await overview(ciarCoordinator, { coalitionId: ciar, group: "region" })).data;
    expect(all.communes.length).toBe(13);
    const band = (await overview(ciarCoordinator, { coalitionId: ciar, group: "band", groupKey: "gt250k" }))
      .data;
    expect(band.communes.length).toBeGreaterThan(0);
    expect(band.communes.every((c) => c.band === "gt250k")).toBe(true);
  });

  it("refuses another coalition's id to the RECI coordinator", async () => {
    const result = await overview(reciCoordinator, { coalitionId: ciar });
    expect(result.status).toBe(403);
    expect(result.error?.data.appCode).toBe("coalitions.forbidden");
    expect(result.body).not.toMatch(/La Serena/);
  });

  it("gives the RECI coordinator RECI's members only, never La Serena", async () => {
    const result = await overview(reciCoordinator, { coalitionId: reci });
    expect(result.status).toBe(200);
    // Independencia (13108) is a member that has not activated the platform: listed, no data.
    expect(result.data.communes.map((c) => c.code).sort()).toEqual(["13108", "13119", "13122", "13128"]);
    expect(result.data.communes.find((c) => c.code === "13108")?.maturityIndex).toBeNull();
    expect(result.body).not.toMatch(/La Serena|04101/);
    // Renca and Maipú validated 2026-Q3, Peñalolén submitted it.
    expect(result.data.summary.index).toMatchObject({ suppressed: false, n: 3 });
  });
});

describe("progress.communeProfile", () => {
  it("shows La Serena's counted history, the coalition's quartiles, milestones, indicators and use cases", async () => {
    const result = await call<{
      commune: { id: string; code: string; name: string; band: string };
      history: Array<{ period: string; status: string; maturityIndex: number }>;
      groupStats: StatRow[];
      milestones: Array<{ title: string; dueDate: string; status: string; overdue: boolean }>;
      indicators: Array<{ code: string; values: Array<{ period: string; value: number }> }>;
      useCases: Array<{ id: string; title: string; stage: string; serviceArea: string }>;
    }>(
      t,
      "query",
      "progress.communeProfile",
      { coalitionId: ciar, communeId: t.communeId.laSerena },
      as(ciarCoordinator),
    );
    expect(result.status).toBe(200);
    const p = result.data;
    expect(p.commune).toMatchObject({ code: "04101", name: "La Serena" });
    expect(p.history.map((h) => h.period)).toEqual(["2025-Q4", "2026-Q1", "2026-Q2"]);
    expect(p.history.every((h) => h.status === "validated")).toBe(true);
    expect(p.groupStats.map((s) => s.period)).toEqual(["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]);
    for (const s of p.groupStats) {
      expect(s.n).toBeGreaterThanOrEqual(3);
      expect(s.p25!).toBeLessThanOrEqual(s.median!);
      expect(s.median!).toBeLessThanOrEqual(s.p75!);
    }
    expect(p.milestones.length).toBe(3);
    expect(p.milestones.every((m) => typeof m.overdue === "boolean")).toBe(true);
    const permit = p.indicators.find((i) => i.code === "dom_dias_permiso_edificacion")!;
    expect(permit.values.map((v) => v.value)).toEqual([124, 112, 101, 94]);
    expect(p.useCases.length).toBeGreaterThan(0);
    expect(result.body).not.toMatch(/"draft"|"private"/);
  });

  it("refuses La Serena to the RECI coordinator, through RECI's coalition or CIAR's", async () => {
    const viaReci = await call(
      t,
      "query",
      "progress.communeProfile",
      { coalitionId: reci, communeId: t.communeId.laSerena },
      as(reciCoordinator),
    );
    expect(viaReci.status).toBe(404);
    expect(viaReci.error?.data.appCode).toBe("communes.not_found");
    expect(viaReci.body).not.toMatch(/La Serena/);
    const viaCiar = await call(
      t,
      "query",
      "progress.communeProfile",
      { coalitionId: ciar, communeId: t.communeId.laSerena },
      as(reciCoordinator),
    );
    expect(viaCiar.status).toBe(403);
  });
});

describe("progress.pairing", () => {
  it("points to up to 3 members strictly stronger in the weakest dimension, with their use cases", async () => {
    for (const cut of ["04102", "13128", "13103"]) {
      const communeId = cutToId.get(cut)!;
      const result = await call<{
        period: string | null;
        weakestDimension: string | null;
        ownScore: number | null;
        peers: Array<{ communeId: string; score: number; band: string; region: string; useCases: unknown[] }>;
      }>(t, "query", "progress.pairing", { coalitionId: ciar, communeId }, as(ciarCoordinator));
      expect(result.status).toBe(200);
      const p = result.data;
      expect(p.period).not.toBeNull();
      // The weakest dimension is the lowest of the commune's own scores that period.
      const profile = await call<{ history: Array<{ period: string; scores: Record<string, number> }> }>(
        t,
        "query",
        "progress.communeProfile",
        { coalitionId: ciar, communeId },
        as(ciarCoordinator),
      );
      const latest = profile.data.history.at(-1)!;
      expect(latest.period).toBe(p.period);
      expect(p.ownScore).toBe(Math.min(...Object.values(latest.scores)));
      expect(latest.scores[p.weakestDimension!]).toBe(p.ownScore);

      expect(p.peers.length).toBeLessThanOrEqual(3);
      for (const peer of p.peers) {
        expect(peer.score).toBeGreaterThan(p.ownScore!);
        expect(peer.communeId).not.toBe(communeId);
      }
      for (let i = 1; i < p.peers.length; i++) {
        expect(p.peers[i]!.score).toBeLessThanOrEqual(p.peers[i - 1]!.score);
      }
      // The peers' scores are theirs in that period (checked against the overview).
      const o = (await overview(ciarCoordinator, { coalitionId: ciar, period: p.period })).data;
      const stronger = o.communes
        .filter((c) => c.id !== communeId && (c.scores?.[p.weakestDimension!] ?? -1) > p.ownScore!)
        .map((c) => c.scores![p.weakestDimension!]!)
        .sort((a, b) => b - a)
        .slice(0, 3);
      expect(p.peers.map((x) => x.score)).toEqual(stronger);
    }
  });

  it("refuses a commune outside the coalition", async () => {
    const result = await call(
      t,
      "query",
      "progress.pairing",
      { coalitionId: reci, communeId: t.communeId.laSerena },
      as(reciCoordinator),
    );
    expect(result.status).toBe(404);
  });
});

describe("progress.indicatorTrend", () => {
  it("gives every value and the quartiles of the building-permit days, oldest first", async () => {
    const result = await call<{
      indicator: { id: string; code: string; unit: string; referenceValue: number | null };
      periods: Array<{ period: string; summary: Summary; values: Array<{ code: string; value: number }> }>;
      linkedUseCases: number;
    }>(
      t,
      "query",
      "progress.indicatorTrend",
      { coalitionId: ciar, indicatorId: permitDays },
      as(ciarCoordinator),
    );
    expect(result.status).toBe(200);
    const trend = result.data;
    expect(trend.indicator.code).toBe("dom_dias_permiso_edificacion");
    expect(trend.periods.map((p) => p.period)).toEqual(["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]);
    for (const p of trend.periods) {
      expect(p.values.length).toBe(13);
      expect(p.summary).toMatchObject({ suppressed: false, n: 13 });
    }
    expect(trend.periods[0]!.values.find((v) => v.code === "04101")!.value).toBe(124);
    expect(trend.linkedUseCases).toEqual(expect.any(Number));

    const region = await call<{ periods: Array<{ summary: Summary; values: unknown[] }> }>(
      t,
      "query",
      "progress.indicatorTrend",
      { coalitionId: ciar, indicatorId: permitDays, group: "region", groupKey: "04" },
      as(ciarCoordinator),
    );
    expect(region.data.periods[0]!.values.length).toBe(2);
    expect(region.data.periods[0]!.summary).toEqual({ suppressed: true, n: 2 });
  });

  it("refuses an indicator of another coalition", async () => {
    const result = await call(
      t,
      "query",
      "progress.indicatorTrend",
      { coalitionId: reci, indicatorId: permitDays },
      as(reciCoordinator),
    );
    expect(result.status).toBe(404);
    expect(result.error?.data.appCode).toBe("indicators.not_found");
  });
});

describe("progress.exportCsv", () => {
  const exportCsv = (input: object) =>
    call<{ filename: string; csv: string }>(t, "query", "progress.exportCsv", input, as(ciarCoordinator));

  it("exports every table with Spanish headers", async () => {
    for (const table of ["overview", "heatmap", "milestones", "useCases"]) {
      const result = await exportCsv({ coalitionId: ciar, table });
      expect(result.status, table).toBe(200);
      expect(result.data.filename).toMatch(/^ciar-chile-.*\.csv$/);
      expect(result.data.csv).toMatch(/^\uFEFFCódigo CUT,Comuna,/);
    }
    const overviewCsv = (await exportCsv({ coalitionId: ciar, table: "overview", period: "2026-Q2" })).data;
    expect(overviewCsv.filename).toBe("ciar-chile-resumen-2026-Q2.csv");
    expect(overviewCsv.csv.trim().split("\n").length).toBe(14);
    const indicator = (await exportCsv({ coalitionId: ciar, table: "indicator", indicatorId: permitDays }))
      .data;
    expect(indicator.csv).toMatch(/^\uFEFFPeriodo,Código CUT,Comuna,Indicador,Valor,Unidad/);
    expect(indicator.csv).toContain("2025-Q4,04101,La Serena,");
  });

  it("quotes commas and quotes, and neutralises formulas", async () => {
    await t.db.owner.db.transaction(async (tx) => {
      await applySettings(tx, { communeId: t.communeId.laSerena });
      await tx.insert(roadmapMilestones).values([
        {
          communeId: t.communeId.laSerena,
          title: '=HYPERLINK("https://evil.example","x")',
          dueDate: "2027-01-01",
        },
        { communeId: t.communeId.laSerena, title: "@SUM(A1:A9)", dueDate: "2027-01-02" },
        { communeId: t.communeId.laSerena, title: 'Hito, con "comillas"\ny salto', dueDate: "2027-01-03" },
      ]);
      await applySettings(tx, { communeId: null });
    });
    const result = await exportCsv({ coalitionId: ciar, table: "milestones" });
    expect(result.status).toBe(200);
    const csv = result.data.csv;
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"",""x"")"`);
    expect(csv).toContain(`,'@SUM(A1:A9),`);
    expect(csv).toContain(`"Hito, con ""comillas""\ny salto"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it("needs an indicator for the indicator table, and refuses unknown tables", async () => {
    for (const input of [
      { coalitionId: ciar, table: "indicator" },
      { coalitionId: ciar, table: "passwords" },
      { coalitionId: ciar, table: "overview", period: "2026-Q5" },
    ]) {
      const result = await exportCsv(input);
      expect(result.status, JSON.stringify(input)).toBe(400);
    }
  });
});

describe("peerGroups", () => {
  interface Group {
    id: string;
    name: string;
    description: string;
    members: Array<{ communeId: string; code: string; name: string }>;
  }
  let groupId: string;

  it("creates, lists, renames and regroups, with the coalition's members only", async () => {
    const ids = ["04101", "04102", "13119"].map((cut) => cutToId.get(cut)!);
    const created = await call<Group>(
      t,
      "mutation",
      "peerGroups.create",
      { coalitionId: ciar, name: "Ciudades puerto", description: "Costa", communeIds: ids },
      as(ciarCoordinator),
    );
    expect(created.status).toBe(200);
    expect(created.data.members.map((m) => m.code).sort()).toEqual(["04101", "04102", "13119"]);
    groupId = created.data.id;

    const taken = await call(
      t,
      "mutation",
      "peerGroups.create",
      { coalitionId: ciar, name: "CIUDADES PUERTO", communeIds: ids },
      as(ciarCoordinator),
    );
    expect(taken.status).toBe(409);
    expect(taken.error?.data.appCode).toBe("peerGroups.name_taken");

    const outsider = await call(
      t,
      "mutation",
      "peerGroups.create",
      { coalitionId: ciar, name: "Con intrusa", communeIds: [...ids, cutToId.get("13108")!] },
      as(ciarCoordinator),
    );
    expect(outsider.status).toBe(404);
    expect(outsider.error?.data.appCode).toBe("communes.not_found");

    const list = await call<Group[]>(
      t,
      "query",
      "peerGroups.list",
      { coalitionId: ciar },
      as(ciarCoordinator),
    );
    expect(list.data.map((g) => g.name)).toEqual(["Ciudades puerto"]);

    const updated = await call<Group>(
      t,
      "mutation",
      "peerGroups.update",
      { coalitionId: ciar, groupId, name: "Puertos y vecinos", communeIds: [...ids, cutToId.get("13114")!] },
      as(ciarCoordinator),
    );
    expect(updated.status).toBe(200);
    expect(updated.data).toMatchObject({ name: "Puertos y vecinos", description: "Costa" });
    expect(updated.data.members.length).toBe(4);

    // Each member commune's audit log records that it joined, and the rename.
    const audit = await call<{ items: Array<{ action: string; entityId: string }> }>(
      t,
      "query",
      "audit.list",
      { limit: 100 },
      asCommune(serenaAdmin, t.communeId.laSerena),
    );
    const events = audit.data.items.filter((e) => e.entityId === groupId).map((e) => e.action);
    expect(events.sort()).toEqual(["peer_group.joined", "peer_group.updated"]);

    const custom = await overview(ciarCoordinator, { coalitionId: ciar, group: "custom", groupKey: groupId });
    expect(custom.data.communes.map((c) => c.code).sort()).toEqual(["04101", "04102", "13114", "13119"]);
  });

  it("stays inside its coalition", async () => {
    const reciList = await call<Group[]>(
      t,
      "query",
      "peerGroups.list",
      { coalitionId: reci },
      as(reciCoordinator),
    );
    expect(reciList.data).toEqual([]);
    const foreign = await call(
      t,
      "mutation",
      "peerGroups.update",
      { coalitionId: reci, groupId, name: "Tomado" },
      as(reciCoordinator),
    );
    expect(foreign.status).toBe(404);
    expect(foreign.error?.data.appCode).toBe("peerGroups.not_found");
    const viaOverview = await overview(reciCoordinator, {
      coalitionId: reci,
      group: "custom",
      groupKey: groupId,
    });
    expect(viaOverview.status).toBe(404);
    const reciMember = await call(
      t,
      "mutation",
      "peerGroups.create",
      { coalitionId: reci, name: "Con La Serena", communeIds: [t.communeId.laSerena] },
      as(reciCoordinator),
    );
    expect(reciMember.error?.data.appCode).toBe("communes.not_found");
  });

  it("lets a member compare itself with a custom group it belongs to", async () => {
    const mine = await call<MyComparison>(
      t,
      "query",
      "progress.myComparison",
      { coalitionId: ciar, group: groupId },
      asCommune(coquimboAdmin, t.communeId.coquimbo),
    );
    expect(mine.status).toBe(200);
    expect(mine.data.groupSize).toBe(4);
    // A group it is not in is not found (Renca is not in it).
    const renca = await signIn(t, "admin@renca.example");
    const notMine = await call(
      t,
      "query",
      "progress.myComparison",
      { coalitionId: ciar, group: groupId },
      asCommune(renca, cutToId.get("13128")!),
    );
    expect(notMine.status).toBe(404);
    expect(notMine.error?.data.appCode).toBe("peerGroups.not_found");
  });

  it("removes a group", async () => {
    const removed = await call(
      t,
      "mutation",
      "peerGroups.remove",
      { coalitionId: ciar, groupId },
      as(ciarCoordinator),
    );
    expect(removed.status).toBe(200);
    const again = await call(
      t,
      "mutation",
      "peerGroups.remove",
      { coalitionId: ciar, groupId },
      as(ciarCoordinator),
    );
    expect(again.status).toBe(404);
  });
});

describe("progress.myComparison", () => {
  const mine = (group: string, session = coquimboAdmin, commune = t.communeId.coquimbo) =>
    call<MyComparison>(
      t,
      "query",
      "progress.myComparison",
      { coalitionId: ciar, group },
      asCommune(session, commune),
    );

  it("gives Coquimbo's admin its own results and CIAR's quartiles, no individual results", async () => {
    const result = await mine("coalition");
    expect(result.status).toBe(200);
    const c = result.data;
    expect(c.coalition).toMatchObject({ id: ciar, name: "CIAR Chile", shareResults: false });
    expect(c.groupSize).toBe(13);
    expect(c.own.map((o) => o.period)).toEqual(["2025-Q4", "2026-Q1"]);
    expect(c.peers).toBeNull();
    const index = c.peerStats.filter((s) => s.metric === "index");
    expect(index.map((s) => s.period)).toEqual(["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]);
    for (const s of index) expect(s.median).toEqual(expect.any(Number));
    expect(result.body).not.toMatch(/La Serena/);
  });

  it("suppresses the statistics of the Coquimbo region (La Serena and Coquimbo only)", async () => {
    const result = await mine("region");
    expect(result.status).toBe(200);
    expect(result.data.groupSize).toBe(2);
    expect(result.data.peerStats.length).toBeGreaterThan(0);
    for (const s of result.data.peerStats) {
      expect(s.n).toBeLessThan(3);
      expect(s).toMatchObject({ p25: null, median: null, p75: null });
    }
  });

  it("is for commune admins only, and for members of the coalition", async () => {
    const viewer = await mine("coalition", serenaViewer, t.communeId.laSerena);
    expect(viewer.status).toBe(403);
    expect(viewer.error?.data.appCode).toBe("permission.denied");
    const outsider = await call(
      t,
      "query",
      "progress.myComparison",
      { coalitionId: reci, group: "coalition" },
      asCommune(serenaAdmin, t.communeId.laSerena),
    );
    expect(outsider.status).toBe(403);
    expect(outsider.error?.data.appCode).toBe("coalitions.not_member");
  });

  it("compares an indicator with the peers' quartiles", async () => {
    const result = await call<{ own: Array<{ period: string; value: number }>; peerStats: StatRow[] }>(
      t,
      "query",
      "progress.myIndicatorComparison",
      { coalitionId: ciar, indicatorId: permitDays, group: "coalition" },
      asCommune(serenaAdmin, t.communeId.laSerena),
    );
    expect(result.status).toBe(200);
    expect(result.data.own.map((v) => v.value)).toEqual([124, 112, 101, 94]);
    expect(result.data.peerStats.map((s) => s.n)).toEqual([13, 13, 13, 13]);
    expect(result.data.peerStats.every((s) => s.median !== null)).toBe(true);
    const region = await call<{ peerStats: StatRow[] }>(
      t,
      "query",
      "progress.myIndicatorComparison",
      { coalitionId: ciar, indicatorId: permitDays, group: "region" },
      asCommune(serenaAdmin, t.communeId.laSerena),
    );
    expect(region.data.peerStats.every((s) => s.n === 2 && s.median === null)).toBe(true);
  });

  it("lists La Serena's validated results once CIAR shares them, never its draft", async () => {
    const shared = await call(
      t,
      "mutation",
      "coalitions.setSharing",
      { coalitionId: ciar, shareResults: true },
      as(ciarCoordinator),
    );
    expect(shared.status).toBe(200);
    const c = (await mine("coalition")).data;
    expect(c.coalition.shareResults).toBe(true);
    const serena = c.peers!.filter((p) => p.code === "04101");
    expect(serena.map((p) => p.period)).toEqual(["2025-Q4", "2026-Q1", "2026-Q2"]);
    expect(c.peers!.some((p) => p.code === "04102")).toBe(false);
    // Limited to the group: the Coquimbo region is La Serena only.
    const region = (await mine("region")).data;
    expect(new Set(region.peers!.map((p) => p.code))).toEqual(new Set(["04101"]));
  });
});

describe("hostile input", () => {
  const probes: Array<[string, unknown]> = [
    ["progress.overview", { coalitionId: "not-a-uuid" }],
    ["progress.overview", { coalitionId: "' or 1=1 --" }],
    ["progress.overview", { period: "2026-Q3" }],
    ["progress.overview", { coalitionId: "CIAR", period: "x".repeat(10_000) }],
    ["progress.overview", { coalitionId: "CIAR", group: "everyone" }],
    ["progress.overview", { coalitionId: "CIAR", group: "custom" }],
    [
      "progress.overview",
      { coalitionId: "CIAR", group: "custom", groupKey: "'; drop table peer_groups; --" },
    ],
    ["progress.overview", { coalitionId: "CIAR", group: "band", groupKey: "huge" }],
    ["progress.overview", { coalitionId: "CIAR", group: "region", groupKey: "x".repeat(10_000) }],
    ["progress.communeProfile", { coalitionId: "CIAR", communeId: "../../etc/passwd" }],
    ["progress.pairing", { coalitionId: "CIAR", communeId: { $ne: null } }],
    ["progress.indicatorTrend", { coalitionId: "CIAR", indicatorId: "x".repeat(10_000) }],
    ["progress.exportCsv", { coalitionId: "CIAR", table: "pg_shadow" }],
    ["progress.exportCsv", { coalitionId: "CIAR", table: "indicator", indicatorId: "nope" }],
    ["peerGroups.create", { coalitionId: "CIAR", name: "x".repeat(10_000), communeIds: [] }],
    ["peerGroups.create", { coalitionId: "CIAR", name: "Ok", communeIds: ["not-a-uuid"] }],
    [
      "peerGroups.create",
      {
        coalitionId: "CIAR",
        name: "Ok",
        communeIds: Array(401).fill("00000000-0000-4000-8000-000000000001"),
      },
    ],
    ["peerGroups.update", { coalitionId: "CIAR", groupId: "<script>" }],
    ["peerGroups.remove", { coalitionId: "CIAR", groupId: 42 }],
  ];

  it("answers 400 to malformed coordinator inputs, never 5xx nor SQL", async () => {
    for (const [path, raw] of probes) {
      const input = JSON.parse(JSON.stringify(raw).replaceAll('"CIAR"', JSON.stringify(ciar))) as unknown;
      const kind = path.startsWith("peerGroups.") && !path.endsWith(".list") ? "mutation" : "query";
      const result = await call(t, kind, path, input, as(ciarCoordinator));
      expect(result.status, `${path} ${JSON.stringify(input).slice(0, 120)}`).toBe(400);
      expect(result.body).not.toMatch(/select |insert into|drizzle|postgres|at .*\.ts:\d+|stack/i);
    }
  });

  it("answers 400 to malformed tenant inputs", async () => {
    for (const input of [
      null,
      { coalitionId: ciar, group: "everyone" },
      { coalitionId: ciar, group: "x".repeat(10_000) },
      { coalitionId: "not-a-uuid", group: "coalition" },
      { coalitionId: ciar, group: "00000000-0000-4000-8000-00000000000g" },
    ]) {
      for (const path of ["progress.myComparison", "progress.myIndicatorComparison"]) {
        const result = await call(t, "query", path, input, asCommune(serenaAdmin, t.communeId.laSerena));
        expect(result.status, `${path} ${JSON.stringify(input)?.slice(0, 80)}`).toBe(400);
      }
    }
    const badIndicator = await call(
      t,
      "query",
      "progress.myIndicatorComparison",
      { coalitionId: ciar, group: "coalition", indicatorId: "nope" },
      asCommune(serenaAdmin, t.communeId.laSerena),
    );
    expect(badIndicator.status).toBe(400);
  });
});

describe("catalogs for each side", () => {
  it("lists the coordinator's coalition indicators, and nothing of another coalition", async () => {
    const ciarList = await call<{ code: string }[]>(
      t,
      "query",
      "indicators.list",
      { coalitionId: ciar },
      { token: ciarCoordinator.token },
    );
    expect(ciarList.data).toHaveLength(16);
    expect(ciarList.data.map((i) => i.code)).toContain("dom_dias_permiso_edificacion");
    const reciList = await call<{ code: string }[]>(
      t,
      "query",
      "indicators.list",
      { coalitionId: reci },
      { token: reciCoordinator.token },
    );
    expect(reciList.data).toEqual([]);
  });

  it("shows a commune the custom groups it is in, and only those", async () => {
    const created = await call<{ id: string }>(
      t,
      "mutation",
      "peerGroups.create",
      {
        coalitionId: ciar,
        name: "Comunas puerto",
        communeIds: [cutToId.get("04102")!, cutToId.get("13119")!, cutToId.get("13114")!],
      },
      { token: ciarCoordinator.token },
    );
    expect(created.status).toBe(200);
    const coquimbo = await call<{ id: string; name: string }[]>(
      t,
      "query",
      "peerGroups.mine",
      { coalitionId: ciar },
      { token: coquimboAdmin.token, commune: cutToId.get("04102")! },
    );
    expect(coquimbo.data.map((g) => g.name)).toContain("Comunas puerto");
    const serena = await call<{ id: string }[]>(
      t,
      "query",
      "peerGroups.mine",
      { coalitionId: ciar },
      { token: serenaAdmin.token, commune: cutToId.get("04101")! },
    );
    expect(serena.data.map((g) => g.id)).not.toContain(created.data.id);
    await call(
      t,
      "mutation",
      "peerGroups.remove",
      { coalitionId: ciar, groupId: created.data.id },
      {
        token: ciarCoordinator.token,
      },
    );
  });
});
