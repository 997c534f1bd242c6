import { scoreAssessment } from "@ciar/domain/progress/scoring";
import { periodDates } from "@ciar/domain/progress/periods";
import type { FrameworkDefinition } from "@ciar/domain/progress/framework";
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../client";
import {
  coalitionCoordinators,
  coalitionMembers,
  coalitions,
  communes,
  indicators,
  indicatorValues,
  maturityFrameworks,
  roadmapMilestones,
  selfAssessmentAnswers,
  selfAssessmentEvents,
  selfAssessments,
} from "../schema/index";
import { applySettings } from "../tenant-transaction";
import { DEMO_COMMUNES, DEMO_COALITIONS, DEMO_PROGRESS_PERIODS } from "./demo-data";

type Status = "draft" | "submitted" | "returned" | "validated";

/**
 * Each demo commune's four quarters, oldest first. La Serena's 2026-Q3 is a complete draft so that
 * the walkthrough (submit, return, fix, validate) starts from it; the others show every state.
 */
const STORIES: Record<string, [Status, Status, Status, Status]> = {
  "04101": ["validated", "validated", "validated", "draft"],
  "04102": ["validated", "validated", "returned", "draft"],
  "13114": ["validated", "validated", "validated", "submitted"],
  "13103": ["validated", "returned", "validated", "draft"],
  "13122": ["validated", "validated", "submitted", "submitted"],
};
const DEFAULT_STORY: [Status, Status, Status, Status] = ["validated", "validated", "validated", "validated"];

/** Deterministic pseudo-random number in [0, 1) from a string (FNV-1a): same seed, same demo. */
export function demoNoise(key: string): number {
  let hash = 0x811c9dc5;
  for (const char of key) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 0x1_0000_0000;
}

/**
 * Invented maturity levels for a demo commune: a base per commune, a profile per dimension, and
 * slow progress quarter after quarter. Also used by the benchmark to fill 346 communes.
 */
export function demoLevels(
  framework: Pick<FrameworkDefinition, "dimensions">,
  communeKey: string,
  periodIndex: number,
): Record<string, number> {
  const base = 1.4 + demoNoise(communeKey) * 1.8;
  const levels: Record<string, number> = {};
  for (const dimension of framework.dimensions) {
    const profile = (demoNoise(`${communeKey}:${dimension.code}`) - 0.5) * 1.6;
    for (const question of dimension.questions) {
      const noise = demoNoise(`${communeKey}:${question.code}:${periodIndex}`) - 0.5;
      const raw = base + profile + periodIndex * 0.25 + noise;
      levels[question.code] = Math.min(5, Math.max(1, Math.round(raw)));
    }
  }
  return levels;
}

/** Indicator series of the demo (invented, flagged is_demo). La Serena's permit days fall towards the 30-day term. */
function demoIndicatorValue(code: string, cut: string, periodIndex: number): number | null {
  const noise = demoNoise(`${cut}:${code}`);
  switch (code) {
    case "dom_dias_permiso_edificacion":
      if (cut === "04101") return [124, 112, 101, 94][periodIndex] ?? null;
      return Math.round(95 + noise * 70 - periodIndex * 4);
    case "oirs_dias_respuesta":
      return Math.round((8 + noise * 14 - periodIndex * 0.8) * 10) / 10;
    case "tramites_en_linea_pct":
      return Math.min(100, Math.round(25 + noise * 45 + periodIndex * 4));
    case "ia_casos_produccion":
      return Math.floor(noise * 3) + Math.floor(periodIndex / 2);
    case "funcionarios_capacitados_ia_pct":
      return Math.min(100, Math.round(noise * 20 + periodIndex * 5));
    default:
      return null;
  }
}

