import type Stripe from "stripe";
import type { CustomerInput } from "../port";
import { call, idempotencyKey, isMissing } from "./call";

/**
 * A RUT as Stripe's `cl_tin` expects it, "12.345.678-K": dots and dash added, K upper-case.
 * Anything that does not look like a RUT is passed on for Stripe to judge.
 */
function formatRut(rut: string): string {
  const clean = rut.replace(/[^0-9kK]/g, "").toUpperCase();
  const match = /^(\d{1,8})([0-9K])$/.exec(clean);
  if (!match) return rut.trim();
  const [, body = "", dv = ""] = match;
  return `${body.replace(/\B(?=(\d{3})+(?!\d))/g, ".")}-${dv}`;
}

export async function ensureCustomer(stripe: Stripe, input: CustomerInput): Promise<string> {
  const metadata = { ciar_commune_id: input.communeId };
  if (input.existingCustomerId) {
    const customerId = input.existingCustomerId;
    try {
      const updated = await call("update customer", () =>
        stripe.customers.update(customerId, { name: input.name, email: input.email, metadata }),
      );
      return updated.id;
    } catch (error) {
      // Deleted in Stripe, or stored from another account or mode: create a new one.
      if (!isMissing(error)) throw error;
    }
  }
  const params: Stripe.CustomerCreateParams = {
    name: input.name,
    email: input.email,
    metadata,
    preferred_locales: ["es-419", "es"],
    ...(input.taxId ? { tax_id_data: [{ type: "cl_tin", value: formatRut(input.taxId) }] } : {}),
  };
  const customer = await call("create customer", () =>
    stripe.customers.create(params, { idempotencyKey: idempotencyKey("customer", input.communeId, params) }),
  );
  return customer.id;
}
