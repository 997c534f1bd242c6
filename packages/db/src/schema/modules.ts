import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { communes } from "./communes";
import { createdAt, id, updatedAt } from "./columns";
import { currentCommune, isPlatformAdmin, setting } from "./rls";
import { useCases } from "./use-cases";
import { users } from "./users";

/**
 * A shared AI module: a running service a commune built (from one of its use cases) and offers
 * to the others. Published modules are public (the module catalog); drafts and retired ones
 * stay with their provider. The upstream URL lives apart, in module_upstreams, so that reading
 * the catalog never reveals where to call the service around the gateway.
 */
export const modules = pgTable(
  "modules",
  {
    id: id().primaryKey(),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    useCaseId: uuid("use_case_id").notNull(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    documentation: text("documentation").notNull().default(""),
    status: text("status", { enum: ["draft", "published", "retired"] })
      .notNull()
      .default("draft"),
    /** What one billed call is, e.g. "documento revisado". */
    usageUnit: text("usage_unit").notNull(),
    /** The demo's example service, labelled as such in the product. */
    isExample: boolean("is_example").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("modules_slug_key").on(t.slug),
    index("modules_commune_idx").on(t.communeId),
    foreignKey({
      name: "modules_use_case_fk",
      columns: [t.communeId, t.useCaseId],
      foreignColumns: [useCases.communeId, useCases.id],
    }),
    check("modules_slug_format", sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]{1,59}$'`),
    check("modules_status_valid", sql`${t.status} in ('draft', 'published', 'retired')`),
    pgPolicy("modules_read", {
      for: "select",
      using: sql`${t.status} = 'published' or ${t.communeId} = ${currentCommune} or ${isPlatformAdmin}`,
    }),
    pgPolicy("modules_provider_write", {
      for: "all",
      using: sql`${t.communeId} = ${currentCommune}`,
      withCheck: sql`${t.communeId} = ${currentCommune}`,
    }),
  ],
);

/**
 * Where the gateway forwards a module's calls. Readable by the provider, and by the gateway for
 * exactly one request: the caller presents an API key (app.api_key_hash) that is live, scoped to
 * this module, and belongs to a commune subscribed to it.
 */
export const moduleUpstreams = pgTable(
  "module_upstreams",
  {
    moduleId: uuid("module_id")
      .primaryKey()
      .references(() => modules.id, { onDelete: "cascade" }),
    communeId: uuid("commune_id").notNull(),
    upstreamUrl: text("upstream_url").notNull(),
    /**
     * HMAC-SHA256 key of the gateway's x-ciar-signature (migration 0017): the module's service
     * checks with it that a call came through the gateway. Shown to the provider once.
     */
    signingSecret: text("signing_secret")
      .notNull()
      .default(sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("module_upstreams_url_http", sql`${t.upstreamUrl} ~ '^https?://'`),
    pgPolicy("module_upstreams_provider", {
      for: "all",
      using: sql`${t.communeId} = ${currentCommune}`,
      withCheck: sql`${t.communeId} = ${currentCommune}`,
    }),
    pgPolicy("module_upstreams_gateway_read", {
      for: "select",
      using: sql`exists (select 1 from api_keys k where k.token_hash = ${setting("app.api_key_hash")}
        and k.revoked_at is null and ${t.moduleId} = any(k.module_ids))`,
    }),
  ],
);

/**
 * A module's plans: a flat price per month or year in integer CLP (zero-decimal in Stripe too),
 * an included monthly quota of usage units, the price per unit over it, and what happens when the
 * quota is used up (bill the overage, or refuse with 429).
 */
export const modulePlans = pgTable(
  "module_plans",
  {
    id: id().primaryKey(),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id, { onDelete: "cascade" }),
    communeId: uuid("commune_id").notNull(),
    name: text("name").notNull(),
    interval: text("interval", { enum: ["month", "year"] }).notNull(),
    priceClp: integer("price_clp").notNull(),
    includedUnits: integer("included_units").notNull(),
    overageUnitPriceClp: integer("overage_unit_price_clp").notNull().default(0),
    quotaPolicy: text("quota_policy", { enum: ["overage", "block"] })
      .notNull()
      .default("block"),
    stripePriceId: text("stripe_price_id"),
    stripeMeteredPriceId: text("stripe_metered_price_id"),
    status: text("status", { enum: ["active", "archived"] })
      .notNull()
      .default("active"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("module_plans_module_idx").on(t.moduleId),
    check("module_plans_interval_valid", sql`${t.interval} in ('month', 'year')`),
    check(
      "module_plans_amounts",
      sql`${t.priceClp} >= 0 and ${t.includedUnits} >= 0 and ${t.overageUnitPriceClp} >= 0`,
    ),
    check("module_plans_quota_policy_valid", sql`${t.quotaPolicy} in ('overage', 'block')`),
    check("module_plans_status_valid", sql`${t.status} in ('active', 'archived')`),
    pgPolicy("module_plans_read", {
      for: "select",
      using: sql`exists (select 1 from modules m where m.id = ${t.moduleId})`,
    }),
    pgPolicy("module_plans_provider_write", {
      for: "all",
      using: sql`${t.communeId} = ${currentCommune}`,
      withCheck: sql`${t.communeId} = ${currentCommune}`,
    }),
  ],
);

/**
 * A commune's subscription to a module: by Stripe (Checkout or invoice) or by purchase order.
 * Tenant data of the subscriber. The provider reads who subscribes to its modules; platform
 * admins read them all and activate purchase orders; Stripe's webhook reaches the one named by
 * app.stripe_subscription_id or app.stripe_checkout_session_id. Who may change the status is
 * held by a trigger (migration 0012).
 */
export const subscriptions = pgTable(
  "subscriptions",
  {
    id: id(),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id),
    planId: uuid("plan_id")
      .notNull()
      .references(() => modulePlans.id),
    /** The module's provider, repeated so that its policy needs no join. */
    providerCommuneId: uuid("provider_commune_id").notNull(),
    method: text("method", { enum: ["stripe_checkout", "stripe_invoice", "purchase_order"] }).notNull(),
    status: text("status", {
      enum: ["pending", "incomplete", "active", "trialing", "past_due", "canceled"],
    }).notNull(),
    purchaseOrderNumber: text("purchase_order_number"),
    /**
     * The next period's order, given by the subscriber before (or after) the current one ends;
     * a platform admin activates it, which extends the period and makes it the order in force.
     */
    renewalPurchaseOrderNumber: text("renewal_purchase_order_number"),
    renewalRequestedAt: timestamp("renewal_requested_at", { withTimezone: true }),
    renewalRequestedBy: uuid("renewal_requested_by").references(() => users.id),
    /** Invoice details, as Chilean municipalities need them (RUT, razón social, address, e-mail). */
    billing: jsonb("billing").$type<{ rut: string; name: string; address: string; email: string }>(),
    stripeCustomerId: text("stripe_customer_id"),
    stripeSubscriptionId: text("stripe_subscription_id"),
    stripeCheckoutSessionId: text("stripe_checkout_session_id"),
    currentPeriodStart: timestamp("current_period_start", { withTimezone: true }),
    currentPeriodEnd: timestamp("current_period_end", { withTimezone: true }),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    pastDueSince: timestamp("past_due_since", { withTimezone: true }),
    canceledAt: timestamp("canceled_at", { withTimezone: true }),
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    activatedBy: uuid("activated_by").references(() => users.id),
    /** Stripe's time of the state last applied: an older event never overwrites a newer state. */
    stripeStateAt: timestamp("stripe_state_at", { withTimezone: true }),
    isDemo: boolean("is_demo").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.id] }),
    unique("subscriptions_id_key").on(t.id),
    uniqueIndex("subscriptions_stripe_subscription_key").on(t.stripeSubscriptionId),
    uniqueIndex("subscriptions_stripe_checkout_key").on(t.stripeCheckoutSessionId),
    // One live subscription per commune and module.
    uniqueIndex("subscriptions_live_key")
      .on(t.communeId, t.moduleId)
      .where(sql`status <> 'canceled'`),
    index("subscriptions_module_idx").on(t.moduleId),
    index("subscriptions_pending_idx")
      .on(t.status)
      .where(sql`status = 'pending'`),
    check(
      "subscriptions_method_valid",
      sql`${t.method} in ('stripe_checkout', 'stripe_invoice', 'purchase_order')`,
    ),
    check(
      "subscriptions_status_valid",
      sql`${t.status} in ('pending', 'incomplete', 'active', 'trialing', 'past_due', 'canceled')`,
    ),
    check(
      "subscriptions_purchase_order_number",
      sql`${t.method} <> 'purchase_order' or ${t.purchaseOrderNumber} is not null`,
    ),
    pgPolicy("subscriptions_own", {
      for: "all",
      using: sql`${t.communeId} = ${currentCommune}`,
      withCheck: sql`${t.communeId} = ${currentCommune}`,
    }),
    pgPolicy("subscriptions_provider_read", {
      for: "select",
      using: sql`${t.providerCommuneId} = ${currentCommune}`,
    }),
    pgPolicy("subscriptions_platform", {
      for: "all",
      using: isPlatformAdmin,
      withCheck: isPlatformAdmin,
    }),
    pgPolicy("subscriptions_stripe", {
      for: "all",
      using: sql`${t.stripeSubscriptionId} = ${setting("app.stripe_subscription_id")}
        or ${t.stripeCheckoutSessionId} = ${setting("app.stripe_checkout_session_id")}`,
      withCheck: sql`${t.stripeSubscriptionId} = ${setting("app.stripe_subscription_id")}
        or ${t.stripeCheckoutSessionId} = ${setting("app.stripe_checkout_session_id")}`,
    }),
    pgPolicy("subscriptions_gateway_read", {
      for: "select",
      using: sql`exists (select 1 from api_keys k where k.token_hash = ${setting("app.api_key_hash")}
        and k.revoked_at is null and k.commune_id = ${t.communeId} and ${t.moduleId} = any(k.module_ids))`,
    }),
  ],
);

