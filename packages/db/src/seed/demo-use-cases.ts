import type { Kpi, Transparency } from "@ciar/domain/schemas/use-cases";
import { snapshotDiff, snapshotOf } from "@ciar/domain/use-case-versions";
import { eq } from "drizzle-orm";
import type { Tx } from "../client";
import { adoptions, useCases, useCaseVersions } from "../schema/index";
import { applySettings } from "../tenant-transaction";
import {
  kpisFor,
  readReferenceUseCases,
  transparencyFor,
  type ReferenceUseCase,
} from "./reference-use-cases";

/**
 * Documented reuse between demo communes (see data/SOURCES.md): Maipú adopted Las Condes'
 * LicitaBot and joined Providencia's Revi pilot; Quinta Normal shares Cerro Navia's Rescol.
 * Keyed by "adopter CUT → source CUT" and a title pattern.
 */
const SOURCED_ADOPTIONS = [
  { title: /licitabot/i, source: "13114", adopter: "13119" },
  { title: /revi/i, source: "13123", adopter: "13119" },
  { title: /rescol/i, source: "13103", adopter: "13126" },
];

const EXAMPLE_NOTE =
  "Caso de ejemplo creado para la demostración: no describe un proyecto real de la municipalidad.";

/** La Serena's cases are invented for the demo (CIAR's scenario) and say so in their title and text. */
function laSerenaExamples(): Array<Omit<typeof useCases.$inferInsert, "communeId">> {
  const transparency: Transparency = {
    purpose:
      "Apoyar a los revisores de la DOM en la verificación de antecedentes de solicitudes de permiso de edificación.",
    legalBasis: "Ley General de Urbanismo y Construcciones (DFL 458) y su Ordenanza General; Ley 21.718.",
    personalData: ["nombre y RUT del solicitante", "dirección del predio"],
    decisionMode: "human_review",
    riskLevel: "medium",
    responsibleUnit: "Dirección de Obras Municipales (ejemplo)",
    contactEmail: null,
  };
  const kpis: Kpi[] = [
    {
      id: "dias-permiso",
      name: "Días promedio para resolver un permiso de edificación de obra nueva",
      unit: "días corridos",
      // 126 days is the national average (CNEP 2019) and 30 the legal term; "current" is invented.
      baseline: 126,
      current: 94,
      target: 30,
      measuredOn: "2026-09-30",
      // Rolls up to CIAR Chile's indicator; the demo seed records the same figure for 2026-Q3.
      indicatorCode: "dom_dias_permiso_edificacion",
    },
  ];
  return [
    {
      title: "Asistente de IA para la revisión de permisos de edificación en la DOM (caso de ejemplo)",
      summary:
        "Un asistente de IA generativa revisa la completitud de los expedientes de permiso de edificación y sugiere observaciones al arquitecto revisor, que decide. " +
        EXAMPLE_NOTE,
      problem:
        "Los permisos de edificación de obra nueva tardan en promedio 126 días corridos en el país frente a un plazo legal de 30 (CNEP 2019); gran parte del tiempo se va en revisar antecedentes incompletos.",
      solution:
        "Lectura automática de planos y formularios, lista de verificación normativa y borrador del acta de observaciones, siempre revisado por un profesional de la DOM.",
      serviceArea: "obras_permisos",
      techniques: ["llm_nlp", "extraccion_documentos"],
      tags: ["dom", "permisos de edificación", "ejemplo"],
      stage: "pilot",
      visibility: "coalition",
      status: "published",
      publishedAt: new Date("2026-10-01T12:00:00Z"),
      license: "EUPL-1.2",
      dataSources: ["Expedientes de permisos de edificación de la DOM"],
      setupCostClp: 18_000_000,
      monthlyCostClp: 1_200_000,
      kpis,
      transparency,
      sourceUrl: "https://lab.gob.cl/govtech/bases/problema",
    },
    {
      title: "Clasificación automática de solicitudes OIRS (borrador de ejemplo)",
      summary: "Idea en preparación para clasificar y derivar las solicitudes de la OIRS. " + EXAMPLE_NOTE,
      problem: "Las solicitudes ciudadanas llegan por varios canales y se derivan a mano.",
      solution: "Un clasificador de texto sugiere la unidad responsable; una persona confirma.",
      serviceArea: "atencion_ciudadana",
      techniques: ["clasificacion", "llm_nlp"],
      tags: ["oirs", "ejemplo"],
      stage: "idea",
      visibility: "private",
      status: "draft",
      dataSources: [],
      kpis: [],
      transparency: {
        ...transparency,
        purpose: "Sugerir la unidad que debe responder cada solicitud.",
        responsibleUnit: "Atención ciudadana (ejemplo)",
      },
    },
  ];
}

