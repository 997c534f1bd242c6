import { z } from "zod";
import { isValidRut, normaliseRut } from "../billing/rut";
import { zEmail, zUuid } from "./common";

const text = (max: number) => z.string().trim().max(max);

/**
 * A custom issue with its message in both languages: the API's field errors show `params.i18n`
 * in the caller's language (zod's own catalogue only has a generic "invalid input" for these).
 */
export function localisedIssue(es: string, en: string) {
  return { code: "custom" as const, message: en, params: { i18n: { es, en } } };
}

// Modules: what a provider commune offers.

/** Lower-case letters, digits and dashes, 2–60 characters: the module's address in the gateway. */
export const zModuleSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,59}$/);

/** The provider's service, called only by the gateway. */
export const zUpstreamUrl = z.url({ protocol: /^https?$/ }).max(500);

export const MODULE_DOCUMENTATION_MAX = 20_000;

const moduleFields = {
  /** One of the provider commune's use cases: the module is its running service. */
  useCaseId: zUuid,
  slug: zModuleSlug,
  name: text(200).min(3),
  description: text(1000).min(10),
  /** Markdown, shown on the module's page. */
  documentation: text(MODULE_DOCUMENTATION_MAX).default(""),
  /** What one billed call is, e.g. "expediente revisado". */
  usageUnit: text(80).min(2),
};

export const zCreateModuleInput = z.object({ ...moduleFields, upstreamUrl: zUpstreamUrl });
export type CreateModuleInput = z.infer<typeof zCreateModuleInput>;

/** Only the fields sent change; the slug only while the module is a draft. */
export const zUpdateModuleInput = z.object({
  id: zUuid,
  useCaseId: moduleFields.useCaseId.optional(),
  slug: moduleFields.slug.optional(),
  name: moduleFields.name.optional(),
  description: moduleFields.description.optional(),
  documentation: text(MODULE_DOCUMENTATION_MAX).optional(),
  usageUnit: moduleFields.usageUnit.optional(),
});
export type UpdateModuleInput = z.infer<typeof zUpdateModuleInput>;

export const zModuleIdInput = z.object({ id: zUuid });
export const zSetUpstreamInput = z.object({ id: zUuid, upstreamUrl: zUpstreamUrl });

export const PLAN_INTERVALS = ["month", "year"] as const;
export const QUOTA_POLICIES = ["overage", "block"] as const;

/** Integer pesos (net of IVA): CLP has no minor unit. */
const zClp = z.number().int().min(0).max(1_000_000_000);
const zUnits = z.number().int().min(0).max(1_000_000_000);

const planFields = {
  name: text(120).min(2),
  interval: z.enum(PLAN_INTERVALS),
  /** Flat price per interval, net of IVA. */
  priceClp: zClp,
  /** Usage units included per calendar month. */
  includedUnits: zUnits,
  /** Net price of each unit over the included quota. */
  overageUnitPriceClp: zClp.default(0),
  /** Over the quota: bill each extra unit, or refuse the call (429). */
  quotaPolicy: z.enum(QUOTA_POLICIES).default("block"),
};

export const zAddPlanInput = z.object({ moduleId: zUuid, ...planFields });
export type AddPlanInput = z.infer<typeof zAddPlanInput>;

/** Only the fields sent change. Price, interval and quota only while nobody subscribes to the plan. */
export const zUpdatePlanInput = z.object({
  id: zUuid,
  name: planFields.name.optional(),
  interval: planFields.interval.optional(),
  priceClp: zClp.optional(),
  includedUnits: zUnits.optional(),
  overageUnitPriceClp: zClp.optional(),
  quotaPolicy: z.enum(QUOTA_POLICIES).optional(),
});
export type UpdatePlanInput = z.infer<typeof zUpdatePlanInput>;

export const zPlanIdInput = z.object({ id: zUuid });

export const zModuleSubscribersInput = z.object({ moduleId: zUuid });

export const zProviderReportInput = z
  .object({ moduleId: zUuid.optional(), months: z.number().int().min(1).max(36).default(12) })
  .default({ months: 12 });

// The catalog (any signed-in user).

export const zModuleCatalogInput = z
  .object({
    query: text(100).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(100).default(25),
  })
  .default({ limit: 25 });

export const zModuleSlugInput = z.object({ slug: zModuleSlug });

// Subscriptions (the subscriber's side).

/**
 * Mercado Público purchase orders look like "1234-56-SE26" (buyer unit, sequence, type and
 * year). Checked loosely: 3–40 letters, digits and dashes, stored upper-case.
 */
export const zPurchaseOrderNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,38}[A-Z0-9]$/);

/** A Chilean RUT with a valid check digit, with or without dots; stored as "12345678-5". */
export const zRut = z
  .string()
  .trim()
  .max(20)
  .superRefine((value, ctx) => {
    if (!isValidRut(value)) {
      ctx.addIssue(
        localisedIssue(
          "RUT inválido: revisa el número y el dígito verificador (por ejemplo 12.345.678-5).",
          "Invalid RUT: check the number and the check digit (for example 12.345.678-5).",
        ),
      );
    }
  })
  .transform((value) => (isValidRut(value) ? normaliseRut(value) : value));

/** The invoice details a Chilean municipality needs: RUT, razón social, address, e-mail. */
export const zBillingDetails = z.object({
  rut: zRut,
  name: text(200).min(2),
  address: text(300).min(5),
  email: zEmail,
});
export type BillingDetails = z.infer<typeof zBillingDetails>;

export const zSubscribePurchaseOrderInput = z.object({
  moduleId: zUuid,
  planId: zUuid,
  purchaseOrderNumber: zPurchaseOrderNumber,
  billing: zBillingDetails,
});
export type SubscribePurchaseOrderInput = z.infer<typeof zSubscribePurchaseOrderInput>;

export const zSubscriptionIdInput = z.object({ id: zUuid });

export const zSubscriptionUsageInput = z.object({
  subscriptionId: zUuid,
  months: z.number().int().min(1).max(24).default(6),
});

export const zSubscriptionInvoicesInput = z.object({ subscriptionId: zUuid.optional() }).default({});

// Platform administration.

export const zActivateSubscriptionInput = z.object({ subscriptionId: zUuid });
/** The next period's purchase order for an active purchase-order subscription. */
export const zRequestRenewalInput = z.object({
  subscriptionId: zUuid,
  purchaseOrderNumber: zPurchaseOrderNumber,
});
export type RequestRenewalInput = z.infer<typeof zRequestRenewalInput>;
export const zEndSubscriptionInput = z.object({ subscriptionId: zUuid });

/** A calendar month, YYYY-MM, from 2020 on. */
export const zMonth = z.string().regex(/^20[2-9]\d-(0[1-9]|1[0-2])$/);
export const zCloseMonthInput = z.object({ month: zMonth });

// API keys for the module gateway.

export const zCreateApiKeyInput = z.object({
  name: text(120).min(2),
  /** Published modules the key may call (the gateway also checks the subscription per call). */
  moduleIds: z
    .array(zUuid)
    .min(1)
    .max(50)
    .transform((ids) => [...new Set(ids)]),
});
export type CreateApiKeyInput = z.infer<typeof zCreateApiKeyInput>;

export const zApiKeyIdInput = z.object({ id: zUuid });

// Platform administration: the active purchase orders, a page at a time.

export const zActivePurchaseOrdersInput = z
  .object({
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(100).default(25),
  })
  .default({ limit: 25 });
