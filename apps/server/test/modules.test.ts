import { createHash } from "node:crypto";
import { apiKeys, auditLog, moduleUpstreams, usageRecords } from "@ciar/db/schema";
import { applySettings } from "@ciar/db/tenant-transaction";
import { usageMonth } from "@ciar/domain/billing/entitlement";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  createTestApp,
  signIn,
  type CallOptions,
  type Session,
  type TestApp,
} from "./support/test-app";

/**
 * Shared modules through the API, end to end: La Serena (provider) builds and publishes a module,
 * Coquimbo asks for it by purchase order, a platform admin activates it (with its invoice) and
 * closes a month's overage, Coquimbo makes and revokes API keys. Along the way: who may do what,
 * and where the provider's upstream URL may appear (only in the provider's own answers).
 */
let t: TestApp;
let serenaAdmin: Session;
let serenaEditor: Session;
let serenaViewer: Session;
let coquimboAdmin: Session;
let coquimboEditor: Session;
let maipuAdmin: Session;
let platformAdmin: Session;
let ciarCoordinator: Session;

const SECRET_UPSTREAM = "https://oirs-interno.laserena.example/v1";
const DRAFT_UPSTREAM = "https://borrador-secreto.laserena.example/api";
const DEMO_UPSTREAM = "http://127.0.0.1:3000/examples/dom-permisos";

const serena = (s: Session): CallOptions => ({ token: s.token, commune: t.communeId.laSerena });
const coquimbo = (s: Session): CallOptions => ({ token: s.token, commune: t.communeId.coquimbo });
const platform = (): CallOptions => ({ token: platformAdmin.token });

interface Plan {
  id: string;
  name: string;
  interval: "month" | "year";
  priceClp: number;
  includedUnits: number;
  overageUnitPriceClp: number;
  quotaPolicy: "overage" | "block";
  status?: "active" | "archived";
}
interface OwnModule {
  id: string;
  slug: string;
  name: string;
  status: string;
  upstreamUrl: string | null;
  useCase: { id: string; title: string | null };
  plans: Plan[];
  subscriberCount: number;
  pendingCount: number;
}
interface CatalogModule {
  id: string;
  slug: string;
  name: string;
  usageUnit: string;
  isExample: boolean;
  provider: { communeId: string; code: string; name: string };
  useCase: { id: string; title: string | null };
  plans: Plan[];
  subscriberCount: number;
  subscribers: { code: string; name: string }[];
}
interface Subscription {
  id: string;
  module: { id: string; slug: string; name: string; usageUnit: string; isExample: boolean; status: string };
  plan: Plan;
  method: string;
  status: string;
  entitlement: { state: string; allowed: boolean; graceUntil?: string };
  purchaseOrderNumber: string | null;
  billing: { rut: string; name: string; address: string; email: string } | null;
  currentPeriodStart: string | null;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  usageThisMonth: { month: string; units: number; includedUnits: number; overUnits: number };
}
interface Invoice {
  id: string;
  subscriptionId: string;
  source: string;
  periodStart: string;
  periodEnd: string;
  netClp: number;
  ivaClp: number;
  totalClp: number;
  overageUnits: number;
  status: string;
  purchaseOrderNumber: string | null;
}

const billing = {
  rut: "12.345.678-5",
  name: "Ilustre Municipalidad de Coquimbo",
  address: "Av. Varela 1112, Coquimbo",
  email: "Finanzas@Coquimbo.example",
};

/** Every answer body Coquimbo (or a coordinator, or the platform) received: none may name an upstream. */
const foreignBodies: Array<[string, string]> = [];
async function as<T>(options: CallOptions, kind: "query" | "mutation", path: string, input?: unknown) {
  const result = await call<T>(t, kind, path, input, options);
  const provider =
    options.commune === t.communeId.laSerena &&
    [serenaAdmin, serenaEditor, serenaViewer].some((s) => s.token === options.token);
  if (!provider) foreignBodies.push([path, result.body]);
  return result;
}

let useCaseId: string;
let moduleId: string;
let draftId: string;
let planId: string;
let archivedPlanId: string;
let domModuleId: string;
let subscriptionId: string;

beforeAll(async () => {
  t = await createTestApp();
  const sessions = await Promise.all(
    [
      "admin@laserena.example",
      "editor@laserena.example",
      "viewer@laserena.example",
      "admin@coquimbo.example",
      "editor@coquimbo.example",
      "admin@maipu.example",
      "plataforma@ciar.example",
      "coordinacion@ciar.example",
    ].map((email) => signIn(t, email)),
  );
  [
    serenaAdmin,
    serenaEditor,
    serenaViewer,
    coquimboAdmin,
    coquimboEditor,
    maipuAdmin,
    platformAdmin,
    ciarCoordinator,
  ] = sessions as [Session, Session, Session, Session, Session, Session, Session, Session];
  const own = await call<{ items: { id: string; title: string }[] }>(
    t,
    "query",
    "useCases.mine",
    { limit: 50 },
    serena(serenaAdmin),
  );
  useCaseId = own.data.items.find((u) =>
    u.title.startsWith("Clasificación automática de solicitudes OIRS"),
  )!.id;
});
afterAll(() => t?.close());

