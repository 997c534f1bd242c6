import { z } from "zod";

/**
 * Shared indicators every commune reports each quarter (e.g. days to decide a building
 * permit). The direction says which way is better, so charts and "improved" badges do not
 * need to know each indicator.
 */
export const INDICATOR_DIRECTIONS = ["lower_is_better", "higher_is_better"] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

/** Strictly better: an unchanged value is not an improvement. */
export function isImprovement(direction: IndicatorDirection, from: number, to: number): boolean {
  return direction === "lower_is_better" ? to < from : to > from;
}

/** The unit of percentages in the indicator catalogue (packages/db/data/indicators.csv). */
export const PERCENT_UNIT = "%";

/**
 * Schema of one reported value, given the indicator's unit: a finite number, and a percentage
 * between 0 and 100. Built from the standard zod checks so that the API and the dashboard
 * translate the messages like those of any other field.
 */
export function zIndicatorValue(unit: string): z.ZodNumber {
  const value = z.number();
  return unit.trim() === PERCENT_UNIT ? value.min(0).max(100) : value;
}