const MILESTONES: Record<string, Array<{ title: string; dimension: string; due: string; status: string }>> = {
  "04101": [
    {
      title: "Aprobar por decreto la hoja de ruta municipal de IA (ejemplo)",
      dimension: "estrategia-gobernanza",
      due: "2026-06-30",
      status: "done",
    },
    {
      title: "Inventario de datos de la DOM y de la OIRS (ejemplo)",
      dimension: "datos",
      due: "2026-10-31",
      status: "in_progress",
    },
    {
      title: "Capacitar a 40 funcionarios en IA generativa (ejemplo)",
      dimension: "talento-capacidades",
      due: "2027-03-31",
      status: "planned",
    },
  ],
};
const DEFAULT_MILESTONES = [
  {
    title: "Designar por decreto un encargado de datos e IA (ejemplo)",
    dimension: "estrategia-gobernanza",
    due: "2026-08-31",
    status: "done",
  },
  {
    title: "Publicar los sistemas de decisión automatizada en transparencia activa (ejemplo)",
    dimension: "etica-transparencia-participacion",
    due: "2027-01-31",
    status: "planned",
  },
];

const EXAMPLE = "Ejemplo de demostración: datos inventados, no de la municipalidad.";

/**
 * Coalitions, coordinators and four quarters of progress for the demo communes. Every row is
 * written the way the product writes it, through the policies: the commune drafts and submits
 * (app.commune_id set), the coordinator returns or validates (app.user_id set, no commune).
 */
