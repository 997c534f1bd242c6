import { auditLog } from "@ciar/db/schema";
import { applySettings } from "@ciar/db/tenant-transaction";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import frameworkV1 from "../../../packages/db/data/maturity-framework-v1.json" with { type: "json" };
import { assessmentOf, coalitionIdOf, communeIdOf } from "./support/progress-fixtures";
import { call, createTestApp, signIn, type Session, type TestApp } from "./support/test-app";

/**
 * The self-assessment workflow through the API: La Serena submits 2026-Q3, the CIAR coordinator
 * returns it with a comment, La Serena fixes and resubmits, the coordinator validates.
 */
let t: TestApp;
let admin: Session;
let editor: Session;
let viewer: Session;
let coordinator: Session;
let platform: Session;
let ciarId: string;
let draftId: string;

interface Assessment {
  id: string;
  status: string;
  version: number;
  maturityIndex: number | null;
  scores: Record<string, number> | null;
  reviewComment: string | null;
  questionComments: Record<string, string>;
}
interface Detail {
  assessment: Assessment;
  answers: { questionCode: string; level: number | null }[];
  events: { action: string; comment: string | null }[];
}

const asSerena = (s: Session) => ({ token: s.token, commune: t.communeId.laSerena });
const asCoordinator = () => ({ token: coordinator.token });

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, "admin@laserena.example");
  editor = await signIn(t, "editor@laserena.example");
  viewer = await signIn(t, "viewer@laserena.example");
  coordinator = await signIn(t, "coordinacion@ciar.example");
  platform = await signIn(t, "plataforma@ciar.example");
  ciarId = await coalitionIdOf(t, "ciar-chile");
  draftId = (await assessmentOf(t, "04101", "2026-Q3")).id;
});
afterAll(() => t?.close());

async function detail(id = draftId) {
  const result = await call<Detail>(t, "query", "assessments.get", { id }, asSerena(admin));
  expect(result.status).toBe(200);
  return result.data;
}

async function serenaAudit(action: string) {
  return t.db.owner.db.transaction(async (tx) => {
    await applySettings(tx, { communeId: t.communeId.laSerena });
    return tx
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.communeId, t.communeId.laSerena), eq(auditLog.action, action)));
  });
}

describe("the 2026-Q3 walkthrough", () => {
  it("only an admin submits; editors save drafts; viewers read", async () => {
    const start = await detail();
    expect(start.assessment.status).toBe("draft");
    expect(start.answers.filter((a) => a.level !== null)).toHaveLength(27);

    const byEditor = await call(
      t,
      "mutation",
      "assessments.submit",
      { id: draftId, expectedVersion: start.assessment.version },
      asSerena(editor),
    );
    expect(byEditor.error?.data.appCode).toBe("permission.denied");
    const byViewer = await call(
      t,
      "mutation",
      "assessments.saveAnswers",
      {
        id: draftId,
        expectedVersion: start.assessment.version,
        answers: [{ questionCode: "EG1", level: 2 }],
      },
      asSerena(viewer),
    );
    expect(byViewer.error?.data.appCode).toBe("permission.denied");
    const viewed = await call<Assessment[]>(t, "query", "assessments.list", undefined, asSerena(viewer));
    expect(viewed.data.map((a) => a.id)).toContain(draftId);
  });

  it("submits, is returned with comments, is fixed, resubmitted and validated", async () => {
    const before = await detail();
    const submitted = await call<Assessment>(
      t,
      "mutation",
      "assessments.submit",
      { id: draftId, expectedVersion: before.assessment.version },
      asSerena(admin),
    );
    expect(submitted.status).toBe(200);
    expect(submitted.data.status).toBe("submitted");
    expect(submitted.data.maturityIndex).toBeGreaterThanOrEqual(0);
    expect(Object.keys(submitted.data.scores ?? {})).toHaveLength(6);
    expect(await serenaAudit("assessment.submitted")).toHaveLength(1);

    // A submitted assessment no longer changes.
    const late = await call(
      t,
      "mutation",
      "assessments.saveAnswers",
      { id: draftId, expectedVersion: submitted.data.version, answers: [{ questionCode: "EG1", level: 1 }] },
      asSerena(admin),
    );
    expect(late.error?.data.appCode).toBe("assessments.not_editable");

    const queue = await call<{ id: string; communeName: string }[]>(
      t,
      "query",
      "assessmentReview.list",
      { coalitionId: ciarId, status: "submitted" },
      asCoordinator(),
    );
    expect(queue.data.map((a) => a.id)).toContain(draftId);

    const returned = await call<Assessment>(
      t,
      "mutation",
      "assessmentReview.return",
      {
        coalitionId: ciarId,
        assessmentId: draftId,
        comment: "Falta la evidencia del decreto.",
        questionComments: { EG1: "Adjunte el decreto alcaldicio." },
      },
      asCoordinator(),
    );
    expect(returned.status).toBe(200);
    expect(returned.data.status).toBe("returned");
    expect(await serenaAudit("assessment.returned")).toHaveLength(1);

    const seen = await detail();
    expect(seen.assessment.status).toBe("returned");
    expect(seen.assessment.reviewComment).toBe("Falta la evidencia del decreto.");
    expect(seen.assessment.questionComments).toEqual({ EG1: "Adjunte el decreto alcaldicio." });

    // A second tab saving from an older version is told, not overwritten.
    const stale = await call(
      t,
      "mutation",
      "assessments.saveAnswers",
      {
        id: draftId,
        expectedVersion: seen.assessment.version - 1,
        answers: [{ questionCode: "EG1", level: 5 }],
      },
      asSerena(admin),
    );
    expect(stale.error?.data.appCode).toBe("assessments.version_conflict");
    const fixed = await call<{ version: number; score: { index: number | null } }>(
      t,
      "mutation",
      "assessments.saveAnswers",
      {
        id: draftId,
        expectedVersion: seen.assessment.version,
        answers: [
          {
            questionCode: "EG1",
            level: 5,
            evidence: "Decreto alcaldicio 1234/2026",
            evidenceLinks: ["https://www.laserena.cl/decreto-1234"],
          },
        ],
      },
      asSerena(editor),
    );
    expect(fixed.status).toBe(200);
    expect(fixed.data.version).toBe(seen.assessment.version + 1);

    const resubmitted = await call<Assessment>(
      t,
      "mutation",
      "assessments.submit",
      { id: draftId, expectedVersion: fixed.data.version },
      asSerena(admin),
    );
    expect(resubmitted.data.status).toBe("submitted");
    expect(resubmitted.data.maturityIndex).toBe(fixed.data.score.index);
    expect(await serenaAudit("assessment.resubmitted")).toHaveLength(1);

    const validated = await call<Assessment>(
      t,
      "mutation",
      "assessmentReview.validate",
      { coalitionId: ciarId, assessmentId: draftId, comment: "Gracias." },
      asCoordinator(),
    );
    expect(validated.data.status).toBe("validated");
    expect(validated.data.maturityIndex).toBe(resubmitted.data.maturityIndex);

    const history = await detail();
    expect(history.events.map((e) => e.action)).toEqual([
      "created",
      "submitted",
      "returned",
      "submitted",
      "validated",
    ]);
    const again = await call(
      t,
      "mutation",
      "assessmentReview.validate",
      { coalitionId: ciarId, assessmentId: draftId },
      asCoordinator(),
    );
    expect(again.error?.data.appCode).toBe("assessments.invalid_transition");
  });
});

