import type { Tx } from "@ciar/db/client";
import { coalitionMembers, indicators, indicatorValues } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import { and, eq } from "drizzle-orm";

/** What the dashboard shows of an indicator (catalogue and coordinator's editor alike). */
export const indicatorColumns = {
  id: indicators.id,
  coalitionId: indicators.coalitionId,
  code: indicators.code,
  nameEs: indicators.nameEs,
  nameEn: indicators.nameEn,
  unit: indicators.unit,
  direction: indicators.direction,
  definitionEs: indicators.definitionEs,
  definitionEn: indicators.definitionEn,
  referenceValue: indicators.referenceValue,
  referenceNote: indicators.referenceNote,
  sourceUrl: indicators.sourceUrl,
};

/** One reported value, without who recorded it (the audit log keeps that). */
export const valueColumns = {
  indicatorId: indicatorValues.indicatorId,
  period: indicatorValues.period,
  value: indicatorValues.value,
  source: indicatorValues.source,
  sourceUrl: indicatorValues.sourceUrl,
  note: indicatorValues.note,
  isDemo: indicatorValues.isDemo,
  updatedAt: indicatorValues.updatedAt,
};

/**
 * An indicator of a coalition the commune belongs to. Indicators are readable by everyone, so the
 * membership is what keeps a commune from reporting to (or reading as its own) another network's
 * indicator: any other id, existing or not, gets the same "indicators.not_found".
 */
export async function findMemberIndicator(tx: Tx, communeId: string, indicatorId: string) {
  const [row] = await tx
    .select(indicatorColumns)
    .from(indicators)
    .innerJoin(
      coalitionMembers,
      and(
        eq(coalitionMembers.coalitionId, indicators.coalitionId),
        eq(coalitionMembers.communeId, communeId),
      ),
    )
    .where(eq(indicators.id, indicatorId));
  if (!row) throw new AppError("indicators.not_found");
  return row;
}
