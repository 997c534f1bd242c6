// Indicators, custom groups and autosave across pages, one browser context per person: CIAR's
// coordinator reads the coalition's indicators and creates a custom group with La Serena in it;
// La Serena's admin compares the commune with that group, leaves the self-assessment right after
// a change (the change is saved all the same), and links a use-case KPI to a coalition indicator.
// Same harness as the other suites: the built server with a fresh database and the demo seed.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./support/harness";

const GROUP = "Ciudades puerto (prueba de flujo)";
const GROUP_DESCRIPTION = "Comunas con puerto, para comparar sus trámites (prueba de flujo).";
const PERMIT_DAYS = "Días promedio para resolver permisos de edificación de obra nueva (DOM)";
const PERMITS_IN_TIME = "Permisos de edificación resueltos dentro del plazo legal";
const DEMO_CASE = "Asistente de IA para la revisión de permisos de edificación en la DOM (caso de ejemplo)";
const QUARTER = "3.er trimestre 2026";

let h: Harness;
let laSerena: Page;

beforeAll(async () => {
  h = await startHarness("links");
});

afterAll(() => h?.stop());

describe("indicators, custom groups and autosave scenario", () => {
  it("the coordinator reads the coalition's indicators and groups La Serena with two members", async () => {
    const coordinator = await h.signIn("coordinacion@ciar.example", /\/coaliciones\/ciar-chile$/);
    await coordinator.goto("/coaliciones/ciar-chile/indicadores");
    await coordinator.getByRole("heading", { level: 1, name: "Tendencias de indicadores" }).waitFor();
    const catalog = coordinator.getByRole("region", { name: "Indicadores de la coalición" });
    const row = catalog.getByRole("row", { name: new RegExp(PERMIT_DAYS.replace(/[()]/g, "\\$&")) });
    await row.getByText("dom_dias_permiso_edificacion", { exact: true }).waitFor();
    await row.getByRole("cell", { name: "Menor es mejor" }).waitFor();
    await row.getByText(/plazo normativo de 30 días corridos/).waitFor();
    const source = row.getByRole("link", { name: `Ver fuente de ${PERMIT_DAYS}` });
    expect(await source.getAttribute("href")).toBe("https://lab.gob.cl/govtech/bases/problema");
    // The indicator chosen above the catalog drives the chart, as before.
    await coordinator
      .getByLabel("Indicador", { exact: true })
      .selectOption({ label: `${PERMIT_DAYS} (días corridos)` });
    await coordinator.getByRole("heading", { level: 2, name: PERMIT_DAYS }).waitFor();

    await coordinator.goto("/coaliciones/ciar-chile/grupos");
    await coordinator.getByRole("heading", { level: 1, name: "Grupos de comparación" }).waitFor();
    await coordinator.getByLabel("Nombre del grupo").fill(GROUP);
    await coordinator.getByLabel("Descripción").fill(GROUP_DESCRIPTION);
    const communes = coordinator.getByRole("group", { name: "Comunas del grupo" });
    await communes.getByRole("checkbox", { name: /^La Serena / }).check();
    const others = communes.getByRole("checkbox").filter({ hasNotText: "La Serena" });
    await others.nth(0).check();
    await others.nth(1).check();
    await coordinator.getByRole("button", { name: "Crear grupo" }).click();
    await coordinator.getByRole("heading", { level: 3, name: GROUP }).waitFor();
  });

  it("La Serena's admin compares the commune with the coordination's group it belongs to", async () => {
    laSerena = await h.signIn("admin@laserena.example", /\/c\/04101\/miembros$/);
    await laSerena.goto("/c/04101/progreso");
    await laSerena.getByRole("heading", { level: 1, name: "Comparación con comunas pares" }).waitFor();
    const group = laSerena.getByLabel("Comparar con");
    await group.selectOption({ label: GROUP });
    await laSerena.getByText(GROUP_DESCRIPTION).waitFor();
    await laSerena.getByText("Grupo de 3 comunas en CIAR Chile.").waitFor();

    // The same groups on the indicators page, against the commune's own values.
    await laSerena.goto("/c/04101/indicadores");
    await laSerena.getByRole("heading", { level: 2, name: "Frente a comunas pares" }).waitFor();
    await laSerena.getByLabel("Comparar con").selectOption({ label: GROUP });
    await laSerena.getByText(GROUP_DESCRIPTION).waitFor();
  });

  it("a change made right before leaving the self-assessment is saved", async () => {
    await laSerena.goto("/c/04101/autoevaluaciones");
    await laSerena.getByRole("link", { name: QUARTER }).click();
    await laSerena.getByRole("heading", { level: 1, name: `Autoevaluación del ${QUARTER}` }).waitFor();
    const assessmentPath = new URL(laSerena.url()).pathname;
    const eg1 = laSerena.getByRole("group", { name: /^EG1 / });
    const top = eg1.getByRole("radio", { name: /^Nivel 5/ });
    const level = (await top.isChecked()) ? "Nivel 4" : "Nivel 5";
    await eg1.getByRole("radio", { name: new RegExp(`^${level}`) }).check();
    // Well within the autosave's pause: the form closes with the change still waiting.
    await laSerena.getByRole("link", { name: "Volver a las autoevaluaciones" }).click();
    await laSerena.waitForURL(/\/c\/04101\/autoevaluaciones$/);

    // Back inside the app (a full reload here would cut the request the closing form sent).
    await laSerena.getByRole("link", { name: QUARTER }).click();
    await laSerena.waitForURL((url) => url.pathname === assessmentPath);
    await laSerena.getByRole("heading", { level: 1, name: `Autoevaluación del ${QUARTER}` }).waitFor();
    const reopened = laSerena.getByRole("group", { name: /^EG1 / });
    expect(await reopened.getByRole("radio", { name: new RegExp(`^${level}`) }).isChecked()).toBe(true);
    // The form continues from the saved version: the next change saves without a conflict.
    await reopened.getByRole("radio", { name: /^Nivel 3/ }).check();
    await laSerena.getByText(/^Guardado a las \d{2}:\d{2}$/).waitFor();
    expect(await laSerena.getByText("Otra persona o pestaña guardó cambios.").count()).toBe(0);
  });

  it("La Serena's admin links a KPI to a coalition indicator and the case shows both links", async () => {
    await laSerena.goto("/c/04101/casos");
    await laSerena.getByRole("link", { name: DEMO_CASE }).click();
    await laSerena.getByRole("heading", { level: 1, name: DEMO_CASE }).waitFor();
    const kpis = laSerena.getByRole("region", { name: "Indicadores (KPI)" });
    // The seeded KPI already rolls up to the permit-days indicator.
    await kpis.getByRole("cell", { name: PERMIT_DAYS }).waitFor();

    await laSerena.getByRole("link", { name: "Editar" }).click();
    await laSerena.getByRole("heading", { level: 1, name: "Editar caso de uso" }).waitFor();
    const first = laSerena.getByLabel("Indicador de la coalición para el indicador 1");
    await laSerena
      .getByRole("option", { name: `${PERMIT_DAYS} (días corridos)` })
      .first()
      .waitFor({
        state: "attached",
      });
    expect(await first.inputValue()).toBe("dom_dias_permiso_edificacion");

    await laSerena.getByRole("button", { name: "Agregar indicador" }).click();
    await laSerena.getByLabel("Nombre del indicador 2").fill("Permisos resueltos en plazo");
    await laSerena.getByLabel("Unidad del indicador 2").fill("%");
    await laSerena
      .getByLabel("Indicador de la coalición para el indicador 2")
      .selectOption({ label: `${PERMITS_IN_TIME} (%)` });
    await laSerena.getByRole("button", { name: "Guardar cambios" }).click();

    await laSerena.getByRole("heading", { level: 1, name: DEMO_CASE }).waitFor();
    const row = kpis.getByRole("row", { name: /Permisos resueltos en plazo/ });
    await row.getByRole("cell", { name: PERMITS_IN_TIME }).waitFor();
    await kpis.getByRole("cell", { name: PERMIT_DAYS }).waitFor();
  });
});