describe("the seeded example module", () => {
  it("is in the catalog with its plans and who uses it, never its upstream", async () => {
    const catalog = await as<{ items: CatalogModule[]; nextCursor: string | null }>(
      coquimbo(coquimboAdmin),
      "query",
      "modules.catalog",
      { limit: 50 },
    );
    expect(catalog.status).toBe(200);
    const dom = catalog.data.items.find((m) => m.slug === "dom-revision-permisos")!;
    domModuleId = dom.id;
    expect(dom).toMatchObject({
      isExample: true,
      usageUnit: "expediente revisado",
      provider: { communeId: t.communeId.laSerena, code: "04101", name: "La Serena" },
      subscriberCount: 1,
      subscribers: [{ code: "04102", name: "Coquimbo" }],
    });
    expect(dom.name).toMatch(/\(ejemplo\)$/);
    // A coalition-wide use case shows to a member of a commune, not to a user without one (the
    // platform admin, who also sees drafts through RLS: the catalog lists only published modules).
    expect(dom.useCase.title).toMatch(
      /^Asistente de IA para la revisión de permisos de edificación en la DOM/,
    );
    expect(dom.plans.map((p) => [p.priceClp, p.includedUnits, p.overageUnitPriceClp, p.quotaPolicy])).toEqual(
      [
        [190_000, 300, 0, "block"],
        [290_000, 500, 450, "overage"],
      ],
    );
    const noCommune = await as<{ items: CatalogModule[] }>(platform(), "query", "modules.catalog", {
      query: "permisos",
    });
    expect(noCommune.data.items.map((m) => m.slug)).toEqual(["dom-revision-permisos"]);
    expect(noCommune.data.items[0]!.useCase.title).toBeNull();
  });

  it("is Coquimbo's, active by purchase order, with its first invoice (IVA 19 %)", async () => {
    const mine = await as<Subscription[]>(coquimbo(coquimboAdmin), "query", "subscriptions.mine");
    expect(mine.data).toHaveLength(1);
    const [dom] = mine.data;
    expect(dom).toMatchObject({
      module: { slug: "dom-revision-permisos", isExample: true },
      method: "purchase_order",
      status: "active",
      purchaseOrderNumber: "2401-15-SE26",
      entitlement: { state: "active", allowed: true },
      usageThisMonth: { month: usageMonth(new Date()), units: 0, includedUnits: 500, overUnits: 0 },
    });
    const invoices = await as<Invoice[]>(coquimbo(coquimboAdmin), "query", "subscriptions.invoices", {
      subscriptionId: dom!.id,
    });
    expect(invoices.data).toEqual([
      expect.objectContaining({
        source: "purchase_order",
        netClp: 290_000,
        ivaClp: 55_100,
        totalClp: 345_100,
        purchaseOrderNumber: "2401-15-SE26",
      }),
    ]);
    const again = await as(coquimbo(coquimboAdmin), "mutation", "subscriptions.subscribePurchaseOrder", {
      moduleId: domModuleId,
      planId: dom!.plan.id,
      purchaseOrderNumber: "2401-16-SE26",
      billing,
    });
    expect(again.error?.data.appCode).toBe("subscriptions.exists");
  });
});

