// The use-case flow end to end, one browser context per person: La Serena writes and publishes a
// building-permit case, Coquimbo finds it in the catalog, asks, reuses it and measures its own KPI,
// and La Serena sees the reuse, the question and the notifications. Same harness as
// dashboard.test.ts: the built server with a fresh database and the demo seed, in Debian's Chromium.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./support/harness";

const TITLE = "Menos días de espera en permisos de edificación con IA (prueba de flujo)";
const KPI = "Días promedio por permiso de edificación";
const QUESTION = "¿Cuántos revisores de la DOM participaron en el piloto?";

let h: Harness;

beforeAll(async () => {
  h = await startHarness("catalog");
});

afterAll(() => h?.stop());

const UUID = "[0-9a-f-]{36}";
let sourcePath = "";
let laSerenaAdmin: Page;

describe("use-case catalog scenario", () => {
  it("La Serena's editor writes a building-permit case in the editor and submits it", async () => {
    const editor = await h.signIn("editor@laserena.example", /\/c\/\d{5}\/miembros$/);
    await editor.getByRole("link", { name: "Casos de mi comuna" }).click();
    await editor.getByRole("link", { name: "Nuevo caso de uso" }).click();
    await editor.waitForURL(/\/c\/04101\/casos\/nuevo$/);

    // Client validation with the domain schema, before anything is sent.
    await editor.getByRole("button", { name: "Crear caso de uso" }).click();
    await editor.getByText("Revisa los campos marcados antes de guardar.").waitFor();

    await editor.getByLabel("Título", { exact: true }).fill(TITLE);
    await editor
      .getByLabel("Resumen", { exact: true })
      .fill("Un asistente revisa la completitud de los expedientes de permisos de edificación de la DOM.");
    await editor
      .getByLabel("Problema", { exact: true })
      .fill("Los permisos tardan 126 días frente a 30 legales.");
    await editor.getByLabel("Área de servicio").selectOption("obras_permisos");
    await editor.getByRole("checkbox", { name: "IA generativa y lenguaje natural" }).check();
    await editor.getByLabel("Etiquetas").fill("dom, permisos de edificación");
    await editor.getByLabel("Licencia (identificador SPDX)").fill("EUPL-1.2");
    await editor.getByLabel("Costo de implementación (CLP, sin IVA)").fill("18000000");
    await editor.getByText("Se guardará como $18.000.000.").waitFor();
    await editor.getByRole("button", { name: "Agregar indicador" }).click();
    await editor.getByLabel("Nombre del indicador 1").fill(KPI);
    await editor.getByLabel("Unidad del indicador 1").fill("días");
    await editor.getByLabel("Línea base del indicador 1").fill("126");
    await editor.getByLabel("Meta del indicador 1").fill("30");
    await editor.getByLabel("Etapa", { exact: true }).selectOption("pilot");
    // The form is kept in this browser while typing.
    await editor.getByText(/^Borrador guardado localmente \d{2}:\d{2}$/).waitFor();

    await editor.getByRole("button", { name: "Crear caso de uso" }).click();
    await editor.waitForURL(new RegExp(`/c/04101/casos/${UUID}$`));
    await editor.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    sourcePath = new URL(editor.url()).pathname;
    await editor.getByRole("rowheader", { name: KPI }).waitFor();
    expect(await editor.getByText("$18.000.000").count()).toBe(1);

    await editor.getByRole("button", { name: "Enviar a revisión" }).click();
    await editor.getByText("Enviado a revisión: espera la aprobación").waitFor();
    // An editor cannot approve.
    expect(await editor.getByRole("button", { name: "Aprobar y publicar" }).count()).toBe(0);
    await editor.context().close();
  });

  it("La Serena's admin approves it and shares it with the coalition", async () => {
    laSerenaAdmin = await h.signIn("admin@laserena.example", /\/c\/\d{5}\/miembros$/);
    await laSerenaAdmin.goto("/c/04101/casos");
    await laSerenaAdmin.getByRole("link", { name: TITLE }).click();
    await laSerenaAdmin.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await laSerenaAdmin.getByRole("button", { name: "Aprobar y publicar" }).click();
    await laSerenaAdmin.getByText("Publicado", { exact: true }).waitFor();
    await laSerenaAdmin.getByLabel("Visibilidad", { exact: true }).selectOption("coalition");
    await laSerenaAdmin.getByText("Visibilidad actualizada.").waitFor();
    await laSerenaAdmin.getByText("Coalición (comunas de la red)", { exact: true }).first().waitFor();
  });

  it("Coquimbo's editor finds it without accents, asks, reuses it and measures its own KPI", async () => {
    const coquimbo = await h.signIn("editor@coquimbo.example", /\/c\/\d{5}\/miembros$/);
    await coquimbo.getByRole("link", { name: "Catálogo" }).click();
    await coquimbo.waitForURL(/\/c\/04102\/catalogo$/);
    await coquimbo.getByLabel("Buscar", { exact: true }).fill("permiso edificacion");
    await coquimbo.getByRole("link", { name: TITLE }).click();
    await coquimbo.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    expect(new URL(coquimbo.url()).pathname).toBe(sourcePath.replace("/c/04101/", "/c/04102/"));

    await coquimbo.getByLabel("Tipo de mensaje").selectOption("question");
    await coquimbo.getByLabel("Tu mensaje").fill(QUESTION);
    await coquimbo.getByRole("button", { name: "Publicar", exact: true }).click();
    await coquimbo.getByText(QUESTION).waitFor();

    await coquimbo.getByRole("button", { name: "Reutilizar en mi comuna" }).click();
    await coquimbo.waitForURL(
      (url) =>
        new RegExp(`^/c/04102/casos/${UUID}$`).test(url.pathname) &&
        !sourcePath.endsWith(url.pathname.slice(-36)),
    );
    await coquimbo.getByText("Reutilizado del caso de La Serena.").waitFor();
    const copyPath = new URL(coquimbo.url()).pathname;

    await coquimbo.getByRole("link", { name: "Editar" }).click();
    await coquimbo.waitForURL(`**${copyPath}/editar`);
    await coquimbo.getByLabel("Valor actual del indicador 1").fill("98");
    await coquimbo.getByLabel("Fecha de medición del indicador 1").fill("2026-11-20");
    await coquimbo.getByRole("button", { name: "Guardar cambios" }).click();
    await coquimbo.waitForURL(`**${copyPath}`);
    const row = coquimbo.getByRole("row", { name: new RegExp(KPI) });
    await row.getByRole("cell", { name: "98", exact: true }).waitFor();
    expect(await row.getByRole("cell", { name: "126", exact: true }).count()).toBe(1);
    await coquimbo.context().close();
  });

  it("La Serena sees the reuse by Coquimbo, the question, and both notifications", async () => {
    await laSerenaAdmin.goto(sourcePath);
    const reuses = laSerenaAdmin.getByRole("region", { name: "Quién lo reutilizó" });
    await reuses.getByText("Coquimbo").waitFor();
    const discussion = laSerenaAdmin.getByRole("region", { name: "Preguntas y comentarios" });
    await discussion.getByText(QUESTION).waitFor();
    const lineage = laSerenaAdmin.getByRole("region", { name: "Linaje de reutilización" });
    await lineage.getByRole("link", { name: "Coquimbo" }).waitFor();

    await laSerenaAdmin.goto("/c/04101/notificaciones");
    await laSerenaAdmin.getByRole("link", { name: "Notificaciones: 2 sin leer" }).waitFor();
    await laSerenaAdmin.getByText("Coquimbo reutilizó").waitFor();
    await laSerenaAdmin.getByText("Coquimbo hizo una pregunta sobre").waitFor();
    await laSerenaAdmin.getByRole("button", { name: "Marcar todas como leídas" }).click();
    await laSerenaAdmin.getByText("0 notificaciones sin leer").waitFor();
    await laSerenaAdmin.getByRole("link", { name: "Notificaciones: 0 sin leer" }).waitFor();
  });
});