/** Every Stripe event, stored once by its id: a redelivery finds it and changes nothing. */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    stripeCreatedAt: timestamp("stripe_created_at", { withTimezone: true }).notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [
    pgPolicy("stripe_events_webhook", {
      for: "all",
      using: sql`${t.id} = ${setting("app.stripe_event_id")}`,
      withCheck: sql`${t.id} = ${setting("app.stripe_event_id")}`,
    }),
    pgPolicy("stripe_events_platform_read", { for: "select", using: isPlatformAdmin }),
  ],
);

/**
 * A commune's API keys for the module gateway: shown once, stored as a SHA-256 hash, with a
 * visible prefix to recognise them, scoped to modules, revocable.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    moduleIds: uuid("module_ids").array().notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.id] }),
    unique("api_keys_id_key").on(t.id),
    uniqueIndex("api_keys_token_hash_key").on(t.tokenHash),
    uniqueIndex("api_keys_prefix_key").on(t.prefix),
    check("api_keys_scoped", sql`cardinality(${t.moduleIds}) between 1 and 50`),
    pgPolicy("api_keys_own", {
      for: "all",
      using: sql`${t.communeId} = ${currentCommune}`,
      withCheck: sql`${t.communeId} = ${currentCommune}`,
    }),
    pgPolicy("api_keys_gateway_read", {
      for: "select",
      using: sql`${t.tokenHash} = ${setting("app.api_key_hash")}`,
    }),
  ],
);

/**
 * One usage unit per successful gateway call, in the subscriber's tenant. The Idempotency-Key of
 * a retried call finds its first record and is not counted again.
 */