describe("La Serena builds and publishes a module", () => {
  it("creates a draft from one of its use cases, with its upstream", async () => {
    const created = await as<OwnModule>(serena(serenaAdmin), "mutation", "modules.create", {
      useCaseId,
      slug: "OIRS-Clasificador",
      name: "Clasificador de solicitudes OIRS",
      description: "Sugiere la unidad que debe responder cada solicitud ciudadana.",
      documentation: "# Uso\n\nEnvía el texto de la solicitud.",
      usageUnit: "solicitud clasificada",
      upstreamUrl: SECRET_UPSTREAM,
    });
    expect(created.status).toBe(200);
    expect(created.data).toMatchObject({
      slug: "oirs-clasificador",
      status: "draft",
      upstreamUrl: SECRET_UPSTREAM,
      plans: [],
      subscriberCount: 0,
    });
    // The gateway's signing secret is shown once, on creation; never in a listing.
    const secret = (created.data as OwnModule & { signingSecret?: string }).signingSecret;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const listed = await as<OwnModule[]>(serena(serenaAdmin), "query", "modules.mine");
    expect(JSON.stringify(listed.data)).not.toContain(secret);
    const rotated = await as<{ signingSecret: string }>(
      serena(serenaAdmin),
      "mutation",
      "modules.rotateSigningSecret",
      { id: created.data.id },
    );
    expect(rotated.data.signingSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated.data.signingSecret).not.toBe(secret);
    moduleId = created.data.id;
    const draft = await as<OwnModule>(serena(serenaAdmin), "mutation", "modules.create", {
      useCaseId,
      slug: "borrador-secreto",
      name: "Borrador secreto",
      description: "Un módulo que La Serena aún no publica.",
      usageUnit: "consulta",
      upstreamUrl: DRAFT_UPSTREAM,
    });
    draftId = draft.data.id;
  });

  it("refuses a taken slug, another commune's use case, an editor, and non-http upstreams", async () => {
    const taken = await as(serena(serenaAdmin), "mutation", "modules.create", {
      useCaseId,
      slug: "dom-revision-permisos",
      name: "Copia",
      description: "Otro módulo con el mismo identificador.",
      usageUnit: "x1",
      upstreamUrl: "https://a.example",
    });
    expect(taken.error?.data.appCode).toBe("modules.slug_taken");
    // Maipú's draft slug is invisible to La Serena, but still taken (the unique index says so).
    const maipuCase = await call<{ items: { id: string }[] }>(
      t,
      "query",
      "useCases.mine",
      { limit: 1 },
      { token: maipuAdmin.token, commune: t.communeId.maipu },
    );
    const maipuDraft = await call(
      t,
      "mutation",
      "modules.create",
      {
        useCaseId: maipuCase.data.items[0]!.id,
        slug: "slug-de-maipu",
        name: "Borrador de Maipú",
        description: "Un borrador que La Serena no ve.",
        usageUnit: "consulta",
        upstreamUrl: "https://maipu.example/api",
      },
      { token: maipuAdmin.token, commune: t.communeId.maipu },
    );
    expect(maipuDraft.status).toBe(200);
    const hidden = await as(serena(serenaAdmin), "mutation", "modules.create", {
      useCaseId,
      slug: "slug-de-maipu",
      name: "Choque",
      description: "El identificador ya existe en otra comuna.",
      usageUnit: "consulta",
      upstreamUrl: "https://a.example",
    });
    expect(hidden.status).toBe(409);
    expect(hidden.error?.data.appCode).toBe("modules.slug_taken");
    expect(hidden.body).not.toMatch(/maipu\.example|Borrador de Maipú/);

    const foreignCase = await as(serena(serenaAdmin), "mutation", "modules.create", {
      useCaseId: maipuCase.data.items[0]!.id,
      slug: "caso-ajeno",
      name: "Caso ajeno",
      description: "Un módulo sobre el caso de otra comuna.",
      usageUnit: "consulta",
      upstreamUrl: "https://a.example",
    });
    expect(foreignCase.error?.data.appCode).toBe("modules.use_case_not_found");
    const editor = await as(serena(serenaEditor), "mutation", "modules.setUpstream", {
      id: moduleId,
      upstreamUrl: "https://editor.example",
    });
    expect(editor.status).toBe(403);
    expect(editor.error?.data.appCode).toBe("permission.denied");
    for (const upstreamUrl of ["javascript:alert(1)", "file:///etc/passwd", "ftp://x.example", "no es url"]) {
      const bad = await as(serena(serenaAdmin), "mutation", "modules.setUpstream", {
        id: moduleId,
        upstreamUrl,
      });
      expect(bad.status, upstreamUrl).toBe(400);
    }
  });

  it("publishes only with an active plan and an upstream", async () => {
    const early = await as(serena(serenaAdmin), "mutation", "modules.publish", { id: moduleId });
    expect(early.status).toBe(409);
    expect(early.error?.data.appCode).toBe("modules.not_publishable");
    const plan = await as<Plan>(serena(serenaAdmin), "mutation", "modules.addPlan", {
      moduleId,
      name: "Mensual",
      interval: "month",
      priceClp: 120_000,
      includedUnits: 100,
      overageUnitPriceClp: 1_000,
      quotaPolicy: "overage",
    });
    expect(plan.data).toMatchObject({ name: "Mensual", priceClp: 120_000, status: "active" });
    planId = plan.data.id;
    const spare = await as<Plan>(serena(serenaAdmin), "mutation", "modules.addPlan", {
      moduleId,
      name: "Anual",
      interval: "year",
      priceClp: 1_200_000,
      includedUnits: 100,
    });
    archivedPlanId = spare.data.id;
    for (const bad of [{ priceClp: -1 }, { priceClp: 10.5 }, { includedUnits: -3 }, { interval: "week" }]) {
      const result = await as(serena(serenaAdmin), "mutation", "modules.addPlan", {
        moduleId,
        name: "Malo",
        interval: "month",
        priceClp: 1,
        includedUnits: 1,
        ...bad,
      });
      expect(result.status, JSON.stringify(bad)).toBe(400);
    }
    const published = await as<OwnModule>(serena(serenaAdmin), "mutation", "modules.publish", {
      id: moduleId,
    });
    expect(published.data.status).toBe("published");
    const archived = await as<Plan>(serena(serenaAdmin), "mutation", "modules.archivePlan", {
      id: archivedPlanId,
    });
    expect(archived.data.status).toBe("archived");
    // The last active plan of a published module stays.
    const last = await as(serena(serenaAdmin), "mutation", "modules.archivePlan", { id: planId });
    expect(last.error?.data.appCode).toBe("modules.not_publishable");
    // Its slug is fixed once published.
    const slug = await as(serena(serenaAdmin), "mutation", "modules.update", { id: moduleId, slug: "otro" });
    expect(slug.error?.data.appCode).toBe("modules.invalid_state");
    const renamed = await as<OwnModule>(serena(serenaAdmin), "mutation", "modules.update", {
      id: moduleId,
      name: "Clasificador OIRS",
    });
    expect(renamed.data.name).toBe("Clasificador OIRS");
  });

  it("keeps drafts and the upstream from other communes", async () => {
    for (const options of [
      coquimbo(coquimboAdmin),
      { token: coquimboAdmin.token, commune: t.communeId.laSerena },
    ]) {
      const get = await as(options, "query", "modules.get", { slug: "borrador-secreto" });
      expect(get.status).toBe(404);
      expect(get.error?.data.appCode).toBe("modules.not_found");
    }
    const published = await as<CatalogModule & { documentation: string; isOwn: boolean }>(
      coquimbo(coquimboAdmin),
      "query",
      "modules.get",
      { slug: "oirs-clasificador" },
    );
    expect(published.data).toMatchObject({
      isOwn: false,
      documentation: "# Uso\n\nEnvía el texto de la solicitud.",
    });
    expect(published.data.plans.map((p) => p.id)).toEqual([planId]);
    // The provider sees its own draft's page.
    const own = await as<{ status: string; isOwn: boolean }>(serena(serenaAdmin), "query", "modules.get", {
      slug: "borrador-secreto",
    });
    expect(own.data).toMatchObject({ status: "draft", isOwn: true });
    const search = await as<{ items: CatalogModule[] }>(coquimbo(coquimboAdmin), "query", "modules.catalog", {
      query: "secreto",
    });
    expect(search.data.items).toEqual([]);
    // Through its own commune, Coquimbo reaches none of La Serena's modules by id.
    const probes: Array<[string, unknown]> = [
      ["modules.update", { id: moduleId, name: "Tomado" }],
      ["modules.setUpstream", { id: moduleId, upstreamUrl: "https://atacante.example" }],
      ["modules.rotateSigningSecret", { id: moduleId }],
      ["modules.publish", { id: draftId }],
      ["modules.retire", { id: moduleId }],
      ["modules.addPlan", { moduleId, name: "Gratis", interval: "month", priceClp: 0, includedUnits: 9999 }],
      ["modules.updatePlan", { id: planId, priceClp: 0 }],
      ["modules.archivePlan", { id: planId }],
    ];
    for (const [path, input] of probes) {
      const result = await as(coquimbo(coquimboAdmin), "mutation", path, input);
      expect(result.status, path).toBe(404);
    }
    for (const [path, input] of [
      ["modules.subscribers", { moduleId }],
      ["modules.providerReport", { moduleId }],
    ] as const) {
      const result = await as(coquimbo(coquimboAdmin), "query", path, input);
      expect(result.status, path).toBe(404);
    }
    const mine = await as<OwnModule[]>(coquimbo(coquimboAdmin), "query", "modules.mine");
    expect(mine.data).toEqual([]);
    const upstream = await t.db.owner.db.transaction(async (tx) => {
      await applySettings(tx, { communeId: t.communeId.laSerena });
      return tx.select().from(moduleUpstreams).where(eq(moduleUpstreams.moduleId, moduleId));
    });
    expect(upstream[0]?.upstreamUrl).toBe(SECRET_UPSTREAM);
  });
});

