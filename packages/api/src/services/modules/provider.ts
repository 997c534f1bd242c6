import { randomBytes } from "node:crypto";
import type { Tx } from "@ciar/db/client";
import {
  communes,
  moduleInvoices,
  modulePlans,
  modules,
  moduleUpstreams,
  subscriptions,
  usageRecords,
  useCases,
} from "@ciar/db/schema";
import { usageMonth } from "@ciar/domain/billing/entitlement";
import { AppError } from "@ciar/domain/errors";
import type {
  AddPlanInput,
  CreateModuleInput,
  UpdateModuleInput,
  UpdatePlanInput,
} from "@ciar/domain/schemas/modules";
import { and, asc, count, eq, gte, inArray, isNotNull, ne, or, sql } from "drizzle-orm";
import type { Actor } from "../actor";
import { diff, recordAudit } from "../audit/record-audit";
import { LIVE_STATUSES, iso, isUniqueViolation, monthsUpTo, planColumns } from "./views";

/**
 * The provider's side of shared modules: the active commune builds a module from one of its use
 * cases, sets where its service runs, prices it in plans and publishes it. Every query names the
 * active commune explicitly: RLS would also show other communes' published modules.
 */

const moduleColumns = {
  id: modules.id,
  communeId: modules.communeId,
  useCaseId: modules.useCaseId,
  slug: modules.slug,
  name: modules.name,
  description: modules.description,
  documentation: modules.documentation,
  status: modules.status,
  usageUnit: modules.usageUnit,
  isExample: modules.isExample,
  publishedAt: modules.publishedAt,
  createdAt: modules.createdAt,
  updatedAt: modules.updatedAt,
};

