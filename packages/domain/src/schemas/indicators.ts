import { z } from "zod";
import { INDICATOR_DIRECTIONS } from "../progress/indicators";
import { zPeriod } from "../progress/periods";
import { zUuid } from "./common";

const text = (max: number) => z.string().trim().max(max);
const zHttpUrl = z.url({ protocol: /^https?$/ }).max(500);

/** Same pattern as the database check and as a KPI's indicatorCode. */
export const zIndicatorCode = z.string().regex(/^[a-z0-9_]{2,64}$/);

/** The active commune's values (all indicators, or one) and the KPIs that roll up to them. */
export const zIndicatorValuesInput = z.object({ indicatorId: zUuid.optional() });

/**
 * One quarter's value of an indicator. The range that depends on the indicator (0–100 for a
 * percentage, see zIndicatorValue) and the "not in the future" rule are checked by the API once
 * it has read the indicator and the clock.
 */
export const zRecordIndicatorValueInput = z.object({
  indicatorId: zUuid,
  period: zPeriod,
  value: z.number().min(0),
  source: text(300).min(2),
  sourceUrl: zHttpUrl.nullable().optional(),
  note: text(1000).default(""),
});
export type RecordIndicatorValueInput = z.infer<typeof zRecordIndicatorValueInput>;

export const zRemoveIndicatorValueInput = z.object({ indicatorId: zUuid, period: zPeriod });

/** A coordinator creates an indicator of their coalition, or updates the one with that code. */
export const zDefineIndicatorInput = z.object({
  coalitionId: zUuid,
  code: zIndicatorCode,
  nameEs: text(200).min(2),
  nameEn: text(200).min(2),
  unit: text(40).min(1),
  direction: z.enum(INDICATOR_DIRECTIONS),
  definitionEs: text(4000).min(2),
  definitionEn: text(4000).min(2),
  /** Omitted: unchanged (null on creation); null clears it. */
  referenceValue: z.number().nullable().optional(),
  referenceNote: text(1000).optional(),
  sourceUrl: zHttpUrl.nullable().optional(),
});
export type DefineIndicatorInput = z.infer<typeof zDefineIndicatorInput>;
