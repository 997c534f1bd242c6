import { createHash } from "node:crypto";
import Stripe from "stripe";
import { BillingProviderError } from "../errors";

/**
 * A deterministic idempotency key for a create: the same request (same scope, our id and
 * parameters) sent again within Stripe's 24 h window returns the first result instead of a
 * duplicate, and a different request never collides with it (Stripe refuses a reused key with
 * other parameters).
 */
export function idempotencyKey(scope: string, ref: string, params: unknown): string {
  const digest = createHash("sha256").update(JSON.stringify(params)).digest("hex").slice(0, 32);
  return `ciar-${scope}-${ref}-${digest}`.slice(0, 255);
}

/** Runs one Stripe request, turning Stripe's errors into BillingProviderError. */
export async function call<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) {
      throw new BillingProviderError(`Stripe request failed (${what}): ${error.message}`, {
        stripeCode: error.code,
        statusCode: error.statusCode,
        requestId: error.requestId,
        cause: error,
      });
    }
    throw error;
  }
}

/** Stripe answered that the object does not exist (deleted, or another account or mode). */
export function isMissing(error: unknown): boolean {
  return (
    error instanceof BillingProviderError &&
    (error.statusCode === 404 || error.stripeCode === "resource_missing")
  );
}

/** The id of an expandable field (a string, or the expanded object). */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value == null) return null;
  return typeof value === "string" ? value : value.id;
}

export function fromUnix(seconds: number | null | undefined): Date | null {
  return typeof seconds === "number" ? new Date(seconds * 1000) : null;
}
