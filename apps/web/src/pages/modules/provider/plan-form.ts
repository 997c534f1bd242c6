import type { PLAN_INTERVALS, QUOTA_POLICIES } from "@ciar/domain/schemas/modules";
import type { ProviderPlan } from "./module-form";

/** A plan as the form holds it: amounts as typed, parsed on submit. */
export interface PlanForm {
  name: string;
  interval: (typeof PLAN_INTERVALS)[number];
  priceClp: string;
  includedUnits: string;
  overageUnitPriceClp: string;
  quotaPolicy: (typeof QUOTA_POLICIES)[number];
}

const NUMBER_FIELDS = ["priceClp", "includedUnits", "overageUnitPriceClp"] as const;

export function emptyPlanForm(): PlanForm {
  return {
    name: "",
    interval: "month",
    priceClp: "",
    includedUnits: "",
    overageUnitPriceClp: "0",
    quotaPolicy: "block",
  };
}

export function planFormFrom(plan: ProviderPlan): PlanForm {
  return {
    name: plan.name,
    interval: plan.interval,
    priceClp: String(plan.priceClp),
    includedUnits: String(plan.includedUnits),
    overageUnitPriceClp: String(plan.overageUnitPriceClp),
    quotaPolicy: plan.quotaPolicy,
  };
}

/**
 * A whole number of pesos or units as a person in Chile writes it: "290000", "290.000",
 * "$ 290.000" (the dot groups thousands; pesos have no decimals). Undefined when empty, NaN when
 * it is not a whole number ("290,5", "-3", "abc"), so the schema rejects it.
 */
export function parseWhole(text: string): number | undefined {
  const compact = text.replace(/[\s$]/g, "");
  if (compact === "") return undefined;
  if (!/^\d{1,3}(\.\d{3})*$|^\d+$/.test(compact)) return Number.NaN;
  return Number(compact.replace(/\./g, ""));
}

/** The amount if it is a valid non-negative whole number, for live previews. */
export function wholeOrNull(text: string): number | null {
  const value = parseWhole(text);
  return value !== undefined && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/** The plan's fields as the API's schema expects them, and which amounts are empty or malformed. */
export function planValues(form: PlanForm) {
  const values = {
    name: form.name,
    interval: form.interval,
    priceClp: parseWhole(form.priceClp),
    includedUnits: parseWhole(form.includedUnits),
    overageUnitPriceClp: parseWhole(form.overageUnitPriceClp),
    quotaPolicy: form.quotaPolicy,
  };
  const empty = NUMBER_FIELDS.filter((key) => values[key] === undefined);
  const malformed = NUMBER_FIELDS.filter((key) => Number.isNaN(values[key]));
  return { values, empty, malformed };
}

type PlanTerms = Omit<ProviderPlan, "id" | "status" | "createdAt">;

/**
 * What an update sends: only what changed. Renaming alone is allowed on a plan with subscribers;
 * its price, interval and quota are not (the API answers plans.in_use).
 */
export function changedPlanFields(plan: ProviderPlan, next: PlanTerms): Partial<PlanTerms> {
  const changed: Partial<PlanTerms> = {};
  for (const key of Object.keys(next) as Array<keyof PlanTerms>) {
    if (next[key] !== plan[key]) Object.assign(changed, { [key]: next[key] });
  }
  return changed;
}