export const usageRecords = pgTable(
  "usage_records",
  {
    id: id(),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id),
    providerCommuneId: uuid("provider_commune_id").notNull(),
    subscriptionId: uuid("subscription_id").notNull(),
    apiKeyId: uuid("api_key_id").notNull(),
    /** Calendar month of the call in Chile, YYYY-MM: quotas are monthly. */
    month: text("month").notNull(),
    units: integer("units").notNull().default(1),
    overQuota: boolean("over_quota").notNull().default(false),
    /** The call's Idempotency-Key, for tracing (not unique since 0017: see gatewayIdempotency). */
    idempotencyKey: text("idempotency_key"),
    /**
     * Set when over-quota usage is claimed for one report to Stripe's meter: the report's id is
     * its deduplication identifier, so a retried report is not counted twice.
     */
    stripeReportId: uuid("stripe_report_id"),
    reportedToStripeAt: timestamp("reported_to_stripe_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.id] }),
    index("usage_records_month_idx").on(t.communeId, t.moduleId, t.month),
    index("usage_records_provider_idx").on(t.providerCommuneId, t.month),
    index("usage_records_stripe_pending_idx")
      .on(t.communeId, t.subscriptionId)
      .where(sql`over_quota and reported_to_stripe_at is null`),
    check("usage_records_month_format", sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check("usage_records_units_positive", sql`${t.units} > 0`),
    pgPolicy("usage_records_own", {
      for: "all",
      using: sql`${t.communeId} = ${currentCommune}`,
      withCheck: sql`${t.communeId} = ${currentCommune}`,
    }),
    pgPolicy("usage_records_provider_read", {
      for: "select",
      using: sql`${t.providerCommuneId} = ${currentCommune}`,
    }),
    pgPolicy("usage_records_platform_read", { for: "select", using: isPlatformAdmin }),
  ],
);

/**
 * Units counted per commune, module and month: what the gateway reads to enforce the quota, one
 * row instead of a sum over a month of calls. Kept by a trigger on usage_records (migration 0016),
 * in the same transaction as each insert, so it never disagrees with them.
 */
export const usageMonthTotals = pgTable(
  "usage_month_totals",
  {
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id),
    month: text("month").notNull(),
    units: integer("units").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.moduleId, t.month] }),
    pgPolicy("usage_month_totals_own", {
      for: "all",
      using: sql`${t.communeId} = ${currentCommune}`,
      withCheck: sql`${t.communeId} = ${currentCommune}`,
    }),
  ],
);