describe("Coquimbo subscribes by purchase order", () => {
  it("asks: pending, with normalised purchase order and RUT", async () => {
    const subscribed = await as<Subscription>(
      coquimbo(coquimboAdmin),
      "mutation",
      "subscriptions.subscribePurchaseOrder",
      {
        moduleId,
        planId,
        purchaseOrderNumber: " 1234-56-se26 ",
        billing,
      },
    );
    expect(subscribed.status).toBe(200);
    expect(subscribed.data).toMatchObject({
      module: { id: moduleId, slug: "oirs-clasificador" },
      plan: { id: planId, priceClp: 120_000 },
      method: "purchase_order",
      status: "pending",
      entitlement: { state: "pending_purchase_order", allowed: false },
      purchaseOrderNumber: "1234-56-SE26",
      billing: { ...billing, rut: "12345678-5", email: "finanzas@coquimbo.example" },
      currentPeriodStart: null,
    });
    subscriptionId = subscribed.data.id;
    const twice = await as(coquimbo(coquimboAdmin), "mutation", "subscriptions.subscribePurchaseOrder", {
      moduleId,
      planId,
      purchaseOrderNumber: "1234-57-SE26",
      billing,
    });
    expect(twice.status).toBe(409);
    expect(twice.error?.data.appCode).toBe("subscriptions.exists");
  });

  it("refuses an editor or a viewer, one's own module, drafts and archived plans", async () => {
    const input = { moduleId, planId, purchaseOrderNumber: "1234-58-SE26", billing };
    const editor = await as(
      coquimbo(coquimboEditor),
      "mutation",
      "subscriptions.subscribePurchaseOrder",
      input,
    );
    expect(editor.status).toBe(403);
    expect(editor.error?.data.appCode).toBe("permission.denied");
    const viewer = await as(serena(serenaViewer), "mutation", "subscriptions.subscribePurchaseOrder", input);
    expect(viewer.error?.data.appCode).toBe("permission.denied");
    const own = await as(serena(serenaAdmin), "mutation", "subscriptions.subscribePurchaseOrder", input);
    expect(own.error?.data.appCode).toBe("subscriptions.own_module");
    const maipu = { token: maipuAdmin.token, commune: t.communeId.maipu };
    const draft = await as(maipu, "mutation", "subscriptions.subscribePurchaseOrder", {
      ...input,
      moduleId: draftId,
    });
    expect(draft.error?.data.appCode).toBe("modules.not_found");
    const archived = await as(maipu, "mutation", "subscriptions.subscribePurchaseOrder", {
      ...input,
      planId: archivedPlanId,
    });
    expect(archived.error?.data.appCode).toBe("plans.not_found");
    const otherModulesPlan = await as(maipu, "mutation", "subscriptions.subscribePurchaseOrder", {
      ...input,
      moduleId: domModuleId,
    });
    expect(otherModulesPlan.error?.data.appCode).toBe("plans.not_found");
  });

  it("checks the RUT's check digit, with the message in the caller's language", async () => {
    const input = { moduleId, planId, purchaseOrderNumber: "1234-59-SE26" };
    for (const rut of ["12.345.678-4", "12345678K", "1.2.3", "'; drop table subscriptions; --"]) {
      const es = await as(coquimbo(coquimboAdmin), "mutation", "subscriptions.subscribePurchaseOrder", {
        ...input,
        billing: { ...billing, rut },
      });
      expect(es.status, rut).toBe(400);
      expect(es.error?.data.fieldErrors?.["billing.rut"], rut).toContain(
        "RUT inválido: revisa el número y el dígito verificador (por ejemplo 12.345.678-5).",
      );
    }
    const en = await as(
      { ...coquimbo(coquimboAdmin), locale: "en" },
      "mutation",
      "subscriptions.subscribePurchaseOrder",
      {
        ...input,
        billing: { ...billing, rut: "12.345.678-4" },
      },
    );
    expect(en.error?.data.fieldErrors?.["billing.rut"]).toEqual([
      "Invalid RUT: check the number and the check digit (for example 12.345.678-5).",
    ]);
    // Accepted without dots too (Maipú, which has no subscription yet; withdrawn below).
    const maipu = await as<Subscription>(
      { token: maipuAdmin.token, commune: t.communeId.maipu },
      "mutation",
      "subscriptions.subscribePurchaseOrder",
      { ...input, billing: { ...billing, rut: "10000013k" } },
    );
    expect(maipu.data.billing?.rut).toBe("10000013-K");
    for (const purchaseOrderNumber of ["", "ab", "1234 56 SE26", "<script>", "x".repeat(41), "-1234-"]) {
      const bad = await as(coquimbo(coquimboAdmin), "mutation", "subscriptions.subscribePurchaseOrder", {
        moduleId,
        planId,
        purchaseOrderNumber,
        billing,
      });
      expect(bad.status, purchaseOrderNumber).toBe(400);
      expect(bad.error?.data.fieldErrors?.purchaseOrderNumber).toBeDefined();
    }
  });

  it("lets a commune withdraw its pending request, once", async () => {
    const maipu = { token: maipuAdmin.token, commune: t.communeId.maipu };
    const [pending] = (await as<Subscription[]>(maipu, "query", "subscriptions.mine")).data;
    // Not through another commune.
    const foreign = await as(coquimbo(coquimboAdmin), "mutation", "subscriptions.withdraw", {
      id: pending!.id,
    });
    expect(foreign.status).toBe(404);
    const withdrawn = await as<Subscription>(maipu, "mutation", "subscriptions.withdraw", {
      id: pending!.id,
    });
    expect(withdrawn.data).toMatchObject({
      status: "canceled",
      entitlement: { state: "canceled", allowed: false },
    });
    const again = await as(maipu, "mutation", "subscriptions.withdraw", { id: pending!.id });
    expect(again.error?.data.appCode).toBe("subscriptions.invalid_state");
  });
});