describe("starting and filling an assessment", () => {
  it("starts a quarter once, copying the previous answers by default", async () => {
    const started = await call<{ assessment: Assessment; copiedAnswers: number }>(
      t,
      "mutation",
      "assessments.start",
      { period: "2026-Q4" },
      asSerena(admin),
    );
    expect(started.status).toBe(200);
    expect(started.data.copiedAnswers).toBe(27);
    const twice = await call(t, "mutation", "assessments.start", { period: "2026-Q4" }, asSerena(admin));
    expect(twice.error?.data.appCode).toBe("assessments.period_exists");
  });

  it("refuses to submit an incomplete assessment and names nothing it does not know", async () => {
    const coquimbo = await signIn(t, "admin@coquimbo.example");
    const asCoquimbo = { token: coquimbo.token, commune: t.communeId.coquimbo };
    const started = await call<{ assessment: Assessment; copiedAnswers: number }>(
      t,
      "mutation",
      "assessments.start",
      { period: "2025-Q3", copyPrevious: false },
      asCoquimbo,
    );
    expect(started.data.copiedAnswers).toBe(0);
    const { id, version } = started.data.assessment;
    const incomplete = await call(
      t,
      "mutation",
      "assessments.submit",
      { id, expectedVersion: version },
      asCoquimbo,
    );
    expect(incomplete.error?.data.appCode).toBe("assessments.incomplete");
    const unknown = await call(
      t,
      "mutation",
      "assessments.saveAnswers",
      { id, expectedVersion: version, answers: [{ questionCode: "ZZ9", level: 3 }] },
      asCoquimbo,
    );
    expect(unknown.error?.data.appCode).toBe("assessments.unknown_question");
  });

  it("explains a malformed period and level in Spanish and in English", async () => {
    for (const locale of ["es", "en"] as const) {
      const result = await call(
        t,
        "mutation",
        "assessments.start",
        { period: "2026-T3" },
        { ...asSerena(admin), locale },
      );
      expect(result.status).toBe(400);
      expect(Object.keys(result.error?.data.fieldErrors ?? {})).toEqual(["period"]);
      expect(result.error?.message).toMatch(locale === "es" ? /datos|inválid|revisa/i : /invalid|check/i);
    }
    const level = await call(
      t,
      "mutation",
      "assessments.saveAnswers",
      { id: draftId, expectedVersion: 1, answers: [{ questionCode: "EG1", level: 7 }] },
      asSerena(admin),
    );
    expect(level.status).toBe(400);
    expect(Object.keys(level.error?.data.fieldErrors ?? {})).toEqual(["answers.0.level"]);
  });
});

