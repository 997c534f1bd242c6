import { withIva } from "@ciar/domain/billing/pricing";
import { and, eq, like, sql } from "drizzle-orm";
import type { Tx } from "../client";
import {
  moduleInvoices,
  modulePlans,
  modules,
  moduleUpstreams,
  subscriptions,
  useCases,
} from "../schema/index";
import { applySettings } from "../tenant-transaction";

export const DEMO_MODULE_SLUG = "dom-revision-permisos";
/** The example service the module gateway forwards to (served by the API process itself), unless
 * the server's configuration (EXAMPLE_MODULE_UPSTREAM) names another. */
export const DEMO_MODULE_UPSTREAM = "http://127.0.0.1:3000/examples/dom-permisos";
export const DEMO_PURCHASE_ORDER = "2401-15-SE26";

const DOCUMENTATION = `# Revisión de permisos de edificación (ejemplo)

**Módulo de ejemplo de la demostración**: responde con datos inventados y no revisa expedientes reales.

Recibe los antecedentes de una solicitud de permiso de edificación de obra nueva y devuelve una
lista de verificación normativa con observaciones sugeridas para el arquitecto revisor de la DOM,
que siempre decide.

## Cómo llamarlo

\`\`\`http
POST /modules/dom-revision-permisos/revisar
Authorization: Bearer <clave de API de tu comuna>
Idempotency-Key: <identificador único de la solicitud>
Content-Type: application/json

{ "expediente": "PE-2026-0142", "documentos": ["formulario", "planos", "certificado de informaciones previas"] }
\`\`\`

Cada llamada exitosa cuenta un **expediente revisado**. Reintentar con la misma
\`Idempotency-Key\` no se cuenta de nuevo.
`;

/**
 * The demo's shared module: La Serena offers its DOM permit assistant (an example service) and
 * Coquimbo subscribes by purchase order, activated by the platform with its first invoice. Runs in
 * the seed's owner transaction with the settings each write needs, because FORCE RLS applies to
 * the owner too and the subscription guard only lets a platform admin activate.
 */
export async function seedDemoModules(
  tx: Tx,
  communeIdByCut: Map<string, string>,
  adminIdOf: (cut: string) => string | undefined,
  platformAdminId: string | undefined,
  upstreamUrl: string = DEMO_MODULE_UPSTREAM,
): Promise<number> {
  const laSerena = communeIdByCut.get("04101");
  const coquimbo = communeIdByCut.get("04102");
  if (!laSerena || !coquimbo || !platformAdminId) return 0;
  const serenaAdmin = adminIdOf("04101") ?? null;

  await applySettings(tx, { communeId: laSerena, userId: serenaAdmin });
  const [useCase] = await tx
    .select({ id: useCases.id })
    .from(useCases)
    .where(
      and(
        eq(useCases.communeId, laSerena),
        like(useCases.title, "Asistente de IA para la revisión de permisos de edificación en la DOM%"),
      ),
    );
  if (!useCase) return 0;

  const [module] = await tx
    .insert(modules)
    .values({
      communeId: laSerena,
      useCaseId: useCase.id,
      slug: DEMO_MODULE_SLUG,
      name: "Revisión de permisos de edificación DOM (ejemplo)",
      description:
        "Revisa la completitud de un expediente de permiso de edificación y sugiere observaciones al revisor de la DOM. Servicio de ejemplo de la demostración.",
      documentation: DOCUMENTATION,
      status: "published",
      usageUnit: "expediente revisado",
      isExample: true,
      createdBy: serenaAdmin,
      publishedAt: new Date("2026-10-15T12:00:00Z"),
    })
    .returning({ id: modules.id });
  const moduleId = module!.id;
  await tx.insert(moduleUpstreams).values({
    moduleId,
    communeId: laSerena,
    upstreamUrl,
  });
  const [monthly] = await tx
    .insert(modulePlans)
    .values([
      {
        moduleId,
        communeId: laSerena,
        name: "Mensual",
        interval: "month",
        priceClp: 290_000,
        includedUnits: 500,
        overageUnitPriceClp: 450,
        quotaPolicy: "overage",
      },
      {
        moduleId,
        communeId: laSerena,
        name: "Mensual con tope",
        interval: "month",
        priceClp: 190_000,
        includedUnits: 300,
        overageUnitPriceClp: 0,
        quotaPolicy: "block",
      },
    ])
    .returning({ id: modulePlans.id, priceClp: modulePlans.priceClp });

  // Coquimbo asks by purchase order (pending), as its admin would...
  await applySettings(tx, { communeId: coquimbo, userId: adminIdOf("04102") ?? null });
  const [subscription] = await tx
    .insert(subscriptions)
    .values({
      communeId: coquimbo,
      moduleId,
      planId: monthly!.id,
      providerCommuneId: laSerena,
      method: "purchase_order",
      status: "pending",
      purchaseOrderNumber: DEMO_PURCHASE_ORDER,
      billing: {
        rut: "69999999-7",
        name: "Ilustre Municipalidad de Coquimbo (datos de demostración)",
        address: "Calle de ejemplo 123, Coquimbo",
        email: "finanzas@coquimbo.example",
      },
      isDemo: true,
      createdBy: adminIdOf("04102") ?? null,
    })
    .returning({ id: subscriptions.id });

  // ...and the platform activates it once the order is accepted, with the first period's invoice.
  await applySettings(tx, { userId: platformAdminId });
  const [active] = await tx
    .update(subscriptions)
    .set({
      status: "active",
      currentPeriodStart: sql`now()`,
      // PostgreSQL adds the calendar month (31 Jan + 1 month = 28/29 Feb), as the API does.
      currentPeriodEnd: sql`now() + interval '1 month'`,
      activatedAt: sql`now()`,
      activatedBy: platformAdminId,
      updatedAt: new Date(),
    })
    .where(and(eq(subscriptions.communeId, coquimbo), eq(subscriptions.id, subscription!.id)))
    .returning({
      currentPeriodStart: subscriptions.currentPeriodStart,
      currentPeriodEnd: subscriptions.currentPeriodEnd,
    });
  const amounts = withIva(monthly!.priceClp);
  await tx.insert(moduleInvoices).values({
    communeId: coquimbo,
    subscriptionId: subscription!.id,
    providerCommuneId: laSerena,
    source: "purchase_order",
    periodStart: active!.currentPeriodStart!,
    periodEnd: active!.currentPeriodEnd!,
    netClp: amounts.net,
    ivaClp: amounts.iva,
    totalClp: amounts.gross,
    purchaseOrderNumber: DEMO_PURCHASE_ORDER,
  });
  await applySettings(tx, { communeId: null, userId: null });
  return 1;
}