describe("a platform admin activates the purchase order", () => {
  it("lists the pending orders with what the invoice needs; communes cannot", async () => {
    const pending = await as<
      Array<{
        id: string;
        commune: { code: string; name: string };
        module: { slug: string; provider: { code: string } };
        plan: Plan;
        purchaseOrderNumber: string;
        billing: { rut: string };
        requestedAt: string;
        requestedBy: { email: string } | null;
      }>
    >(platform(), "query", "subscriptions.pendingPurchaseOrders");
    expect(pending.data).toEqual([
      expect.objectContaining({
        id: subscriptionId,
        commune: expect.objectContaining({ code: "04102", name: "Coquimbo" }),
        module: expect.objectContaining({
          slug: "oirs-clasificador",
          provider: expect.objectContaining({ code: "04101" }),
        }),
        plan: expect.objectContaining({ id: planId, priceClp: 120_000 }),
        purchaseOrderNumber: "1234-56-SE26",
        billing: expect.objectContaining({ rut: "12345678-5" }),
        requestedBy: expect.objectContaining({ email: "admin@coquimbo.example" }),
      }),
    ]);
    for (const options of [coquimbo(coquimboAdmin), { token: ciarCoordinator.token }]) {
      const refused = await as(options, "query", "subscriptions.pendingPurchaseOrders");
      expect(refused.error?.data.appCode).toBe("platform.forbidden");
      const activate = await as(options, "mutation", "subscriptions.activate", { subscriptionId });
      expect(activate.error?.data.appCode).toBe("platform.forbidden");
    }
  });

  it("activates it for a month, with the first period's invoice and IVA, in the subscriber's log", async () => {
    const activated = await as<{
      subscription: { id: string; status: string; currentPeriodStart: string; currentPeriodEnd: string };
      invoice: Invoice;
    }>(platform(), "mutation", "subscriptions.activate", { subscriptionId });
    expect(activated.status).toBe(200);
    const { subscription, invoice } = activated.data;
    expect(subscription.status).toBe("active");
    const start = new Date(subscription.currentPeriodStart);
    const end = new Date(subscription.currentPeriodEnd);
    const days = (end.getTime() - start.getTime()) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(28);
    expect(days).toBeLessThanOrEqual(31);
    expect(invoice).toMatchObject({
      subscriptionId,
      source: "purchase_order",
      netClp: 120_000,
      ivaClp: 22_800,
      totalClp: 142_800,
      overageUnits: 0,
      status: "open",
      purchaseOrderNumber: "1234-56-SE26",
      periodStart: subscription.currentPeriodStart,
      periodEnd: subscription.currentPeriodEnd,
    });
    const again = await as(platform(), "mutation", "subscriptions.activate", { subscriptionId });
    expect(again.error?.data.appCode).toBe("subscriptions.invalid_state");
    const missing = await as(platform(), "mutation", "subscriptions.activate", {
      subscriptionId: "00000000-0000-4000-8000-000000000000",
    });
    expect(missing.status).toBe(404);

    const mine = await as<Subscription[]>(coquimbo(coquimboAdmin), "query", "subscriptions.mine");
    expect(mine.data.find((s) => s.id === subscriptionId)).toMatchObject({
      status: "active",
      entitlement: { state: "active", allowed: true },
      currentPeriodEnd: subscription.currentPeriodEnd,
    });
    const invoices = await as<Invoice[]>(coquimbo(coquimboAdmin), "query", "subscriptions.invoices");
    expect(invoices.data.map((i) => i.id)).toContain(invoice.id);
    // An editor may use modules but not read the invoices.
    const editor = await as(coquimbo(coquimboEditor), "query", "subscriptions.invoices");
    expect(editor.error?.data.appCode).toBe("permission.denied");
    const audit = await as<{ items: { action: string; entityId: string }[] }>(
      coquimbo(coquimboAdmin),
      "query",
      "audit.list",
      { limit: 100 },
    );
    expect(audit.data.items.filter((e) => e.entityId === subscriptionId).map((e) => e.action)).toEqual([
      "subscription.activated",
      "subscription.requested",
    ]);
  });

  it("lists the active purchase orders a page at a time, with this month's usage; communes cannot", async () => {
    const active = (input?: unknown) =>
      as<{
        items: Array<{
          id: string;
          commune: { code: string; name: string };
          module: { slug: string; name: string; provider: { code: string } };
          plan: Plan;
          purchaseOrderNumber: string | null;
          currentPeriodStart: string;
          currentPeriodEnd: string;
          usageThisMonth: { month: string; units: number; includedUnits: number; overUnits: number };
        }>;
        total: number;
        nextCursor: string | null;
      }>(platform(), "query", "subscriptions.activePurchaseOrders", input);
    const all = await active();
    expect(all.status).toBe(200);
    // Coquimbo's order just activated and the seeded DOM subscription; Maipú's withdrawn one is not.
    expect(all.data).toMatchObject({ total: 2, nextCursor: null });
    expect(all.data.items.map((s) => [s.commune.name, s.module.slug]).sort()).toEqual([
      ["Coquimbo", "dom-revision-permisos"],
      ["Coquimbo", "oirs-clasificador"],
    ]);
    const order = all.data.items.find((s) => s.id === subscriptionId);
    expect(order).toMatchObject({
      commune: { code: "04102", name: "Coquimbo" },
      module: { slug: "oirs-clasificador", provider: { code: "04101" } },
      plan: { id: planId, name: "Mensual", includedUnits: 100 },
      purchaseOrderNumber: "1234-56-SE26",
      usageThisMonth: { month: usageMonth(new Date()), units: 0, includedUnits: 100, overUnits: 0 },
    });
    expect(new Date(order!.currentPeriodEnd).getTime()).toBeGreaterThan(
      new Date(order!.currentPeriodStart).getTime(),
    );
    // One at a time: the cursor goes on where the page ended, without repeats or gaps.
    const first = await active({ limit: 1 });
    expect(first.data.items).toHaveLength(1);
    expect(first.data.nextCursor).toEqual(expect.any(String));
    const second = await active({ limit: 1, cursor: first.data.nextCursor });
    expect(second.data.nextCursor).toBeNull();
    expect([...first.data.items, ...second.data.items].map((s) => s.id)).toEqual(
      all.data.items.map((s) => s.id),
    );
    // A cursor that is not ours, or a page size out of bounds, is refused.
    const notOurs = await active({ cursor: "not-a-cursor" });
    expect(notOurs.status).toBe(400);
    expect(notOurs.error?.data.appCode).toBe("input.invalid_cursor");
    expect((await active({ limit: 101 })).status).toBe(400);

    for (const options of [serena(serenaAdmin), coquimbo(coquimboAdmin), { token: ciarCoordinator.token }]) {
      const refused = await as(options, "query", "subscriptions.activePurchaseOrders");
      expect(refused.status).toBe(403);
      expect(refused.error?.data.appCode).toBe("platform.forbidden");
    }
  });

  it("shows Coquimbo to La Serena among the module's subscribers, and the revenue", async () => {
    const subscribers = await as<
      Array<{
        id: string;
        commune: { code: string; name: string };
        plan: { name: string };
        method: string;
        status: string;
        since: string;
      }>
    >(serena(serenaAdmin), "query", "modules.subscribers", { moduleId });
    // Maipú's withdrawn request is listed too, with its status.
    expect(subscribers.data.map((s) => [s.commune.name, s.status])).toEqual([
      ["Coquimbo", "active"],
      ["Maipú", "canceled"],
    ]);
    expect(subscribers.data).toContainEqual(
      expect.objectContaining({
        id: subscriptionId,
        commune: expect.objectContaining({ code: "04102", name: "Coquimbo" }),
        plan: expect.objectContaining({ name: "Mensual" }),
        method: "purchase_order",
        status: "active",
      }),
    );
    const mine = await as<OwnModule[]>(serena(serenaAdmin), "query", "modules.mine", undefined);
    const oirs = mine.data.find((m) => m.id === moduleId)!;
    expect(oirs).toMatchObject({ subscriberCount: 1, pendingCount: 0, upstreamUrl: SECRET_UPSTREAM });
    expect(mine.data.find((m) => m.slug === "dom-revision-permisos")).toMatchObject({
      subscriberCount: 1,
      upstreamUrl: DEMO_UPSTREAM,
    });
    const report = await as<{
      moduleId: string | null;
      months: Array<{ month: string; units: number; invoices: number; netClp: number; totalClp: number }>;
      totals: { netClp: number; totalClp: number };
    }>(serena(serenaAdmin), "query", "modules.providerReport", { moduleId, months: 3 });
    expect(report.data.months).toHaveLength(3);
    expect(report.data.months.at(-1)).toMatchObject({
      month: usageMonth(new Date()),
      invoices: 1,
      netClp: 120_000,
      totalClp: 142_800,
    });
    const all = await as<{ totals: { netClp: number } }>(
      serena(serenaAdmin),
      "query",
      "modules.providerReport",
      undefined,
    );
    expect(all.data.totals.netClp).toBe(120_000 + 290_000);
    // Coquimbo's catalog now names Coquimbo as a user of the module.
    const page = await as<CatalogModule>(coquimbo(coquimboAdmin), "query", "modules.get", {
      slug: "oirs-clasificador",
    });
    expect(page.data.subscribers).toEqual([{ code: "04102", name: "Coquimbo" }]);
  });
});