describe("framework versions", () => {
  it("lets a platform admin publish a new version, never rewrite a used one", async () => {
    const current = await call<{ version: number }>(
      t,
      "query",
      "frameworks.current",
      undefined,
      asCoordinator(),
    );
    expect(current.data.version).toBe(1);
    const same = await call(
      t,
      "mutation",
      "frameworks.createVersion",
      { definition: frameworkV1 },
      { token: platform.token },
    );
    expect(same.error?.data.appCode).toBe("frameworks.version_exists");
    const broken = await call(
      t,
      "mutation",
      "frameworks.createVersion",
      { definition: { ...frameworkV1, version: 2, dimensions: [] } },
      { token: platform.token },
    );
    expect(broken.status).toBe(400);
    const next = await call<{ version: number }>(
      t,
      "mutation",
      "frameworks.createVersion",
      { definition: { ...frameworkV1, version: 2 } },
      { token: platform.token },
    );
    expect(next.data.version).toBe(2);
    const after = await call<{ version: number }>(
      t,
      "query",
      "frameworks.current",
      undefined,
      asCoordinator(),
    );
    expect(after.data.version).toBe(2);
  });
});

describe("coalition administration", () => {
  it("creates a coalition, adds a member commune and a coordinator, who then reads it", async () => {
    const created = await call<{ id: string }>(
      t,
      "mutation",
      "coalitions.create",
      { slug: "red-norte", name: "Red Norte (prueba)", description: "Comunas del norte" },
      { token: platform.token },
    );
    expect(created.status).toBe(200);
    const coalitionId = created.data.id;
    const taken = await call(
      t,
      "mutation",
      "coalitions.create",
      { slug: "red-norte", name: "Otra" },
      { token: platform.token },
    );
    expect(taken.error?.data.appCode).toBe("coalitions.slug_taken");

    const member = await call<{ added: boolean }>(
      t,
      "mutation",
      "coalitions.addMember",
      { coalitionId, communeCode: "04101" },
      { token: platform.token },
    );
    expect(member.data.added).toBe(true);
    expect((await serenaAudit("coalition.member_added")).map((e) => e.entityId)).toContain(coalitionId);
    const unknown = await call(
      t,
      "mutation",
      "coalitions.addMember",
      { coalitionId, communeCode: "99999" },
      { token: platform.token },
    );
    expect(unknown.error?.data.appCode).toBe("communes.not_found");

    const notYet = await call(t, "query", "coalitions.get", { coalitionId }, { token: admin.token });
    expect(notYet.error?.data.appCode).toBe("coalitions.forbidden");
    const added = await call(
      t,
      "mutation",
      "coalitions.addCoordinator",
      { coalitionId, email: "ADMIN@laserena.example" },
      { token: platform.token },
    );
    expect(added.status).toBe(200);
    const fresh = await signIn(t, "admin@laserena.example");
    const read = await call<{ members: { code: string }[] }>(
      t,
      "query",
      "coalitions.get",
      { coalitionId },
      { token: fresh.token },
    );
    expect(read.data.members.map((m) => m.code)).toEqual(["04101"]);
    const me = await call<{ coordinates: { slug: string }[] }>(t, "query", "auth.me", undefined, {
      token: fresh.token,
    });
    expect(me.data.coordinates.map((c) => c.slug)).toContain("red-norte");

    const detail = await call<{ coordinators: { email: string }[] }>(
      t,
      "query",
      "coalitions.detail",
      { coalitionId },
      { token: platform.token },
    );
    expect(detail.data.coordinators.map((c) => c.email)).toEqual(["admin@laserena.example"]);
    const adminId = await t.userId("admin@laserena.example");
    await call(
      t,
      "mutation",
      "coalitions.removeCoordinator",
      { coalitionId, userId: adminId },
      { token: platform.token },
    );
    const gone = await call(t, "query", "coalitions.get", { coalitionId }, { token: fresh.token });
    expect(gone.error?.data.appCode).toBe("coalitions.forbidden");
  });

  it("records a change of sharing in every member commune's audit log", async () => {
    const shared = await call<{ shareResults: boolean }>(
      t,
      "mutation",
      "coalitions.setSharing",
      { coalitionId: ciarId, shareResults: true },
      asCoordinator(),
    );
    expect(shared.data.shareResults).toBe(true);
    expect(await serenaAudit("coalition.sharing_changed")).toHaveLength(1);
    const coquimboId = await communeIdOf(t, "04102");
    const mine = await call<{ slug: string; shareResults: boolean }[]>(
      t,
      "query",
      "coalitions.mine",
      undefined,
      { token: (await signIn(t, "admin@coquimbo.example")).token, commune: coquimboId },
    );
    expect(mine.data.find((c) => c.slug === "ciar-chile")?.shareResults).toBe(true);
    await call(
      t,
      "mutation",
      "coalitions.setSharing",
      { coalitionId: ciarId, shareResults: false },
      asCoordinator(),
    );
  });
});
