// The provider's side of shared modules, one browser context per person: La Serena's admin
// publishes one of La Serena's use cases as a module (a draft first), adds a plan that bills use
// over its quota, sees its price with IVA, and publishes it; Maipú's admin then finds it in the
// module catalog with the same price. Same harness as the other suites: the built server with a
// fresh database and the demo seed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./support/harness";

const USE_CASE = "Clasificación automática de solicitudes OIRS (borrador de ejemplo)";
const MODULE = "Clasificador de solicitudes OIRS";
const SLUG = "clasificador-de-solicitudes-oirs";
// 150 000 net + 28 500 IVA = 178 500 a month; 120 net per extra unit + 22.8 → 23 IVA = 143.
const PRICE_WITH_IVA = /\$178\.500 al mes/;

let h: Harness;

beforeAll(async () => {
  h = await startHarness("provider-modules");
});

afterAll(() => h?.stop());

describe("provider modules scenario", () => {
  it("La Serena's admin publishes a use case as a module with an overage plan; Maipú finds it in the catalog", async () => {
    const laSerena = await h.signIn("admin@laserena.example");
    await laSerena.goto("/c/04101/mis-modulos");
    await laSerena.getByRole("heading", { level: 1, name: "Mis módulos" }).waitFor();
    await laSerena.getByRole("link", { name: "Publicar un módulo" }).click();
    await laSerena.getByRole("heading", { level: 1, name: "Publicar un módulo" }).waitFor();

    // The draft: the slug follows the name until edited; a wrong address is refused in the form.
    await laSerena.getByLabel("Caso de uso", { exact: true }).selectOption({ label: USE_CASE });
    await laSerena.getByLabel("Nombre del módulo").fill(MODULE);
    expect(await laSerena.getByLabel("Identificador").inputValue()).toBe(SLUG);
    await laSerena
      .getByLabel("Descripción")
      .fill("Clasifica las solicitudes OIRS por tema y área responsable (ejemplo).");
    await laSerena.getByLabel("Unidad de uso").fill("solicitud clasificada");
    await laSerena.getByLabel("Dirección del servicio").fill("oirs.laserena.example");
    await laSerena.getByRole("button", { name: "Crear borrador" }).click();
    await laSerena.getByText("Escribe una dirección web completa", { exact: false }).waitFor();
    await laSerena.getByLabel("Dirección del servicio").fill("https://oirs.laserena.example/api");
    await laSerena.getByRole("button", { name: "Crear borrador" }).click();

    await laSerena.waitForURL(/\/c\/04101\/mis-modulos\/[0-9a-f-]{36}$/);
    await laSerena.getByRole("heading", { level: 1, name: MODULE }).waitFor();
    await laSerena.getByText("Estado: borrador").waitFor();
    const publish = laSerena.getByRole("button", { name: "Publicar en el catálogo" });
    expect(await publish.isDisabled()).toBe(true);

    // A plan billing each unit over its quota, previewed with IVA as it is typed.
    await laSerena.getByLabel("Nombre del plan").fill("Estándar");
    await laSerena.getByLabel("Precio neto (CLP)").fill("150.000");
    await laSerena.getByLabel("Cuota mensual incluida").fill("1000");
    await laSerena
      .getByLabel("Al agotar la cuota")
      .selectOption({ label: "Permitir y cobrar cada unidad adicional" });
    await laSerena.getByLabel("Precio neto por unidad adicional (CLP)").fill("120");
    await laSerena.getByText(/Con IVA: \$178\.500 al mes/).waitFor();
    await laSerena.getByRole("button", { name: "Agregar plan" }).click();
    const plan = laSerena.getByRole("article", { name: "Estándar" });
    await plan.getByText(PRICE_WITH_IVA).waitFor();
    await plan.getByText("$120 neto ($143 con IVA) por cada solicitud clasificada adicional").waitFor();

    await publish.click();
    await laSerena.getByText("Estado: publicado").waitFor();
    await laSerena.getByRole("button", { name: "Retirar del catálogo" }).waitFor();

    const maipu = await h.signIn("admin@maipu.example");
    await maipu.goto("/c/13119/modulos");
    await maipu.getByRole("heading", { level: 1, name: "Módulos compartidos" }).waitFor();
    const card = maipu.getByRole("article", { name: MODULE });
    await card.getByText(/Lo ofrece .*La Serena/).waitFor();
    await card.getByText(PRICE_WITH_IVA).first().waitFor();
    await card.getByText("$120 neto ($143 con IVA) por cada solicitud clasificada adicional").waitFor();
  });
});
