// The self-assessment workflow end to end, one browser context per person: La Serena's admin
// submits the 2026-Q3 self-assessment (seeded as a complete draft), CIAR's coordinator returns it
// with a comment on one question, La Serena changes that answer and submits again, the coordinator
// validates it, and the coalition's overview and La Serena's profile show the new index. Same
// harness as the other suites: the built server with a fresh database and the demo seed.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./support/harness";

const QUARTER = "3.er trimestre 2026";
const GENERAL_COMMENT = "Falta respaldar la aprobación formal de la hoja de ruta (prueba de flujo).";
const QUESTION_COMMENT = "Adjunte el decreto alcaldicio que aprueba la hoja de ruta (prueba de flujo).";

let h: Harness;
let laSerena: Page;
let coordinator: Page;
let assessmentPath = "";
let newIndex = "";

beforeAll(async () => {
  h = await startHarness("progress");
});

afterAll(() => h?.stop());

async function openForReview(page: Page) {
  await page.goto("/coaliciones/ciar-chile/revisiones");
  await page.getByRole("heading", { level: 1, name: "Revisión de autoevaluaciones" }).waitFor();
  await page.getByRole("link", { name: `Revisar la autoevaluación de La Serena, ${QUARTER}` }).click();
  await page.getByRole("heading", { level: 1, name: `La Serena: autoevaluación del ${QUARTER}` }).waitFor();
}

describe("self-assessment and coalition progress scenario", () => {
  it("La Serena's admin opens the complete 2026-Q3 draft and submits it", async () => {
    laSerena = await h.signIn("admin@laserena.example", /\/c\/04101\/miembros$/);
    await laSerena.getByRole("link", { name: "Autoevaluación", exact: true }).click();
    await laSerena.waitForURL(/\/c\/04101\/autoevaluaciones$/);
    await laSerena.getByRole("link", { name: QUARTER }).click();
    await laSerena.getByRole("heading", { level: 1, name: `Autoevaluación del ${QUARTER}` }).waitFor();
    assessmentPath = new URL(laSerena.url()).pathname;

    // Every question is answered: nothing is listed as missing, and the live index is shown.
    await laSerena.getByRole("heading", { name: "Puntaje en vivo" }).waitFor();
    expect(await laSerena.getByText(/preguntas? por responder/).count()).toBe(0);
    await laSerena.getByRole("button", { name: "Enviar a la coordinación" }).click();
    await laSerena.getByText("Enviada: la coordinación la está revisando.").waitFor();
    // Read-only now: no level can be chosen any more.
    expect(await laSerena.getByRole("radio").count()).toBe(0);
  });

  it("the CIAR coordinator returns it with a comment on question EG1", async () => {
    coordinator = await h.signIn("coordinacion@ciar.example", /\/coaliciones\/ciar-chile$/);
    await coordinator.getByRole("link", { name: "Revisiones" }).click();
    await coordinator.waitForURL(/\/coaliciones\/ciar-chile\/revisiones$/);
    await coordinator
      .getByRole("link", { name: `Revisar la autoevaluación de La Serena, ${QUARTER}` })
      .click();
    await coordinator
      .getByRole("heading", { level: 1, name: `La Serena: autoevaluación del ${QUARTER}` })
      .waitFor();

    // Returning without a general comment is refused before anything is sent.
    await coordinator.getByRole("button", { name: "Devolver con comentarios" }).click();
    await coordinator.getByText("Escribe un comentario general").waitFor();

    await coordinator.getByLabel("Comentario para EG1").fill(QUESTION_COMMENT);
    await coordinator.getByLabel("Comentario general").fill(GENERAL_COMMENT);
    await coordinator.getByText("1 comentario por pregunta se enviará con la devolución.").waitFor();
    await coordinator.getByRole("button", { name: "Devolver con comentarios" }).click();
    await coordinator.getByText("Devuelta a la comuna con tus comentarios.").waitFor();
  });

  it("La Serena's admin sees the comment, changes that answer and submits again", async () => {
    await laSerena.goto(assessmentPath);
    await laSerena.getByText("La coordinación devolvió esta autoevaluación:").waitFor();
    await laSerena.getByText(GENERAL_COMMENT).first().waitFor();
    const eg1 = laSerena.getByRole("group", { name: /^EG1 / });
    await eg1.getByText(QUESTION_COMMENT).waitFor();

    // Move EG1 one level (up, or down from the top level), then wait for the autosave.
    const top = eg1.getByRole("radio", { name: /^Nivel 5/ });
    const target = (await top.isChecked()) ? eg1.getByRole("radio", { name: /^Nivel 4/ }) : top;
    await target.check();
    await laSerena.getByText(/^Guardado a las \d{2}:\d{2}$/).waitFor();

    await laSerena.getByRole("button", { name: "Volver a enviar a la coordinación" }).click();
    await laSerena.getByText("Enviada: la coordinación la está revisando.").waitFor();

    await laSerena.goto("/c/04101/autoevaluaciones");
    const row = laSerena.getByRole("row", { name: new RegExp(QUARTER) });
    await row.getByText("Estado: Enviada", { exact: true }).waitFor();
    newIndex = (await row.getByRole("cell").nth(1).innerText()).trim();
    expect(newIndex).toMatch(/^\d{1,3},\d$/);
  });

  it("the coordinator validates the resubmitted assessment", async () => {
    await openForReview(coordinator);
    // The history keeps the return with its comment.
    const history = coordinator.getByRole("region", { name: "Historial" });
    await history.getByText("Devuelta por la coordinación").waitFor();
    await history.getByText(QUESTION_COMMENT).waitFor();
    await coordinator.getByRole("button", { name: "Validar" }).click();
    await coordinator.getByText("Validada. La comuna ya la ve como definitiva.").waitFor();
  });

  it("the overview for 2026-Q3 ranks La Serena with its new index, and its profile has the quarter", async () => {
    await coordinator.goto("/coaliciones/ciar-chile");
    await coordinator.getByRole("heading", { level: 1, name: "Resumen de la coalición" }).waitFor();
    await coordinator.getByLabel("Trimestre").selectOption({ label: QUARTER });
    await coordinator.getByText(new RegExp(`^${QUARTER}: \\d+ de \\d+ comunas`)).waitFor();
    const ranking = coordinator.getByRole("region", { name: "Ranking por índice de madurez" });
    const row = ranking.getByRole("row", { name: /La Serena/ });
    await row.getByText("Estado: Validada", { exact: true }).waitFor();
    await row.getByRole("cell", { name: newIndex, exact: true }).waitFor();

    await row.getByRole("link", { name: "La Serena" }).click();
    await coordinator.waitForURL(/\/coaliciones\/ciar-chile\/comunas\/[0-9a-f-]{36}$/);
    await coordinator.getByRole("heading", { level: 1, name: "La Serena" }).waitFor();
    const history = coordinator.getByRole("region", { name: "Historial de autoevaluaciones" });
    const quarter = history.getByRole("row", { name: new RegExp(QUARTER) });
    await quarter.getByRole("cell", { name: newIndex, exact: true }).waitFor();
    await quarter.getByText("Estado: Validada", { exact: true }).waitFor();
  });
});
