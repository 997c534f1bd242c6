import type { Tx } from "@ciar/db/client";
import { coalitionMembers, indicators, indicatorValues } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { zIndicatorValue } from "@ciar/domain/progress/indicators";
import { comparePeriods, periodOf } from "@ciar/domain/progress/periods";
import type { DefineIndicatorInput, RecordIndicatorValueInput } from "@ciar/domain/schemas/indicators";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../actor";
import { diff, recordAudit } from "../audit/record-audit";
import { findMemberIndicator, indicatorColumns, valueColumns } from "./indicator-rows";

/**
 * Records (or corrects) the commune's value of an indicator for a quarter that has started.
 * The value's range depends on the indicator's unit: a percentage is refused outside 0–100 with
 * the same per-field message as any invalid input.
 */
export async function recordIndicatorValue(
  tx: Tx,
  actor: Actor,
  input: RecordIndicatorValueInput,
  now: Date = new Date(),
) {
  const indicator = await findMemberIndicator(tx, actor.communeId, input.indicatorId);
  if (comparePeriods(input.period, periodOf(now)) > 0) throw new AppError("indicators.future_period");
  // Throws a ZodError on `value`: the API answers input.invalid with fieldErrors.value.
  z.object({ value: zIndicatorValue(indicator.unit) }).parse({ value: input.value });

  const [before] = await tx
    .select(valueColumns)
    .from(indicatorValues)
    .where(
      and(
        eq(indicatorValues.communeId, actor.communeId),
        eq(indicatorValues.indicatorId, indicator.id),
        eq(indicatorValues.period, input.period),
      ),
    )
    .for("update");
  const after = {
    value: input.value,
    source: input.source,
    sourceUrl: input.sourceUrl ?? null,
    note: input.note,
  };
  const [saved] = await tx
    .insert(indicatorValues)
    .values({
      communeId: actor.communeId,
      indicatorId: indicator.id,
      period: input.period,
      ...after,
      isDemo: false,
      recordedBy: actor.userId,
    })
    .onConflictDoUpdate({
      target: [indicatorValues.communeId, indicatorValues.indicatorId, indicatorValues.period],
      set: { ...after, isDemo: false, recordedBy: actor.userId, updatedAt: sql`now()` },
    })
    .returning(valueColumns);
  await recordAudit(tx, actor, {
    action: "indicator_value.recorded",
    entityType: "indicator_value",
    entityId: indicator.id,
    changes: {
      indicatorCode: indicator.code,
      period: input.period,
      ...(before ? diff(before, after) : {}),
      value: { from: before?.value ?? null, to: input.value },
    },
  });
  return saved!;
}

/** Removes the commune's value of an indicator for a quarter; "indicators.not_found" if there is none. */
export async function removeIndicatorValue(
  tx: Tx,
  actor: Actor,
  input: { indicatorId: string; period: string },
) {
  const [removed] = await tx
    .delete(indicatorValues)
    .where(
      and(
        eq(indicatorValues.communeId, actor.communeId),
        eq(indicatorValues.indicatorId, input.indicatorId),
        eq(indicatorValues.period, input.period),
      ),
    )
    .returning({ value: indicatorValues.value, source: indicatorValues.source });
  if (!removed) throw new AppError("indicators.not_found");
  const [indicator] = await tx
    .select({ code: indicators.code })
    .from(indicators)
    .where(eq(indicators.id, input.indicatorId));
  await recordAudit(tx, actor, {
    action: "indicator_value.removed",
    entityType: "indicator_value",
    entityId: input.indicatorId,
    changes: {
      indicatorCode: indicator?.code ?? null,
      period: input.period,
      value: { from: removed.value, to: null },
    },
  });
  return { removed: true as const };
}

export interface Coordinator {
  userId: string;
  coalitionId: string;
  requestId: string;
}

/**
 * A coordinator creates the coalition's indicator with this code, or updates it. Omitted optional
 * fields keep their value (null and "" on creation). The change is written to the audit log of
 * every member commune, since it changes what they report.
 */
export async function defineIndicator(tx: Tx, coordinator: Coordinator, input: DefineIndicatorInput) {
  const [before] = await tx
    .select(indicatorColumns)
    .from(indicators)
    .where(and(eq(indicators.coalitionId, coordinator.coalitionId), eq(indicators.code, input.code)))
    .for("update");
  const fields = {
    nameEs: input.nameEs,
    nameEn: input.nameEn,
    unit: input.unit,
    direction: input.direction,
    definitionEs: input.definitionEs,
    definitionEn: input.definitionEn,
    ...(input.referenceValue !== undefined ? { referenceValue: input.referenceValue } : {}),
    ...(input.referenceNote !== undefined ? { referenceNote: input.referenceNote } : {}),
    ...(input.sourceUrl !== undefined ? { sourceUrl: input.sourceUrl } : {}),
  };
  let saved;
  if (before) {
    [saved] = await tx
      .update(indicators)
      .set({ ...fields, updatedAt: new Date() })
      .where(and(eq(indicators.coalitionId, coordinator.coalitionId), eq(indicators.id, before.id)))
      .returning(indicatorColumns);
  } else {
    [saved] = await tx
      .insert(indicators)
      .values({ coalitionId: coordinator.coalitionId, code: input.code, ...fields })
      // A concurrent definition of the same code: the last one wins instead of failing.
      .onConflictDoUpdate({
        target: [indicators.coalitionId, indicators.code],
        set: { ...fields, updatedAt: new Date() },
      })
      .returning(indicatorColumns);
  }
  const indicator = saved!;
  const changes = before ? diff(before, fields) : { code: input.code, ...fields };
  if (Object.keys(changes).length > 0) {
    const members = await tx
      .select({ communeId: coalitionMembers.communeId })
      .from(coalitionMembers)
      .where(eq(coalitionMembers.coalitionId, coordinator.coalitionId));
    for (const { communeId } of members) {
      await recordAudit(
        tx,
        { userId: coordinator.userId, communeId, requestId: coordinator.requestId },
        {
          action: before ? "indicator.updated" : "indicator.created",
          entityType: "indicator",
          entityId: indicator.id,
          changes,
        },
      );
    }
  }
  return indicator;
}
