// Shared modules, one browser context per person: Maipú's admin finds La Serena's example module
// in the catalog, with its price with IVA, and asks for it by purchase order; the platform admin
// activates the order; Maipú's admin sees the subscription active and creates an API key, shown
// once, whose prefix then appears in the list; Maipú's admin gives the next period's order, which the
// platform admin finds among the active purchase orders and activates (the renewal becomes the
// order in force, the next period follows the current one); the platform admin then ends the
// subscription, Maipú sees it canceled, and the platform admin closes the previous month. Same harness as the other suites: the built server with a fresh
// database and the demo seed (no Stripe: purchase orders only).
import { usageMonth } from "@ciar/domain/billing/entitlement";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./support/harness";

const MODULE = "Revisión de permisos de edificación DOM (ejemplo)";
const PURCHASE_ORDER = "5555-12-SE26";
const RENEWAL_ORDER = "5555-13-SE27";
const KEY_NAME = "Sistema de la DOM de Maipú";

let h: Harness;
let maipu: Page;
let platform: Page;

beforeAll(async () => {
  h = await startHarness("modules");
});

afterAll(() => h?.stop());

describe("shared modules scenario", () => {
  it("Maipú's admin finds the example module with its price with IVA and asks for it by purchase order", async () => {
    maipu = await h.signIn("admin@maipu.example");
    await maipu.goto("/c/13119/modulos");
    await maipu.getByRole("heading", { level: 1, name: "Módulos compartidos" }).waitFor();
    await maipu
      .getByText("Las suscripciones se contratan solo por orden de compra", { exact: false })
      .waitFor();
    const card = maipu.getByRole("article", { name: new RegExp(MODULE.replace(/[()]/g, "\\$&")) });
    await card.getByText("Ejemplo", { exact: true }).waitFor();
    // 290 000 net + 55 100 IVA = 345 100 a month.
    await card
      .getByText(/\$345\.100 al mes/)
      .first()
      .waitFor();
    await card.getByText("Se bloquea al agotar la cuota").waitFor();

    await card.getByRole("link", { name: MODULE }).click();
    await maipu
      .getByRole("heading", { level: 1, name: new RegExp(MODULE.replace(/[()]/g, "\\$&")) })
      .waitFor();
    await maipu.getByLabel("Número de orden de compra").fill(PURCHASE_ORDER);
    await maipu.getByLabel("RUT", { exact: true }).fill("69.071.500-7");
    await maipu.getByLabel("Razón social").fill("Ilustre Municipalidad de Maipú");
    await maipu.getByLabel("Dirección").fill("Avenida Cinco de Abril 0260, Maipú");
    await maipu.getByLabel("Correo de facturación").fill("finanzas@maipu.example");
    await maipu.getByRole("button", { name: "Solicitar por orden de compra" }).click();
    await maipu.waitForURL(/\/c\/13119\/suscripciones$/);
    const subscription = maipu.getByRole("article", { name: new RegExp(MODULE.replace(/[()]/g, "\\$&")) });
    await subscription.getByText("Estado: Pendiente de orden de compra").waitFor();
    await subscription.getByText(PURCHASE_ORDER).waitFor();
  });

  it("the platform admin activates the purchase order", async () => {
    platform = await h.signIn("plataforma@ciar.example");
    await platform.getByRole("link", { name: "Órdenes de compra" }).click();
    await platform.getByRole("heading", { level: 1, name: "Órdenes de compra", exact: true }).waitFor();
    const order = platform.getByRole("article", { name: new RegExp(PURCHASE_ORDER) });
    await order
      .getByText("69.071.500-7", { exact: false })
      .or(order.getByText("69071500-7", { exact: false }))
      .first()
      .waitFor();
    await order.getByRole("button", { name: "Activar" }).click();
    const dialog = platform.getByRole("dialog", { name: "¿Activar la suscripción?" });
    await dialog.getByRole("button", { name: "Activar" }).click();
    await order.waitFor({ state: "detached" });
  });

  it("Maipú's admin sees the subscription active and creates an API key shown once", async () => {
    await maipu.goto("/c/13119/suscripciones");
    const subscription = maipu.getByRole("article", { name: new RegExp(MODULE.replace(/[()]/g, "\\$&")) });
    await subscription.getByText("Estado: Activa").waitFor();

    await maipu.getByRole("link", { name: "Claves API" }).click();
    await maipu.getByRole("heading", { level: 1, name: "Claves API" }).waitFor();
    await maipu.getByLabel("Nombre", { exact: true }).fill(KEY_NAME);
    await maipu.getByRole("group", { name: "Módulos" }).getByRole("checkbox", { name: MODULE }).check();
    await maipu.getByRole("button", { name: "Crear clave" }).click();
    await maipu.getByRole("heading", { level: 2, name: "Clave creada" }).waitFor();
    await maipu.getByText("es la única vez que se muestra", { exact: false }).waitFor();
    const key = await maipu.getByLabel("Clave API", { exact: true }).inputValue();
    expect(key).toMatch(/^ciar_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    const prefix = key.split("_").slice(0, 2).join("_");
    const row = maipu.getByRole("row", { name: new RegExp(KEY_NAME) });
    await row.getByText(prefix, { exact: true }).waitFor();

    // Once dismissed, the key is gone from the page: only its prefix remains.
    await maipu.getByRole("button", { name: "Listo, ya la copié" }).click();
    await maipu.getByRole("heading", { level: 2, name: "Crear una clave" }).waitFor();
    expect(await maipu.getByText(key).count()).toBe(0);
    await row.getByText(prefix, { exact: true }).waitFor();
  });

  it("La Serena's admin, the provider, sees Maipú among the module's subscribers", async () => {
    const laSerena = await h.signIn("admin@laserena.example");
    await laSerena.goto("/c/04101/mis-modulos");
    await laSerena.getByRole("heading", { level: 1, name: "Mis módulos" }).waitFor();
    await laSerena.getByRole("heading", { level: 2, name: "Consumo e ingresos" }).waitFor();
    await laSerena.getByLabel("Módulo", { exact: true }).selectOption({ label: MODULE });
    const subscribers = laSerena.getByRole("region", { name: "Comunas suscritas" });
    await subscribers.getByRole("row", { name: /Maipú/ }).getByRole("cell", { name: "Activa" }).waitFor();
    await subscribers.getByRole("row", { name: /Coquimbo/ }).waitFor();
  });

  it("Maipú's admin gives the next period's order and the platform admin activates the renewal", async () => {
    await maipu.goto("/c/13119/suscripciones");
    const subscription = maipu.getByRole("article", { name: new RegExp(MODULE.replace(/[()]/g, "\\$&")) });
    await subscription.getByText("Estado: Activa").waitFor();
    const period = subscription.locator('dt:text-is("Período actual") + dd');
    const [start, end] = (await period.innerText()).split(" – ");
    expect(end).toBeTruthy();
    const renewal = subscription.getByRole("region", { name: "Renovación de la orden de compra" });
    await renewal.getByText(`La orden de compra ${PURCHASE_ORDER} cubre hasta el ${end}.`).waitFor();

    // The order in force is not a renewal: said next to the field.
    const number = renewal.getByLabel("Orden de compra del próximo período");
    await number.fill(PURCHASE_ORDER);
    await renewal.getByRole("button", { name: "Renovar orden de compra" }).click();
    await renewal.getByText("Esa es la orden de compra vigente", { exact: false }).waitFor();
    await number.fill(RENEWAL_ORDER);
    await renewal.getByRole("button", { name: "Renovar orden de compra" }).click();
    await renewal
      .getByText(new RegExp(`^Renovación pendiente: OC ${RENEWAL_ORDER} \\(dada el .+\\)\\.$`))
      .waitFor();
    await renewal.getByRole("button", { name: "Reemplazar la orden de renovación" }).waitFor();
    // Until the platform activates it, the order in force and the period stay.
    await subscription
      .locator('dt:text-is("Número de orden de compra") + dd')
      .getByText(PURCHASE_ORDER)
      .waitFor();
    expect(await period.innerText()).toBe(`${start} – ${end}`);

    await platform.goto("/plataforma/ordenes-de-compra");
    const active = platform.getByRole("region", { name: "Suscripciones activas por orden de compra" });
    const row = active.getByRole("row", { name: new RegExp(`Maipú.*${PURCHASE_ORDER}`) });
    await row.getByText(`Renovación: OC ${RENEWAL_ORDER}`).waitFor();
    await row.getByRole("button", { name: "Activar renovación" }).click();
    const dialog = platform.getByRole("dialog", { name: "¿Activar la renovación?" });
    await dialog
      .getByText(`con la orden de compra ${RENEWAL_ORDER}, que reemplaza a la OC ${PURCHASE_ORDER}`, {
        exact: false,
      })
      .waitFor();
    // The period's invoice record, at the plan Maipú chose (the cheapest, listed first):
    // 190 000 net + 36 100 IVA.
    await row.getByRole("cell", { name: "Mensual con tope", exact: true }).waitFor();
    await dialog
      .getByText(/^Se registrará la factura del período: \$190\.000 \+ IVA \$36\.100 = \$226\.100\./)
      .waitFor();
    await dialog.getByRole("button", { name: "Activar renovación" }).click();
    await active
      .getByText(new RegExp(`^Renovación activada: Maipú, OC ${RENEWAL_ORDER}, nuevo período del `))
      .waitFor();
    await active.getByRole("row", { name: new RegExp(`Maipú.*${RENEWAL_ORDER}`) }).waitFor();
    expect(await dialog.isVisible()).toBe(false);
    expect(await active.getByText(`Renovación: OC ${RENEWAL_ORDER}`).count()).toBe(0);

    // Maipú: the renewal is the order in force, and the next period follows the current one.
    await maipu.reload();
    await subscription.getByText("Estado: Activa").waitFor();
    await subscription
      .locator('dt:text-is("Número de orden de compra") + dd')
      .getByText(RENEWAL_ORDER)
      .waitFor();
    const [nextStart, nextEnd] = (await period.innerText()).split(" – ");
    expect(nextStart).toBe(end);
    expect(nextEnd).toBeTruthy();
    expect(nextEnd).not.toBe(end);
    await renewal.getByText(`La orden de compra ${RENEWAL_ORDER} cubre hasta el ${nextEnd}.`).waitFor();
    expect(await renewal.getByText("Renovación pendiente", { exact: false }).count()).toBe(0);
  });

  it("the platform admin sees Maipú's subscription among the active ones and ends it", async () => {
    await platform.goto("/plataforma/ordenes-de-compra");
    const active = platform.getByRole("region", { name: "Suscripciones activas por orden de compra" });
    // Under the renewal's order, now the order in force.
    const row = active.getByRole("row", { name: new RegExp(`Maipú.*${RENEWAL_ORDER}`) });
    await row.getByRole("cell", { name: MODULE }).waitFor();
    // No calls yet this month: none of the plan's included units used.
    await row.getByText(/^0 de [\d.]+ incluidas$/).waitFor();
    // Coquimbo's seeded subscription is listed too, and stays.
    const coquimbo = active.getByRole("row", { name: /Coquimbo/ });
    await coquimbo.waitFor();

    await row.getByRole("button", { name: "Terminar suscripción" }).click();
    const dialog = platform.getByRole("dialog", { name: "¿Terminar la suscripción?" });
    await dialog.getByText("Maipú dejará de poder usar", { exact: false }).waitFor();
    await dialog.getByRole("button", { name: "Terminar suscripción" }).click();
    await row.waitFor({ state: "detached" });
    await coquimbo.waitFor();
    expect(await dialog.isVisible()).toBe(false);

    await maipu.goto("/c/13119/suscripciones");
    const subscription = maipu.getByRole("article", { name: new RegExp(MODULE.replace(/[()]/g, "\\$&")) });
    await subscription.getByText("Estado: Cancelada").waitFor();
  });

  it("the platform admin closes the previous month, which is chosen by default", async () => {
    const close = platform.getByRole("region", { name: "Cerrar mes" });
    const month = close.getByLabel("Mes", { exact: true });
    const [year, current] = usageMonth(new Date()).split("-").map(Number) as [number, number];
    const previous = current === 1 ? `${year - 1}-12` : `${year}-${String(current - 1).padStart(2, "0")}`;
    expect(await month.inputValue()).toBe(previous);
    await close.getByRole("button", { name: "Cerrar mes" }).click();
    // Nothing over quota in the demo: no overage invoice, the active subscription within its quota.
    await close
      .getByRole("status")
      .getByText(/^Cierre de .+: se crearon 0 facturas de sobreconsumo\./)
      .waitFor();
  });
});
