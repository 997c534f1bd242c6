import type { BillingProvider } from "@ciar/billing/port";
import { isBillingError } from "@ciar/billing/errors";
import { AppError } from "@ciar/domain/errors";

/** A Stripe call that failed becomes a clear, retryable answer (and the transaction rolls back). */
export async function callStripe<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isBillingError(error) && error.code === "billing.unavailable")
      throw new AppError("billing.stripe_unavailable");
    if (isBillingError(error)) throw new AppError("billing.provider_failed");
    throw error;
  }
}

export function requireStripe(billing: BillingProvider | undefined): BillingProvider {
  if (!billing || billing.mode !== "stripe") throw new AppError("billing.stripe_unavailable");
  return billing;
}