function fromReference(row: ReferenceUseCase): Omit<typeof useCases.$inferInsert, "communeId"> {
  return {
    title: row.title,
    summary: row.summaryEs.slice(0, 1000),
    problem: "",
    solution: row.partners ? `Socios: ${row.partners}.` : "",
    serviceArea: row.serviceArea,
    techniques: row.technique ? [row.technique] : [],
    tags: [],
    stage: row.stage,
    visibility: "public",
    status: "published",
    publishedAt: new Date("2026-01-01T12:00:00Z"),
    dataSources: [],
    kpis: kpisFor(row),
    transparency: transparencyFor(row),
    sourceUrl: row.sourceUrl || null,
  };
}

/**
 * Seeds the demo catalog once: documented Chilean cases of the demo communes (public, with their
 * sources), their documented reuses, and La Serena's example cases. Runs in the seed's owner
 * transaction, with app.commune_id set per commune because FORCE RLS applies to the owner.
 */
export async function seedDemoUseCases(
  tx: Tx,
  communeIdByCut: Map<string, string>,
  authorId: (cut: string) => string | undefined,
) {
  const [existing] = await tx
    .select({ id: useCases.id })
    .from(useCases)
    .where(eq(useCases.isDemo, true))
    .limit(1);
  if (existing) return 0;

  const reference = readReferenceUseCases().filter(
    (r) => r.country === "CL" && communeIdByCut.has(r.communeCode),
  );
  const isAdopter = (r: ReferenceUseCase) =>
    SOURCED_ADOPTIONS.some((a) => a.adopter === r.communeCode && a.title.test(r.title));
  // Sources first, so that reuses can point at them.
  const ordered = [...reference.filter((r) => !isAdopter(r)), ...reference.filter(isAdopter)];
  const idByKey = new Map<string, string>();
  let created = 0;

  const insert = async (
    cut: string,
    values: Omit<typeof useCases.$inferInsert, "communeId">,
    from?: { communeId: string; id: string },
  ) => {
    const communeId = communeIdByCut.get(cut)!;
    await applySettings(tx, { communeId });
    const [row] = await tx
      .insert(useCases)
      .values({
        ...values,
        communeId,
        isDemo: true,
        createdBy: authorId(cut),
        updatedBy: authorId(cut),
        adoptedFromCommuneId: from?.communeId,
        adoptedFromId: from?.id,
      })
      .returning();
    await tx.insert(useCaseVersions).values({
      communeId,
      useCaseId: row!.id,
      version: 1,
      snapshot: snapshotOf(row!),
      changes: snapshotDiff(null, snapshotOf(row!)),
      actorUserId: authorId(cut),
    });
    if (from) {
      await tx.insert(adoptions).values({
        communeId,
        useCaseId: row!.id,
        sourceCommuneId: from.communeId,
        sourceUseCaseId: from.id,
        stage: row!.stage,
      });
    }
    created += 1;
    return row!.id;
  };

  for (const row of ordered) {
    const link = SOURCED_ADOPTIONS.find((a) => a.adopter === row.communeCode && a.title.test(row.title));
    const sourceId = link ? idByKey.get(`${link.source}:${link.title.source}`) : undefined;
    const from = link && sourceId ? { communeId: communeIdByCut.get(link.source)!, id: sourceId } : undefined;
    const id = await insert(row.communeCode, fromReference(row), from);
    for (const a of SOURCED_ADOPTIONS)
      if (a.source === row.communeCode && a.title.test(row.title))
        idByKey.set(`${a.source}:${a.title.source}`, id);
  }
  for (const example of laSerenaExamples()) await insert("04101", example);
  return created;
}