type ModuleRow = {
  id: string;
  communeId: string;
  useCaseId: string;
  slug: string;
  name: string;
  description: string;
  documentation: string;
  status: "draft" | "published" | "retired";
  usageUnit: string;
  isExample: boolean;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const providerPlanColumns = { ...planColumns, status: modulePlans.status, createdAt: modulePlans.createdAt };
type ProviderPlanRow = {
  id: string;
  name: string;
  interval: "month" | "year";
  priceClp: number;
  includedUnits: number;
  overageUnitPriceClp: number;
  quotaPolicy: "overage" | "block";
  status: "active" | "archived";
  createdAt: Date;
};

function providerPlan(row: ProviderPlanRow) {
  return { ...row, createdAt: iso(row.createdAt) };
}

async function findOwnModule(tx: Tx, communeId: string, id: string, lock = false) {
  const query = tx
    .select(moduleColumns)
    .from(modules)
    .where(and(eq(modules.communeId, communeId), eq(modules.id, id)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new AppError("modules.not_found");
  return row as ModuleRow;
}

async function checkOwnUseCase(tx: Tx, communeId: string, useCaseId: string) {
  const [row] = await tx
    .select({ id: useCases.id })
    .from(useCases)
    .where(and(eq(useCases.communeId, communeId), eq(useCases.id, useCaseId)));
  if (!row) throw new AppError("modules.use_case_not_found");
}

async function checkSlugFree(tx: Tx, slug: string, exceptId?: string) {
  // Another commune's draft is invisible here; the unique index catches it (see slugTaken).
  const [taken] = await tx
    .select({ id: modules.id })
    .from(modules)
    .where(and(eq(modules.slug, slug), exceptId === undefined ? undefined : ne(modules.id, exceptId)));
  if (taken) throw new AppError("modules.slug_taken");
}

function slugTaken(error: unknown): never {
  if (isUniqueViolation(error, "modules_slug_key")) throw new AppError("modules.slug_taken");
  throw error;
}

/** One of the provider's modules with its upstream, plans and subscriber counts. */
async function providerModules(tx: Tx, communeId: string, ids?: string[]) {
  const rows = (await tx
    .select({ ...moduleColumns, upstreamUrl: moduleUpstreams.upstreamUrl, useCaseTitle: useCases.title })
    .from(modules)
    .leftJoin(moduleUpstreams, eq(moduleUpstreams.moduleId, modules.id))
    .leftJoin(useCases, and(eq(useCases.communeId, modules.communeId), eq(useCases.id, modules.useCaseId)))
    .where(and(eq(modules.communeId, communeId), ids ? inArray(modules.id, ids) : undefined))
    .orderBy(asc(modules.name), asc(modules.id))) as Array<
    ModuleRow & { upstreamUrl: string | null; useCaseTitle: string | null }
  >;
  if (rows.length === 0) return [];
  const moduleIds = rows.map((r) => r.id);
  const [plans, counts] = await Promise.all([
    tx
      .select({ moduleId: modulePlans.moduleId, ...providerPlanColumns })
      .from(modulePlans)
      .where(and(eq(modulePlans.communeId, communeId), inArray(modulePlans.moduleId, moduleIds)))
      .orderBy(asc(modulePlans.priceClp), asc(modulePlans.id)),
    tx
      .select({ moduleId: subscriptions.moduleId, status: subscriptions.status, n: count() })
      .from(subscriptions)
      .where(and(eq(subscriptions.providerCommuneId, communeId), inArray(subscriptions.moduleId, moduleIds)))
      .groupBy(subscriptions.moduleId, subscriptions.status),
  ]);
  return rows.map(({ communeId: _commune, useCaseTitle, ...row }) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    documentation: row.documentation,
    status: row.status,
    usageUnit: row.usageUnit,
    isExample: row.isExample,
    useCase: { id: row.useCaseId, title: useCaseTitle },
    upstreamUrl: row.upstreamUrl,
    publishedAt: iso(row.publishedAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    plans: plans
      .filter((p) => p.moduleId === row.id)
      .map(({ moduleId: _m, ...plan }) => providerPlan(plan as ProviderPlanRow)),
    subscriberCount: counts
      .filter((c) => c.moduleId === row.id && (LIVE_STATUSES as readonly string[]).includes(c.status))
      .reduce((sum, c) => sum + c.n, 0),
    pendingCount: counts
      .filter((c) => c.moduleId === row.id && c.status === "pending")
      .reduce((sum, c) => sum + c.n, 0),
  }));
}

async function providerModule(tx: Tx, communeId: string, id: string) {
  const [module] = await providerModules(tx, communeId, [id]);
  if (!module) throw new AppError("modules.not_found");
  return module;
}

/** The active commune's modules, every status, with plans (archived too) and subscriber counts. */
export function listOwnModules(tx: Tx, communeId: string) {
  return providerModules(tx, communeId);
}

export async function createModule(tx: Tx, actor: Actor, input: CreateModuleInput) {
  await checkOwnUseCase(tx, actor.communeId, input.useCaseId);
  await checkSlugFree(tx, input.slug);
  const { upstreamUrl, ...fields } = input;
  const [created] = await tx
    .insert(modules)
    .values({ ...fields, communeId: actor.communeId, status: "draft", createdBy: actor.userId })
    .returning({ id: modules.id })
    .catch(slugTaken);
  const id = created!.id;
  const [upstream] = await tx
    .insert(moduleUpstreams)
    .values({ moduleId: id, communeId: actor.communeId, upstreamUrl, signingSecret: newSigningSecret() })
    .returning({ signingSecret: moduleUpstreams.signingSecret });
  await recordAudit(tx, actor, {
    action: "module.created",
    entityType: "module",
    entityId: id,
    changes: { slug: input.slug, name: input.name, useCaseId: input.useCaseId, usageUnit: input.usageUnit },
  });
  // Shown this once: the gateway signs with it, the module's service checks with it.
  return { ...(await providerModule(tx, actor.communeId, id)), signingSecret: upstream!.signingSecret };
}

/** 32 random bytes, hex: the key of the gateway's x-ciar-signature for one module. */
function newSigningSecret(): string {
  return randomBytes(32).toString("hex");
}

/**
 * A new signing secret for the module, returned this once; the old one stops working at once (the
 * module's service must switch to the new one). Audited without the secret.
 */
export async function rotateSigningSecret(tx: Tx, actor: Actor, id: string) {
  await findOwnModule(tx, actor.communeId, id, true);
  const signingSecret = newSigningSecret();
  const rotated = await tx
    .update(moduleUpstreams)
    .set({ signingSecret, updatedAt: new Date() })
    .where(and(eq(moduleUpstreams.communeId, actor.communeId), eq(moduleUpstreams.moduleId, id)))
    .returning({ moduleId: moduleUpstreams.moduleId });
  if (rotated.length === 0) throw new AppError("modules.not_found");
  await recordAudit(tx, actor, {
    action: "module.signing_secret_rotated",
    entityType: "module",
    entityId: id,
    changes: {},
  });
  return { signingSecret };
}

export async function updateModule(tx: Tx, actor: Actor, input: UpdateModuleInput) {
  const before = await findOwnModule(tx, actor.communeId, input.id, true);
  const { id, ...fields } = input;
  const changes = diff(before, fields);
  if (Object.keys(changes).length === 0) return providerModule(tx, actor.communeId, id);
  if (changes.slug) {
    // Subscribers and their keys call the module by its slug: it is fixed once published.
    if (before.status !== "draft") throw new AppError("modules.invalid_state");
    await checkSlugFree(tx, fields.slug!, id);
  }
  if (changes.useCaseId) await checkOwnUseCase(tx, actor.communeId, fields.useCaseId!);
  await tx
    .update(modules)
    .set({ ...fields, updatedAt: new Date() })
    .where(and(eq(modules.communeId, actor.communeId), eq(modules.id, id)))
    .catch(slugTaken);
  await recordAudit(tx, actor, {
    action: "module.updated",
    entityType: "module",
    entityId: id,
    // The documentation can be long: record that it changed, not both versions.
    changes: changes.documentation ? { ...changes, documentation: { changed: true } } : changes,
  });
  return providerModule(tx, actor.communeId, id);
}

export async function setUpstream(tx: Tx, actor: Actor, input: { id: string; upstreamUrl: string }) {
  await findOwnModule(tx, actor.communeId, input.id, true);
  const [before] = await tx
    .select({ upstreamUrl: moduleUpstreams.upstreamUrl })
    .from(moduleUpstreams)
    .where(and(eq(moduleUpstreams.communeId, actor.communeId), eq(moduleUpstreams.moduleId, input.id)));
  if (before?.upstreamUrl !== input.upstreamUrl) {
    await tx
      .insert(moduleUpstreams)
      .values({ moduleId: input.id, communeId: actor.communeId, upstreamUrl: input.upstreamUrl })
      .onConflictDoUpdate({
        target: moduleUpstreams.moduleId,
        set: { upstreamUrl: input.upstreamUrl, updatedAt: new Date() },
      });
    await recordAudit(tx, actor, {
      action: "module.upstream_set",
      entityType: "module",
      entityId: input.id,
      changes: { upstreamUrl: { from: before?.upstreamUrl ?? null, to: input.upstreamUrl } },
    });
  }
  return providerModule(tx, actor.communeId, input.id);
}

export async function addPlan(tx: Tx, actor: Actor, input: AddPlanInput) {
  await findOwnModule(tx, actor.communeId, input.moduleId);
  const { moduleId, ...fields } = input;
  const [plan] = await tx
    .insert(modulePlans)
    .values({ ...fields, moduleId, communeId: actor.communeId, status: "active" })
    .returning(providerPlanColumns);
  await recordAudit(tx, actor, {
    action: "module.plan_added",
    entityType: "module",
    entityId: moduleId,
    changes: { planId: plan!.id, ...fields },
  });
  return providerPlan(plan as ProviderPlanRow);
}

async function findOwnPlan(tx: Tx, communeId: string, id: string) {
  const [plan] = await tx
    .select({ ...providerPlanColumns, moduleId: modulePlans.moduleId })
    .from(modulePlans)
    .where(and(eq(modulePlans.communeId, communeId), eq(modulePlans.id, id)))
    .for("update");
  if (!plan) throw new AppError("plans.not_found");
  return plan as ProviderPlanRow & { moduleId: string };
}

/**
 * Renames a plan at any time. Its price, interval and quota change only while nobody has
 * subscribed to it (subscribers and Stripe prices keep what they agreed to): otherwise archive it
 * and add a new plan. A price change forgets the Stripe prices made for the old one.
 */
export async function updatePlan(tx: Tx, actor: Actor, input: UpdatePlanInput) {
  const before = await findOwnPlan(tx, actor.communeId, input.id);
  const { id, ...fields } = input;
  const changes = diff(before, fields);
  if (Object.keys(changes).length === 0) return providerPlan(before);
  const terms = Object.keys(changes).some((k) => k !== "name");
  if (terms) {
    const [used] = await tx
      .select({ n: count() })
      .from(subscriptions)
      .where(
        and(
          eq(subscriptions.providerCommuneId, actor.communeId),
          eq(subscriptions.planId, id),
          // A request withdrawn before activation agreed to nothing.
          or(ne(subscriptions.status, "canceled"), isNotNull(subscriptions.activatedAt)),
        ),
      );
    if ((used?.n ?? 0) > 0) throw new AppError("plans.in_use");
  }
  const [plan] = await tx
    .update(modulePlans)
    .set({
      ...fields,
      ...(terms ? { stripePriceId: null, stripeMeteredPriceId: null } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(modulePlans.communeId, actor.communeId), eq(modulePlans.id, id)))
    .returning(providerPlanColumns);
  await recordAudit(tx, actor, {
    action: "module.plan_updated",
    entityType: "module",
    entityId: before.moduleId,
    changes: { planId: id, ...changes },
  });
  return providerPlan(plan as ProviderPlanRow);
}

/** Withdraws a plan from sale; its subscribers keep it. A published module keeps one active plan. */
export async function archivePlan(tx: Tx, actor: Actor, id: string) {
  const before = await findOwnPlan(tx, actor.communeId, id);
  if (before.status === "archived") return providerPlan(before);
  const module = await findOwnModule(tx, actor.communeId, before.moduleId, true);
  if (module.status === "published") {
    const [others] = await tx
      .select({ n: count() })
      .from(modulePlans)
      .where(
        and(
          eq(modulePlans.communeId, actor.communeId),
          eq(modulePlans.moduleId, module.id),
          eq(modulePlans.status, "active"),
          ne(modulePlans.id, id),
        ),
      );
    if ((others?.n ?? 0) === 0) throw new AppError("modules.not_publishable");
  }
  const [plan] = await tx
    .update(modulePlans)
    .set({ status: "archived", updatedAt: new Date() })
    .where(and(eq(modulePlans.communeId, actor.communeId), eq(modulePlans.id, id)))
    .returning(providerPlanColumns);
  await recordAudit(tx, actor, {
    action: "module.plan_archived",
    entityType: "module",
    entityId: module.id,
    changes: { planId: id, status: { from: "active", to: "archived" } },
  });
  return providerPlan(plan as ProviderPlanRow);
}

/** Draft or retired → published, once it has an active plan and an upstream. */
export async function publishModule(tx: Tx, actor: Actor, id: string) {
  const module = await findOwnModule(tx, actor.communeId, id, true);
  if (module.status === "published") return providerModule(tx, actor.communeId, id);
  const [ready] = await tx
    .select({
      plans:
        sql<number>`(select count(*) from ${modulePlans} p where p.module_id = ${id} and p.commune_id = ${actor.communeId} and p.status = 'active')`.mapWith(
          Number,
        ),
      upstream: sql<boolean>`exists (select 1 from ${moduleUpstreams} u where u.module_id = ${id} and u.commune_id = ${actor.communeId})`,
    })
    .from(sql`(select 1) as one`);
  if (!ready || ready.plans === 0 || !ready.upstream) throw new AppError("modules.not_publishable");
  await tx
    .update(modules)
    .set({ status: "published", publishedAt: module.publishedAt ?? new Date(), updatedAt: new Date() })
    .where(and(eq(modules.communeId, actor.communeId), eq(modules.id, id)));
  await recordAudit(tx, actor, {
    action: "module.published",
    entityType: "module",
    entityId: id,
    changes: { status: { from: module.status, to: "published" } },
  });
  return providerModule(tx, actor.communeId, id);
}

/**
 * Takes the module out of the catalog: nobody new subscribes or creates keys for it. Existing
 * subscriptions are not ended here (purchase orders are ended by the platform, Stripe ones in
 * Stripe); their subscribers still see the module.
 */
export async function retireModule(tx: Tx, actor: Actor, id: string) {
  const module = await findOwnModule(tx, actor.communeId, id, true);
  if (module.status !== "retired") {
    await tx
      .update(modules)
      .set({ status: "retired", updatedAt: new Date() })
      .where(and(eq(modules.communeId, actor.communeId), eq(modules.id, id)));
    await recordAudit(tx, actor, {
      action: "module.retired",
      entityType: "module",
      entityId: id,
      changes: { status: { from: module.status, to: "retired" } },
    });
  }
  return providerModule(tx, actor.communeId, id);
}

/** Who subscribes to one of the provider's modules (read through subscriptions_provider_read). */
export async function moduleSubscribers(tx: Tx, communeId: string, moduleId: string) {
  await findOwnModule(tx, communeId, moduleId);
  const rows = await tx
    .select({
      id: subscriptions.id,
      communeId: communes.id,
      communeCode: communes.code,
      communeName: communes.name,
      planId: modulePlans.id,
      planName: modulePlans.name,
      planInterval: modulePlans.interval,
      method: subscriptions.method,
      status: subscriptions.status,
      purchaseOrderNumber: subscriptions.purchaseOrderNumber,
      currentPeriodEnd: subscriptions.currentPeriodEnd,
      cancelAtPeriodEnd: subscriptions.cancelAtPeriodEnd,
      activatedAt: subscriptions.activatedAt,
      canceledAt: subscriptions.canceledAt,
      createdAt: subscriptions.createdAt,
    })
    .from(subscriptions)
    .innerJoin(communes, eq(communes.id, subscriptions.communeId))
    .innerJoin(modulePlans, eq(modulePlans.id, subscriptions.planId))
    .where(and(eq(subscriptions.providerCommuneId, communeId), eq(subscriptions.moduleId, moduleId)))
    .orderBy(asc(communes.name), asc(subscriptions.createdAt));
  return rows.map((r) => ({
    id: r.id,
    commune: { id: r.communeId, code: r.communeCode, name: r.communeName },
    plan: { id: r.planId, name: r.planName, interval: r.planInterval },
    method: r.method,
    status: r.status,
    purchaseOrderNumber: r.purchaseOrderNumber,
    /** Since when it is in its current state's lifetime: activation, else the request. */
    since: iso(r.activatedAt ?? r.createdAt),
    requestedAt: iso(r.createdAt),
    currentPeriodEnd: iso(r.currentPeriodEnd),
    cancelAtPeriodEnd: r.cancelAtPeriodEnd,
    canceledAt: iso(r.canceledAt),
  }));
}

/**
 * Usage units and revenue per month for the provider's modules (or one of them), the last
 * `months` calendar months in Chile, oldest first. Revenue is what the invoices of its
 * subscriptions bill for periods starting that month (void ones excluded), net and with IVA.
 */
export async function providerReport(
  tx: Tx,
  communeId: string,
  input: { moduleId?: string | undefined; months: number },
  now = new Date(),
) {
  if (input.moduleId) await findOwnModule(tx, communeId, input.moduleId);
  const months = monthsUpTo(usageMonth(now), input.months);
  const first = months[0]!;
  const chileMonth = sql<string>`to_char(${moduleInvoices.periodStart} at time zone 'America/Santiago', 'YYYY-MM')`;
  const [usage, revenue] = await Promise.all([
    tx
      .select({
        month: usageRecords.month,
        units: sql<number>`coalesce(sum(${usageRecords.units}), 0)`.mapWith(Number),
      })
      .from(usageRecords)
      .where(
        and(
          eq(usageRecords.providerCommuneId, communeId),
          input.moduleId ? eq(usageRecords.moduleId, input.moduleId) : undefined,
          gte(usageRecords.month, first),
        ),
      )
      .groupBy(usageRecords.month),
    tx
      .select({
        month: chileMonth,
        invoices: count(),
        netClp: sql<number>`coalesce(sum(${moduleInvoices.netClp}), 0)`.mapWith(Number),
        ivaClp: sql<number>`coalesce(sum(${moduleInvoices.ivaClp}), 0)`.mapWith(Number),
        totalClp: sql<number>`coalesce(sum(${moduleInvoices.totalClp}), 0)`.mapWith(Number),
      })
      .from(moduleInvoices)
      .innerJoin(
        subscriptions,
        and(
          eq(subscriptions.communeId, moduleInvoices.communeId),
          eq(subscriptions.id, moduleInvoices.subscriptionId),
        ),
      )
      .where(
        and(
          eq(moduleInvoices.providerCommuneId, communeId),
          eq(subscriptions.providerCommuneId, communeId),
          input.moduleId ? eq(subscriptions.moduleId, input.moduleId) : undefined,
          ne(moduleInvoices.status, "void"),
          sql`${chileMonth} >= ${first}`,
        ),
      )
      .groupBy(chileMonth),
  ]);
  const rows = months.map((month) => {
    const billed = revenue.find((r) => r.month === month);
    return {
      month,
      units: usage.find((u) => u.month === month)?.units ?? 0,
      invoices: billed?.invoices ?? 0,
      netClp: billed?.netClp ?? 0,
      ivaClp: billed?.ivaClp ?? 0,
      totalClp: billed?.totalClp ?? 0,
    };
  });
  const sum = (key: "units" | "invoices" | "netClp" | "ivaClp" | "totalClp") =>
    rows.reduce((total, r) => total + r[key], 0);
  return {
    moduleId: input.moduleId ?? null,
    months: rows,
    totals: {
      units: sum("units"),
      invoices: sum("invoices"),
      netClp: sum("netClp"),
      ivaClp: sum("ivaClp"),
      totalClp: sum("totalClp"),
    },
  };
}