/**
 * What a subscriber owes per period: Stripe's invoice (with its hosted link) or, for a purchase
 * order, the record the platform issues (base price, overage, IVA).
 */
export const moduleInvoices = pgTable(
  "module_invoices",
  {
    id: id(),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    subscriptionId: uuid("subscription_id").notNull(),
    providerCommuneId: uuid("provider_commune_id").notNull(),
    source: text("source", { enum: ["stripe", "purchase_order"] }).notNull(),
    periodStart: timestamp("period_start", { withTimezone: true }).notNull(),
    periodEnd: timestamp("period_end", { withTimezone: true }).notNull(),
    netClp: integer("net_clp").notNull(),
    ivaClp: integer("iva_clp").notNull(),
    totalClp: integer("total_clp").notNull(),
    overageUnits: integer("overage_units").notNull().default(0),
    status: text("status", { enum: ["open", "paid", "void", "uncollectible"] })
      .notNull()
      .default("open"),
    stripeInvoiceId: text("stripe_invoice_id"),
    hostedInvoiceUrl: text("hosted_invoice_url"),
    purchaseOrderNumber: text("purchase_order_number"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.id] }),
    uniqueIndex("module_invoices_stripe_key").on(t.stripeInvoiceId),
    index("module_invoices_subscription_idx").on(t.communeId, t.subscriptionId, t.periodStart),
    index("module_invoices_provider_idx").on(t.providerCommuneId, t.periodStart),
    foreignKey({
      name: "module_invoices_subscription_fk",
      columns: [t.communeId, t.subscriptionId],
      foreignColumns: [subscriptions.communeId, subscriptions.id],
    }),
    check("module_invoices_source_valid", sql`${t.source} in ('stripe', 'purchase_order')`),
    check(
      "module_invoices_amounts",
      sql`${t.netClp} >= 0 and ${t.ivaClp} >= 0 and ${t.totalClp} = ${t.netClp} + ${t.ivaClp}`,
    ),
    pgPolicy("module_invoices_own_read", { for: "select", using: sql`${t.communeId} = ${currentCommune}` }),
    pgPolicy("module_invoices_provider_read", {
      for: "select",
      using: sql`${t.providerCommuneId} = ${currentCommune}`,
    }),
    pgPolicy("module_invoices_platform", { for: "all", using: isPlatformAdmin, withCheck: isPlatformAdmin }),
    pgPolicy("module_invoices_stripe", {
      for: "all",
      using: sql`${t.stripeInvoiceId} is not null and ${setting("app.stripe_event_id")} is not null`,
      withCheck: sql`${t.stripeInvoiceId} is not null and ${setting("app.stripe_event_id")} is not null`,
    }),
  ],
);

/** Read and written as base64 through encode()/decode() in SQL: the drivers differ on raw bytes. */
const bytea = customType<{ data: string }>({ dataType: () => "bytea" });

/**
 * The first 2xx answer to a gateway call made with an Idempotency-Key, per (commune, module, key),
 * replayed to a retry with the same fingerprint until expires_at. A row with a null status is a
 * claim: the call is in flight. Hand-written in migration 0017 (the sweep's policy too).
 */
export const gatewayIdempotency = pgTable(
  "gateway_idempotency",
  {
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id),
    idempotencyKey: text("idempotency_key").notNull(),
    /** SHA-256 of method, path and query, and the body's SHA-256. */
    fingerprint: text("fingerprint").notNull(),
    status: integer("status"),
    headers: jsonb("headers").$type<Record<string, string | string[]>>(),
    body: bytea("body"),
    /** False when the answer was larger than what is stored: a retry is refused, not replayed. */
    bodyStored: boolean("body_stored").notNull().default(false),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: "gateway_idempotency_pk", columns: [t.communeId, t.moduleId, t.idempotencyKey] }),
    pgPolicy("gateway_idempotency_own", {
      for: "all",
      using: sql`${t.communeId} = ${currentCommune}`,
      withCheck: sql`${t.communeId} = ${currentCommune}`,
    }),
  ],
);

/** One unit of a `block` plan held by a gateway call in flight (migration 0017). */
export const gatewayQuotaHolds = pgTable(
  "gateway_quota_holds",
  {
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    id: id(),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id),
    month: text("month").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: "gateway_quota_holds_pk", columns: [t.communeId, t.id] }),
    index("gateway_quota_holds_month_idx").on(t.communeId, t.moduleId, t.month),
    pgPolicy("gateway_quota_holds_own", {
      for: "all",
      using: sql`${t.communeId} = ${currentCommune}`,
      withCheck: sql`${t.communeId} = ${currentCommune}`,
    }),
  ],
);
