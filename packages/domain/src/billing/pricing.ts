/**
 * CLP pricing arithmetic, pure: what the purchase-order invoices and the dashboard compute.
 * Plan prices are net of IVA, in integer pesos (the peso has no minor unit in use, and Stripe
 * treats CLP as zero-decimal). The one place for this rule: the API, the demo seed and the
 * dashboard use it.
 */

/** Chile's IVA (Impuesto al Valor Agregado), 19 % since 2003 (DL 825, art. 14). */
const IVA_PERCENT = 19;

export interface IvaBreakdown {
  net: number;
  iva: number;
  /** net + iva: the invoice total. */
  gross: number;
}

function assertClp(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer CLP amount: ${value}`);
  }
}

/**
 * Net → net + IVA, in whole pesos, the tax rounded half up (0.5 goes up), computed in integers so
 * that floating point never decides: 290 000 → IVA 55 100 → 345 100; 50 → 9.5 → 10.
 */
export function withIva(netClp: number): IvaBreakdown {
  assertClp("netClp", netClp);
  const iva = Math.floor((netClp * IVA_PERCENT + 50) / 100);
  return { net: netClp, iva, gross: netClp + iva };
}

/** Units used beyond the plan's monthly quota (0 within it). */
export function unitsOverQuota(usedUnits: number, includedUnits: number): number {
  return Math.max(0, usedUnits - includedUnits);
}

export interface OverageInput {
  /** Units the plan includes per month. */
  includedUnits: number;
  /** Units used in the month. */
  usedUnits: number;
  overageUnitPriceClp: number;
}

export interface OverageCharge {
  /** Units over the quota (0 when within it). */
  overUnits: number;
  /** Net CLP for them. */
  amountClp: number;
}

/** What the units over the included quota cost, net of IVA. */
export function overageCharge({
  includedUnits,
  usedUnits,
  overageUnitPriceClp,
}: OverageInput): OverageCharge {
  assertClp("includedUnits", includedUnits);
  assertClp("usedUnits", usedUnits);
  assertClp("overageUnitPriceClp", overageUnitPriceClp);
  const overUnits = unitsOverQuota(usedUnits, includedUnits);
  const amountClp = overUnits * overageUnitPriceClp;
  if (!Number.isSafeInteger(amountClp)) throw new RangeError(`Overage amount too large: ${amountClp}`);
  return { overUnits, amountClp };
}
