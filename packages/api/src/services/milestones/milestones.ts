import type { Tx } from "@ciar/db/client";
import { roadmapMilestones } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { isOverdue, todayIn, type MilestoneStatus } from "@ciar/domain/progress/milestones";
import type { CreateMilestoneInput, UpdateMilestoneInput } from "@ciar/domain/schemas/milestones";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../actor";
import { diff, recordAudit } from "../audit/record-audit";
import { currentFramework } from "../frameworks/frameworks";

const milestoneColumns = {
  id: roadmapMilestones.id,
  title: roadmapMilestones.title,
  description: roadmapMilestones.description,
  dimensionCode: roadmapMilestones.dimensionCode,
  dueDate: roadmapMilestones.dueDate,
  status: roadmapMilestones.status,
  completedAt: roadmapMilestones.completedAt,
  isDemo: roadmapMilestones.isDemo,
  updatedAt: roadmapMilestones.updatedAt,
};

type MilestoneRow = {
  id: string;
  title: string;
  description: string;
  dimensionCode: string | null;
  dueDate: string;
  status: MilestoneStatus;
  completedAt: Date | null;
  isDemo: boolean;
  updatedAt: Date;
};

/** What the dashboard shows: the row and whether it is late, on Chile's calendar today. */
function publicMilestone(row: MilestoneRow, today: string) {
  return { ...row, overdue: isOverdue(row, today) };
}

/** The commune's roadmap, soonest due first. */
export async function listMilestones(tx: Tx, communeId: string) {
  const rows = await tx
    .select(milestoneColumns)
    .from(roadmapMilestones)
    .where(eq(roadmapMilestones.communeId, communeId))
    .orderBy(asc(roadmapMilestones.dueDate), asc(roadmapMilestones.id));
  const today = todayIn();
  return rows.map((row) => publicMilestone(row, today));
}

/**
 * A milestone names a dimension of the maturity framework new assessments use, or none.
 * An unknown code is reported on the field, translated like any other invalid input.
 */
async function checkDimension(tx: Tx, dimensionCode: string | null | undefined) {
  if (dimensionCode === null || dimensionCode === undefined) return;
  const framework = await currentFramework(tx);
  const codes = framework.definition.dimensions.map((d) => d.code);
  z.object({ dimensionCode: z.enum(codes as [string, ...string[]]) }).parse({ dimensionCode });
}

/** When the milestone was done: kept while it stays done, set when it becomes done, cleared otherwise. */
function completedAtFor(
  status: MilestoneStatus,
  before: { status: MilestoneStatus; completedAt: Date | null } | null,
) {
  if (status !== "done") return null;
  return before?.status === "done" && before.completedAt ? before.completedAt : new Date();
}

export async function createMilestone(tx: Tx, actor: Actor, input: CreateMilestoneInput) {
  await checkDimension(tx, input.dimensionCode);
  const [created] = await tx
    .insert(roadmapMilestones)
    .values({
      communeId: actor.communeId,
      title: input.title,
      description: input.description,
      dimensionCode: input.dimensionCode,
      dueDate: input.dueDate,
      status: input.status,
      completedAt: completedAtFor(input.status, null),
      createdBy: actor.userId,
      updatedBy: actor.userId,
    })
    .returning(milestoneColumns);
  const milestone = created!;
  await recordAudit(tx, actor, {
    action: "milestone.created",
    entityType: "roadmap_milestone",
    entityId: milestone.id,
    changes: {
      title: input.title,
      dimensionCode: input.dimensionCode,
      dueDate: input.dueDate,
      status: input.status,
    },
  });
  return publicMilestone(milestone, todayIn());
}

async function findOwnMilestone(tx: Tx, communeId: string, id: string) {
  const [row] = await tx
    .select(milestoneColumns)
    .from(roadmapMilestones)
    .where(and(eq(roadmapMilestones.communeId, communeId), eq(roadmapMilestones.id, id)))
    .for("update");
  if (!row) throw new AppError("milestones.not_found");
  return row;
}

export async function updateMilestone(tx: Tx, actor: Actor, input: UpdateMilestoneInput) {
  const before = await findOwnMilestone(tx, actor.communeId, input.id);
  await checkDimension(tx, input.dimensionCode);
  const fields = {
    title: input.title,
    description: input.description,
    dimensionCode: input.dimensionCode,
    dueDate: input.dueDate,
    status: input.status,
  };
  const changes = diff(before, fields);
  if (Object.keys(changes).length === 0) return publicMilestone(before, todayIn());
  const status = input.status ?? before.status;
  const [updated] = await tx
    .update(roadmapMilestones)
    .set({
      ...fields,
      completedAt: completedAtFor(status, before),
      updatedBy: actor.userId,
      updatedAt: new Date(),
    })
    .where(and(eq(roadmapMilestones.communeId, actor.communeId), eq(roadmapMilestones.id, before.id)))
    .returning(milestoneColumns);
  await recordAudit(tx, actor, {
    action: "milestone.updated",
    entityType: "roadmap_milestone",
    entityId: before.id,
    changes,
  });
  return publicMilestone(updated!, todayIn());
}

export async function removeMilestone(tx: Tx, actor: Actor, id: string) {
  const [removed] = await tx
    .delete(roadmapMilestones)
    .where(and(eq(roadmapMilestones.communeId, actor.communeId), eq(roadmapMilestones.id, id)))
    .returning({ title: roadmapMilestones.title, status: roadmapMilestones.status });
  if (!removed) throw new AppError("milestones.not_found");
  await recordAudit(tx, actor, {
    action: "milestone.removed",
    entityType: "roadmap_milestone",
    entityId: id,
    changes: { title: { from: removed.title, to: null }, status: { from: removed.status, to: null } },
  });
  return { removed: true as const };
}