export async function seedDemoProgress(
  tx: Tx,
  communeIdByCut: Map<string, string>,
  adminIdByCut: (cut: string) => string | undefined,
  coordinatorIdsBySlug: Map<string, string[]>,
): Promise<{ assessments: number; indicatorValues: number }> {
  // Coalitions (CIAR Chile exists from migration 0006) and their members.
  const coalitionIdBySlug = new Map<string, string>();
  for (const coalition of DEMO_COALITIONS) {
    const [existing] = await tx
      .select({ id: coalitions.id })
      .from(coalitions)
      .where(eq(coalitions.slug, coalition.slug));
    const id =
      existing?.id ??
      (
        await tx
          .insert(coalitions)
          .values({
            slug: coalition.slug,
            name: coalition.name,
            country: coalition.country,
            description: coalition.description,
            sourceUrl: coalition.sourceUrl,
            isDemo: true,
          })
          .returning({ id: coalitions.id })
      )[0]!.id;
    coalitionIdBySlug.set(coalition.slug, id);
    // Members need not have activated the platform (Independencia, in RECI, has not).
    const memberRows = await tx
      .select({ id: communes.id })
      .from(communes)
      .where(and(eq(communes.country, "CL"), inArray(communes.code, [...coalition.memberCuts])));
    if (memberRows.length !== coalition.memberCuts.length)
      throw new Error(`Unknown member of ${coalition.slug}`);
    const members = memberRows.map((c) => ({ coalitionId: id, communeId: c.id }));
    await tx.insert(coalitionMembers).values(members).onConflictDoNothing();
    const coordinators = (coordinatorIdsBySlug.get(coalition.slug) ?? []).map((userId) => ({
      coalitionId: id,
      userId,
    }));
    if (coordinators.length > 0)
      await tx.insert(coalitionCoordinators).values(coordinators).onConflictDoNothing();
  }

  const [framework] = await tx
    .select()
    .from(maturityFrameworks)
    .where(and(eq(maturityFrameworks.code, "ciar-madurez-ia"), eq(maturityFrameworks.version, 1)));
  if (!framework) throw new Error("Maturity framework v1 missing: were the migrations applied?");
  const ciarId = coalitionIdBySlug.get("ciar-chile")!;
  const reviewer = coordinatorIdsBySlug.get("ciar-chile")?.[0];
  if (!reviewer) throw new Error("The demo needs a CIAR Chile coordinator.");
  const ciarIndicators = await tx.select().from(indicators).where(eq(indicators.coalitionId, ciarId));

  let assessmentCount = 0;
  let valueCount = 0;
  for (const { cut } of DEMO_COMMUNES) {
    const communeId = communeIdByCut.get(cut)!;
    const adminId = adminIdByCut(cut);
    const story = STORIES[cut] ?? DEFAULT_STORY;
    for (const [periodIndex, period] of DEMO_PROGRESS_PERIODS.entries()) {
      const target = story[periodIndex]!;
      const levels = demoLevels(framework.definition, cut, periodIndex);
      const { end } = periodDates(period);
      const submittedAt = new Date(`${end}T15:00:00Z`);
      submittedAt.setUTCDate(submittedAt.getUTCDate() + 10);
      const reviewedAt = new Date(submittedAt.getTime() + 5 * 86_400_000);

      await applySettings(tx, { communeId, userId: adminId ?? null });
      const [assessment] = await tx
        .insert(selfAssessments)
        .values({ communeId, frameworkId: framework.id, period, isDemo: true, createdBy: adminId ?? null })
        .returning({ id: selfAssessments.id });
      const assessmentId = assessment!.id;
      await tx.insert(selfAssessmentAnswers).values(
        Object.entries(levels).map(([questionCode, level]) => ({
          communeId,
          assessmentId,
          questionCode,
          level,
          evidence: level >= 3 ? EXAMPLE : "",
          updatedBy: adminId ?? null,
        })),
      );
      await tx
        .insert(selfAssessmentEvents)
        .values({ communeId, assessmentId, action: "created", actorUserId: adminId ?? null });
      if (target === "draft") {
        assessmentCount++;
        continue;
      }
      const score = scoreAssessment(framework.definition, levels);
      const scores = Object.fromEntries(score.dimensions.map((d) => [d.code, d.score ?? 0]));
      await tx
        .update(selfAssessments)
        .set({
          status: "submitted",
          scores,
          maturityIndex: score.index,
          submittedAt,
          submittedBy: adminId ?? null,
          version: 2,
        })
        .where(and(eq(selfAssessments.communeId, communeId), eq(selfAssessments.id, assessmentId)));
      await tx.insert(selfAssessmentEvents).values({
        communeId,
        assessmentId,
        action: "submitted",
        actorUserId: adminId ?? null,
        maturityIndex: score.index,
        createdAt: submittedAt,
      });
      if (target === "returned" || target === "validated") {
        await applySettings(tx, { communeId: null, userId: reviewer });
        const comment =
          target === "returned"
            ? "Falta evidencia de la aprobación formal de la hoja de ruta (ejemplo de demostración)."
            : null;
        const questionComments: Record<string, string> =
          target === "returned"
            ? { EG1: "Adjunte el decreto alcaldicio o el acta del concejo (ejemplo)." }
            : {};
        await tx
          .update(selfAssessments)
          .set({ status: target, reviewComment: comment, questionComments, reviewedAt, reviewedBy: reviewer })
          .where(and(eq(selfAssessments.communeId, communeId), eq(selfAssessments.id, assessmentId)));
        await tx.insert(selfAssessmentEvents).values({
          communeId,
          assessmentId,
          action: target,
          actorUserId: reviewer,
          comment,
          questionComments,
          maturityIndex: score.index,
          createdAt: reviewedAt,
        });
      }
      assessmentCount++;
    }

    await applySettings(tx, { communeId, userId: adminId ?? null });
    const values = DEMO_PROGRESS_PERIODS.flatMap((period, periodIndex) =>
      ciarIndicators.flatMap((indicator) => {
        const value = demoIndicatorValue(indicator.code, cut, periodIndex);
        return value === null
          ? []
          : [
              {
                communeId,
                indicatorId: indicator.id,
                period,
                value,
                source: EXAMPLE,
                isDemo: true,
                recordedBy: adminId ?? null,
              },
            ];
      }),
    );
    if (values.length > 0) await tx.insert(indicatorValues).values(values);
    valueCount += values.length;

    await tx.insert(roadmapMilestones).values(
      (MILESTONES[cut] ?? DEFAULT_MILESTONES).map((m) => ({
        communeId,
        title: m.title,
        dimensionCode: m.dimension,
        dueDate: m.due,
        status: m.status as "planned" | "in_progress" | "done" | "cancelled",
        completedAt: m.status === "done" ? new Date(`${m.due}T12:00:00Z`) : null,
        isDemo: true,
        createdBy: adminId ?? null,
      })),
    );
  }
  await applySettings(tx, { communeId: null, userId: null });
  return { assessments: assessmentCount, indicatorValues: valueCount };
}
