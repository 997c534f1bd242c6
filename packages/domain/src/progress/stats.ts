/**
 * Aggregates shown when communes are compared. They are computed in SQL (percentile_cont) for
 * large groups and here for small ones and for tests, so `quantile` reproduces PostgreSQL's
 * arithmetic exactly and the two never disagree by a rounding.
 */

/**
 * No aggregate is shown over fewer than 3 communes, so that no single commune's result can be
 * read out of it: with two, the median and the other commune's own score give away the rest.
 */
export const MIN_AGGREGATE_SIZE = 3;

/**
 * The q-quantile of ascending values by linear interpolation, exactly as PostgreSQL's
 * `percentile_cont(q) WITHIN GROUP (ORDER BY v)` computes it (orderedsetaggs.c): with n values,
 * position p = q × (n − 1); lo = floor(p), hi = ceil(p); the result is v[lo] when lo = hi, and
 * otherwise v[lo] + (p − lo) × (v[hi] − v[lo]), in that order of floating-point operations.
 * Where PostgreSQL returns NULL (no rows) or errors (q outside 0..1), this throws RangeError.
 */
export function quantile(sortedValues: readonly number[], q: number): number {
  const n = sortedValues.length;
  if (n === 0) throw new RangeError("No values");
  if (!(q >= 0 && q <= 1)) throw new RangeError(`Quantile must be between 0 and 1, got ${q}`);
  for (let i = 0; i < n; i++) {
    const value = sortedValues[i] as number;
    if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
    if (i > 0 && value < (sortedValues[i - 1] as number))
      throw new RangeError("Values are not sorted ascending");
  }
  const position = q * (n - 1);
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  const low = sortedValues[lo] as number;
  if (hi === lo) return low;
  const high = sortedValues[hi] as number;
  return low + (position - lo) * (high - low);
}

export type Summary =
  | { suppressed: false; n: number; p25: number; median: number; p75: number; min: number; max: number }
  | { suppressed: true; n: number };

/** Quartiles and range of a group, or only its size when the group is too small to show. */
export function summarize(values: readonly number[]): Summary {
  const n = values.length;
  if (n < MIN_AGGREGATE_SIZE) return { suppressed: true, n };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    suppressed: false,
    n,
    p25: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    p75: quantile(sorted, 0.75),
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
  };
}
