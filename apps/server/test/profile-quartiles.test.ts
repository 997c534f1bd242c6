import { MIN_AGGREGATE_SIZE } from "@ciar/domain/progress/stats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import frameworkV1 from "../../../packages/db/data/maturity-framework-v1.json" with { type: "json" };
import { coalitionIdOf } from "./support/progress-fixtures";
import { call, createTestApp, signIn, type Session, type TestApp } from "./support/test-app";

/**
 * The coordinator's profile of a commune shows the coalition's quartiles of a period only from
 * MIN_AGGREGATE_SIZE (3) counted assessments: the seeded periods all have more, so this test
 * opens a new one (2026-Q4) and has communes submit one at a time.
 */
let t: TestApp;
let coordinator: Session;
let ciarId: string;
const PERIOD = "2026-Q4";
const CODES = frameworkV1.dimensions.flatMap((d) => d.questions.map((q) => q.code));

interface GroupStat {
  period: string;
  n: number;
  p25: number | null;
  median: number | null;
  p75: number | null;
}

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signIn(t, "coordinacion@ciar.example");
  ciarId = await coalitionIdOf(t, "ciar-chile");
});
afterAll(() => t?.close());

/** A commune's admin answers every question at `level` and submits its 2026-Q4 assessment. */
async function submit(email: string, communeId: string, level: number) {
  const admin = await signIn(t, email);
  const as = { token: admin.token, commune: communeId };
  const started = await call<{ assessment: { id: string } }>(
    t,
    "mutation",
    "assessments.start",
    { period: PERIOD },
    as,
  );
  expect(started.status, started.body).toBe(200);
  const id = started.data.assessment.id;
  const current = await call<{ assessment: { version: number } }>(t, "query", "assessments.get", { id }, as);
  const saved = await call<{ version: number }>(
    t,
    "mutation",
    "assessments.saveAnswers",
    {
      id,
      expectedVersion: current.data.assessment.version,
      answers: CODES.map((questionCode) => ({ questionCode, level, evidence: "Acta del concejo." })),
    },
    as,
  );
  expect(saved.status, saved.body).toBe(200);
  const submitted = await call(
    t,
    "mutation",
    "assessments.submit",
    { id, expectedVersion: saved.data.version },
    as,
  );
  expect(submitted.status, submitted.body).toBe(200);
}

async function statsOf(period: string): Promise<GroupStat | undefined> {
  const profile = await call<{ groupStats: GroupStat[] }>(
    t,
    "query",
    "progress.communeProfile",
    { coalitionId: ciarId, communeId: t.communeId.laSerena },
    { token: coordinator.token },
  );
  expect(profile.status, profile.body).toBe(200);
  return profile.data.groupStats.find((s) => s.period === period);
}

describe("the coalition's quartiles in a commune's profile", () => {
  it("are withheld under 3 counted assessments and shown from 3", async () => {
    expect(MIN_AGGREGATE_SIZE).toBe(3);
    await submit("admin@laserena.example", t.communeId.laSerena, 2);
    await submit("admin@coquimbo.example", t.communeId.coquimbo, 3);
    expect(await statsOf(PERIOD)).toMatchObject({ n: 2, p25: null, median: null, p75: null });

    await submit("admin@maipu.example", t.communeId.maipu, 4);
    const three = await statsOf(PERIOD);
    expect(three?.n).toBe(3);
    expect(three?.p25).not.toBeNull();
    expect(three!.p25!).toBeLessThan(three!.median!);
    expect(three!.median!).toBeLessThan(three!.p75!);
  });
});