describe("plan terms", () => {
  it("change only while nobody subscribed; a plan can always be renamed", async () => {
    const price = await as(serena(serenaAdmin), "mutation", "modules.updatePlan", {
      id: planId,
      priceClp: 1,
    });
    expect(price.status).toBe(409);
    expect(price.error?.data.appCode).toBe("plans.in_use");
    const renamed = await as<Plan>(serena(serenaAdmin), "mutation", "modules.updatePlan", {
      id: planId,
      name: "Mensual estándar",
    });
    expect(renamed.data).toMatchObject({ name: "Mensual estándar", priceClp: 120_000 });
    // Nobody subscribed to the (archived) yearly plan: its terms may change.
    const spare = await as<Plan>(serena(serenaAdmin), "mutation", "modules.updatePlan", {
      id: archivedPlanId,
      priceClp: 1_100_000,
      quotaPolicy: "block",
    });
    expect(spare.data).toMatchObject({ priceClp: 1_100_000, quotaPolicy: "block", status: "archived" });
  });
});

describe("API keys", () => {
  let key: string;
  let keyId: string;

  it("creates a key scoped to published modules, shown once and stored as a hash", async () => {
    const created = await as<{
      key: string;
      apiKey: { id: string; name: string; prefix: string; moduleIds: string[]; createdAt: string };
    }>(coquimbo(coquimboAdmin), "mutation", "apiKeys.create", {
      name: "Sistema de expedientes",
      moduleIds: [moduleId, domModuleId, moduleId],
    });
    expect(created.status).toBe(200);
    key = created.data.key;
    keyId = created.data.apiKey.id;
    expect(key).toMatch(/^ciar_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.data.apiKey).toEqual({
      id: keyId,
      name: "Sistema de expedientes",
      prefix: key.slice(0, 13),
      moduleIds: [moduleId, domModuleId],
      createdAt: expect.any(String),
    });
    const hash = createHash("sha256").update(key).digest("hex");
    const [row] = await t.db.owner.db.transaction(async (tx) => {
      await applySettings(tx, { communeId: t.communeId.coquimbo });
      return tx.select().from(apiKeys).where(eq(apiKeys.id, keyId));
    });
    // Only the SHA-256 of the whole key is stored.
    expect(row?.tokenHash).toBe(hash);
    expect(row?.prefix).toBe(key.slice(0, 13));

    const list = await as<
      Array<{ id: string; prefix: string; modules: { slug: string }[]; revokedAt: string | null }>
    >(coquimbo(coquimboAdmin), "query", "apiKeys.list");
    expect(list.data).toEqual([
      expect.objectContaining({ id: keyId, prefix: key.slice(0, 13), revokedAt: null }),
    ]);
    expect(list.data[0]!.modules.map((m) => m.slug).sort()).toEqual([
      "dom-revision-permisos",
      "oirs-clasificador",
    ]);
    expect(list.body).not.toContain(key);
    expect(list.body).not.toContain(hash);
    expect(list.body).not.toMatch(/tokenHash|token_hash/);
    const events = await t.db.owner.db.transaction(async (tx) => {
      await applySettings(tx, { communeId: t.communeId.coquimbo });
      return tx.select().from(auditLog).where(eq(auditLog.entityId, keyId));
    });
    expect(events.map((e) => e.action)).toEqual(["api_key.created"]);
    expect(JSON.stringify(events)).not.toContain(key.slice(14));
    expect(JSON.stringify(events)).not.toContain(hash);
  });

  it("refuses drafts, unknown modules, more than 50 and a viewer", async () => {
    for (const moduleIds of [[draftId], ["00000000-0000-4000-8000-000000000000"], [moduleId, draftId]]) {
      const result = await as(coquimbo(coquimboAdmin), "mutation", "apiKeys.create", {
        name: "Clave",
        moduleIds,
      });
      expect(result.status, JSON.stringify(moduleIds)).toBe(404);
      expect(result.error?.data.appCode).toBe("modules.not_found");
    }
    for (const moduleIds of [[], Array.from({ length: 51 }, () => moduleId), ["not-a-uuid"]]) {
      const result = await as(coquimbo(coquimboAdmin), "mutation", "apiKeys.create", {
        name: "Clave",
        moduleIds,
      });
      expect(result.status).toBe(400);
    }
    const editor = await as(coquimbo(coquimboEditor), "mutation", "apiKeys.create", {
      name: "Clave",
      moduleIds: [moduleId],
    });
    expect(editor.error?.data.appCode).toBe("permission.denied");
    const viewer = await as(serena(serenaViewer), "query", "apiKeys.list", undefined);
    expect(viewer.error?.data.appCode).toBe("permission.denied");
  });

  it("revokes a key of its own commune only, once", async () => {
    const serenaKey = await as<{ apiKey: { id: string } }>(
      serena(serenaAdmin),
      "mutation",
      "apiKeys.create",
      { name: "Pruebas", moduleIds: [domModuleId] },
    );
    const foreign = await as(coquimbo(coquimboAdmin), "mutation", "apiKeys.revoke", {
      id: serenaKey.data.apiKey.id,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.error?.data.appCode).toBe("apiKeys.not_found");
    const revoked = await as<{ id: string; revokedAt: string | null }>(
      coquimbo(coquimboAdmin),
      "mutation",
      "apiKeys.revoke",
      {
        id: keyId,
      },
    );
    expect(revoked.data.revokedAt).toEqual(expect.any(String));
    const again = await as<{ revokedAt: string | null }>(
      coquimbo(coquimboAdmin),
      "mutation",
      "apiKeys.revoke",
      {
        id: keyId,
      },
    );
    expect(again.data.revokedAt).toBe(revoked.data.revokedAt);
    const list = await as<Array<{ id: string; revokedAt: string | null }>>(
      coquimbo(coquimboAdmin),
      "query",
      "apiKeys.list",
    );
    expect(list.data.find((k) => k.id === keyId)?.revokedAt).toBe(revoked.data.revokedAt);
    expect(list.data.map((k) => k.id)).not.toContain(serenaKey.data.apiKey.id);
  });

  it("caps live keys per commune and module (10); revoking one frees its place", async () => {
    const create = () =>
      as<{ apiKey: { id: string } }>(serena(serenaAdmin), "mutation", "apiKeys.create", {
        name: "Tope",
        moduleIds: [domModuleId],
      });
    const made: string[] = [];
    let refused: Awaited<ReturnType<typeof create>> | undefined;
    for (let i = 0; i < 11 && !refused; i++) {
      const result = await create();
      if (result.status === 200) made.push(result.data.apiKey.id);
      else refused = result;
    }
    expect(refused?.status).toBe(409);
    expect(refused?.error?.data.appCode).toBe("apiKeys.too_many");
    const live = await as<Array<{ revokedAt: string | null; moduleIds: string[] }>>(
      serena(serenaAdmin),
      "query",
      "apiKeys.list",
    );
    expect(live.data.filter((k) => !k.revokedAt && k.moduleIds.includes(domModuleId))).toHaveLength(10);
    await as(serena(serenaAdmin), "mutation", "apiKeys.revoke", { id: made[0] });
    expect((await create()).status).toBe(200);
  });
});

describe("closing a month of purchase orders", () => {
  const previousMonth = () => {
    const [year, month] = usageMonth(new Date()).split("-").map(Number) as [number, number];
    return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, "0")}`;
  };

  it("bills the units over the quota once, however many times it runs", async () => {
    const month = previousMonth();
    // 103 calls last month on a plan that includes 100: 3 × 1 000 CLP net.
    await t.db.owner.db.transaction(async (tx) => {
      await applySettings(tx, { communeId: t.communeId.coquimbo });
      const [key] = await tx.select({ id: apiKeys.id }).from(apiKeys).limit(1);
      await tx.insert(usageRecords).values(
        Array.from({ length: 103 }, (_, i) => ({
          communeId: t.communeId.coquimbo,
          moduleId,
          providerCommuneId: t.communeId.laSerena,
          subscriptionId,
          apiKeyId: key!.id,
          month,
          idempotencyKey: `cierre-${i}`,
        })),
      );
    });
    const first = await as<{
      month: string;
      invoices: Array<Invoice & { commune: { code: string }; module: { slug: string }; usedUnits: number }>;
      alreadyInvoiced: number;
      withinQuota: number;
    }>(platform(), "mutation", "subscriptions.closeMonth", { month });
    expect(first.status).toBe(200);
    expect(first.data.invoices).toEqual([
      expect.objectContaining({
        subscriptionId,
        commune: expect.objectContaining({ code: "04102" }),
        module: expect.objectContaining({ slug: "oirs-clasificador" }),
        usedUnits: 103,
        overageUnits: 3,
        netClp: 3_000,
        ivaClp: 570,
        totalClp: 3_570,
      }),
    ]);
    // The seeded DOM subscription used nothing.
    expect(first.data.withinQuota).toBe(1);
    const second = await as<typeof first.data>(platform(), "mutation", "subscriptions.closeMonth", { month });
    expect(second.data).toMatchObject({ invoices: [], alreadyInvoiced: 1, withinQuota: 1 });
    const invoices = await as<Invoice[]>(coquimbo(coquimboAdmin), "query", "subscriptions.invoices", {
      subscriptionId,
    });
    expect(invoices.data.filter((i) => i.overageUnits > 0)).toHaveLength(1);

    const current = await as(platform(), "mutation", "subscriptions.closeMonth", {
      month: usageMonth(new Date()),
    });
    expect(current.error?.data.appCode).toBe("billing.month_not_closed");
    for (const bad of ["2026-13", "26-01", "2026-1", "'; drop table module_invoices; --"]) {
      const result = await as(platform(), "mutation", "subscriptions.closeMonth", { month: bad });
      expect(result.status, bad).toBe(400);
    }

    const usage = await as<{
      includedUnits: number;
      months: Array<{ month: string; units: number; overUnits: number }>;
    }>(coquimbo(coquimboAdmin), "query", "subscriptions.usage", { subscriptionId, months: 2 });
    expect(usage.data).toMatchObject({
      includedUnits: 100,
      months: [
        { month, units: 103, overUnits: 3 },
        { month: usageMonth(new Date()), units: 0, overUnits: 0 },
      ],
    });
    const foreignUsage = await as(serena(serenaAdmin), "query", "subscriptions.usage", { subscriptionId });
    expect(foreignUsage.status).toBe(404);
    const report = await as<{ months: Array<{ month: string; units: number }> }>(
      serena(serenaAdmin),
      "query",
      "modules.providerReport",
      { moduleId, months: 2 },
    );
    expect(report.data.months[0]).toMatchObject({ month, units: 103 });
  });
});

describe("retiring and ending", () => {
  it("keeps a retired module visible to its subscriber, out of the catalog and of new keys", async () => {
    const retired = await as<OwnModule>(serena(serenaAdmin), "mutation", "modules.retire", { id: moduleId });
    expect(retired.data.status).toBe("retired");
    const mine = await as<Subscription[]>(coquimbo(coquimboAdmin), "query", "subscriptions.mine");
    expect(mine.data.find((s) => s.id === subscriptionId)?.module).toMatchObject({
      slug: "oirs-clasificador",
      status: "retired",
    });
    const catalog = await as<{ items: CatalogModule[] }>(
      coquimbo(coquimboAdmin),
      "query",
      "modules.catalog",
      {
        limit: 100,
      },
    );
    expect(catalog.data.items.map((m) => m.slug)).not.toContain("oirs-clasificador");
    const key = await as(coquimbo(coquimboAdmin), "mutation", "apiKeys.create", {
      name: "Tarde",
      moduleIds: [moduleId],
    });
    expect(key.error?.data.appCode).toBe("modules.not_found");
    // Maipú, not a subscriber, does not see it at all.
    const maipu = await as({ token: maipuAdmin.token, commune: t.communeId.maipu }, "query", "modules.get", {
      slug: "oirs-clasificador",
    });
    expect(maipu.status).toBe(404);
  });

  it("lets the platform end a purchase order that is not renewed", async () => {
    const ended = await as<{ id: string; status: string; canceledAt: string }>(
      platform(),
      "mutation",
      "subscriptions.end",
      { subscriptionId },
    );
    expect(ended.data).toMatchObject({
      id: subscriptionId,
      status: "canceled",
      canceledAt: expect.any(String),
    });
    const again = await as(platform(), "mutation", "subscriptions.end", { subscriptionId });
    expect(again.error?.data.appCode).toBe("subscriptions.invalid_state");
    const active = await as<{ items: Array<{ id: string }>; total: number }>(
      platform(),
      "query",
      "subscriptions.activePurchaseOrders",
    );
    expect(active.data.items.map((s) => s.id)).not.toContain(subscriptionId);
    expect(active.data.total).toBe(1);
    const mine = await as<Subscription[]>(coquimbo(coquimboAdmin), "query", "subscriptions.mine");
    expect(mine.data.at(-1)).toMatchObject({
      id: subscriptionId,
      entitlement: { state: "canceled", allowed: false },
    });
  });
});

describe("hostile input", () => {
  const hostile: unknown[] = [
    null,
    42,
    "string",
    [],
    { limit: -1 },
    { limit: 1e9 },
    { id: "'; drop table modules; --" },
    { moduleId: "../../etc/passwd", planId: 1 },
    { slug: "%' or 1=1 --" },
    { query: "%' or 1=1 --", cursor: "'; drop table modules; --" },
    { name: "<script>alert(1)</script>".repeat(50), moduleIds: "all" },
    { month: { $gt: "" } },
  ];
  const procedures: Array<[string, "query" | "mutation", () => CallOptions]> = [
    ["modules.create", "mutation", () => serena(serenaAdmin)],
    ["modules.update", "mutation", () => serena(serenaAdmin)],
    ["modules.setUpstream", "mutation", () => serena(serenaAdmin)],
    ["modules.addPlan", "mutation", () => serena(serenaAdmin)],
    ["modules.updatePlan", "mutation", () => serena(serenaAdmin)],
    ["modules.archivePlan", "mutation", () => serena(serenaAdmin)],
    ["modules.publish", "mutation", () => serena(serenaAdmin)],
    ["modules.retire", "mutation", () => serena(serenaAdmin)],
    ["modules.mine", "query", () => serena(serenaAdmin)],
    ["modules.subscribers", "query", () => serena(serenaAdmin)],
    ["modules.providerReport", "query", () => serena(serenaAdmin)],
    ["modules.catalog", "query", () => coquimbo(coquimboAdmin)],
    ["modules.get", "query", () => coquimbo(coquimboAdmin)],
    ["subscriptions.subscribePurchaseOrder", "mutation", () => coquimbo(coquimboAdmin)],
    ["subscriptions.withdraw", "mutation", () => coquimbo(coquimboAdmin)],
    ["subscriptions.mine", "query", () => coquimbo(coquimboAdmin)],
    ["subscriptions.usage", "query", () => coquimbo(coquimboAdmin)],
    ["subscriptions.invoices", "query", () => coquimbo(coquimboAdmin)],
    ["subscriptions.pendingPurchaseOrders", "query", platform],
    ["subscriptions.activePurchaseOrders", "query", platform],
    ["subscriptions.activate", "mutation", platform],
    ["subscriptions.end", "mutation", platform],
    ["subscriptions.closeMonth", "mutation", platform],
    ["apiKeys.create", "mutation", () => coquimbo(coquimboAdmin)],
    ["apiKeys.list", "query", () => coquimbo(coquimboAdmin)],
    ["apiKeys.revoke", "mutation", () => coquimbo(coquimboAdmin)],
  ];

  it.each(procedures)("%s never answers 5xx nor leaks SQL or stacks", async (path, kind, options) => {
    for (const input of hostile) {
      const result = await call(t, kind, path, input, options());
      expect(result.status, `${path} ${JSON.stringify(input)}`).toBeLessThan(500);
      expect(result.body).not.toMatch(/select |insert into|update "|drizzle|postgres|at .*\.ts:\d+|stack/i);
    }
  });

  it("without a token, every procedure answers UNAUTHORIZED", async () => {
    for (const [path, kind] of procedures) {
      const result = await call(t, kind, path, {}, { commune: t.communeId.laSerena });
      expect(result.status, path).toBe(401);
    }
  });
});

describe("the provider's upstream URLs", () => {
  it("appear in no answer to anyone but the provider", () => {
    expect(foreignBodies.length).toBeGreaterThan(30);
    for (const [path, body] of foreignBodies) {
      for (const secret of [
        SECRET_UPSTREAM,
        DRAFT_UPSTREAM,
        DEMO_UPSTREAM,
        "oirs-interno",
        "borrador-secreto.laserena",
      ]) {
        expect(body, path).not.toContain(secret);
      }
      expect(body, path).not.toMatch(/upstream/i);
    }
  });
});
