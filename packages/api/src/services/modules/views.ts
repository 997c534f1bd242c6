import { modulePlans } from "@ciar/db/schema";

/** Timestamps leave the API as ISO 8601 strings (no transformer: the client sees strings). */
export function iso(value: Date | string): string;
export function iso(value: Date | string | null): string | null;
export function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return (typeof value === "string" ? new Date(value) : value).toISOString();
}

/** What a plan offers, as the catalog and the subscriber see it. */
export const planColumns = {
  id: modulePlans.id,
  name: modulePlans.name,
  interval: modulePlans.interval,
  priceClp: modulePlans.priceClp,
  includedUnits: modulePlans.includedUnits,
  overageUnitPriceClp: modulePlans.overageUnitPriceClp,
  quotaPolicy: modulePlans.quotaPolicy,
};

/** Subscription statuses that count as "uses the module". */
export const LIVE_STATUSES = ["active", "trialing", "past_due"] as const;

/**
 * A unique violation on `constraint`, however the driver wraps it. Another commune's draft is
 * invisible (RLS), so only the index knows that its slug is taken.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (
    let e = error as
        { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown } | undefined,
      depth = 0;
    e && depth < 4;
    depth++
  ) {
    if (e.code === "23505" && (e.constraint_name ?? e.constraint) === constraint) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** The last `count` calendar months up to `last` (YYYY-MM), oldest first. */
export function monthsUpTo(last: string, count: number): string[] {
  const [year, month] = last.split("-").map(Number) as [number, number];
  const result: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const index = year * 12 + (month - 1) - i;
    result.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`);
  }
  return result;
}
