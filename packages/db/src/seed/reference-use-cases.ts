import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Kpi, Transparency } from "@ciar/domain/schemas/use-cases";
import { parse } from "csv-parse/sync";

/** One documented municipal AI project (data/reference-use-cases.csv; sources in data/SOURCES.md). */
export interface ReferenceUseCase {
  country: string;
  communeCode: string;
  commune: string;
  title: string;
  summaryEs: string;
  serviceArea: string;
  technique: string;
  stage: string;
  partners: string;
  metric: string;
  sourceUrl: string;
}

const require = createRequire(import.meta.url);
const dataFolder = path.join(path.dirname(require.resolve("@ciar/db/package.json")), "data");

export function readReferenceUseCases(): ReferenceUseCase[] {
  const rows = parse(readFileSync(path.join(dataFolder, "reference-use-cases.csv"), "utf8"), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  return rows.map((r) => ({
    country: r.country ?? "",
    communeCode: r.commune_code ?? "",
    commune: r.commune ?? "",
    title: r.title ?? "",
    summaryEs: r.summary_es ?? "",
    serviceArea: r.service_area ?? "",
    technique: r.technique ?? "",
    stage: r.stage ?? "idea",
    partners: r.partners ?? "",
    metric: r.metric ?? "",
    sourceUrl: r.source_url ?? "",
  }));
}

/**
 * What the sources say and what they do not: KPIs only where a source gives a figure, personal
 * data and risk from the kind of system (cameras see people), the rest left for the commune to
 * complete (empty means "not reported", and the dashboard says so).
 */
export function transparencyFor(row: ReferenceUseCase): Transparency {
  const watchesPeople =
    row.serviceArea === "seguridad" || (row.technique === "vision" && row.serviceArea !== "medio_ambiente");
  return {
    purpose: row.summaryEs.slice(0, 2000),
    legalBasis: "",
    personalData: watchesPeople ? ["imágenes de personas", "patentes de vehículos"] : [],
    decisionMode: "human_review",
    riskLevel: /reconocimiento facial/i.test(row.title) ? "high" : watchesPeople ? "medium" : "low",
    responsibleUnit: "",
    contactEmail: null,
  };
}

/** Figures stated by the sources (see the metric column), as KPIs. */
const SOURCED_KPIS: Record<string, Kpi[]> = {
  licitabot: [
    {
      id: "dias-bases",
      name: "Días para redactar las bases técnicas de una licitación",
      unit: "días",
      baseline: 42,
      current: null,
      target: null,
      measuredOn: null,
    },
  ],
  revi: [
    {
      id: "reduccion-plazo",
      name: "Reducción estimada del plazo de tramitación de permisos",
      unit: "%",
      baseline: 0,
      current: null,
      target: 20,
      measuredOn: null,
    },
  ],
  sitia: [
    {
      id: "camaras",
      name: "Cámaras integradas al sistema",
      unit: "cámaras",
      baseline: 0,
      current: 115,
      target: null,
      measuredOn: null,
    },
  ],
  televigilancia: [
    {
      id: "camaras-piloto",
      name: "Cámaras inteligentes en el piloto",
      unit: "cámaras",
      baseline: 0,
      current: 4,
      target: null,
      measuredOn: null,
    },
  ],
};

export function kpisFor(row: ReferenceUseCase): Kpi[] {
  if (/licitabot/i.test(row.title)) return SOURCED_KPIS.licitabot!;
  if (/revi/i.test(row.title)) return SOURCED_KPIS.revi!;
  if (/sitia/i.test(row.title)) return SOURCED_KPIS.sitia!;
  if (/televigilancia/i.test(row.title)) return SOURCED_KPIS.televigilancia!;
  return [];
}
