import type { CreateUseCaseInput, Kpi, UseCaseContent } from "@ciar/domain/schemas/use-cases";
import {
  AI_TECHNIQUES,
  SERVICE_AREAS,
  STAGES,
  type DecisionMode,
  type RiskLevel,
  type ServiceArea,
  type Stage,
} from "@ciar/domain/use-cases";
import { isOneOf } from "../../lib/use-case-labels";

/** One KPI row as typed: numbers stay text until saved, so "12,5" or a half-typed value survive. */
export interface KpiRow {
  id: string;
  name: string;
  unit: string;
  baseline: string;
  current: string;
  target: string;
  measuredOn: string;
  /** Code of the coalition indicator the KPI rolls up to; "" for none. */
  indicatorCode: string;
}

/** The editor's state: every control's text, exactly as typed (and as kept in the local draft). */
export interface UseCaseForm {
  title: string;
  summary: string;
  problem: string;
  solution: string;
  serviceArea: ServiceArea | "";
  techniques: string[];
  tags: string;
  license: string;
  repositoryUrl: string;
  dataSources: string;
  setupCostClp: string;
  monthlyCostClp: string;
  kpis: KpiRow[];
  transparency: {
    purpose: string;
    legalBasis: string;
    personalData: string;
    decisionMode: DecisionMode;
    riskLevel: RiskLevel;
    responsibleUnit: string;
    contactEmail: string;
  };
  sourceUrl: string;
  stage: Stage;
}

export function emptyForm(): UseCaseForm {
  return {
    title: "",
    summary: "",
    problem: "",
    solution: "",
    serviceArea: "",
    techniques: [],
    tags: "",
    license: "",
    repositoryUrl: "",
    dataSources: "",
    setupCostClp: "",
    monthlyCostClp: "",
    kpis: [],
    transparency: {
      purpose: "",
      legalBasis: "",
      personalData: "",
      decisionMode: "human_review",
      riskLevel: "low",
      responsibleUnit: "",
      contactEmail: "",
    },
    sourceUrl: "",
    stage: "idea",
  };
}

export function newKpiRow(): KpiRow {
  const id = `kpi-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { id, name: "", unit: "", baseline: "", current: "", target: "", measuredOn: "", indicatorCode: "" };
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const orNull = (text: string) => (text.trim() === "" ? null : text.trim());
const numText = (value: number | null) => (value === null ? "" : String(value));

/** "18.000.000", "$ 18000000" → 18000000; empty → null; anything else → NaN (the schema rejects it). */
export function parseClp(text: string): number | null {
  const compact = text.replace(/[$\s.]/g, "");
  if (compact === "") return null;
  return /^\d+$/.test(compact) ? Number(compact) : Number.NaN;
}

/** "12,5" (Chilean decimal comma) or "12.5" → 12.5; empty → null; anything else → NaN. */
export function parseDecimal(text: string): number | null {
  const compact = text.trim().replace(",", ".");
  if (compact === "") return null;
  return /^-?\d+(\.\d+)?$/.test(compact) ? Number(compact) : Number.NaN;
}

function kpiOf(row: KpiRow): Kpi {
  return {
    id: row.id,
    name: row.name.trim(),
    unit: row.unit.trim(),
    baseline: parseDecimal(row.baseline),
    current: parseDecimal(row.current),
    target: parseDecimal(row.target),
    measuredOn: orNull(row.measuredOn),
    // Only when linked: a KPI without a link stays as it was stored before links existed.
    ...(row.indicatorCode ? { indicatorCode: row.indicatorCode } : {}),
  };
}

/** The form as the API's content (not yet validated: the domain schema does that). */
export function formToContent(form: UseCaseForm): UseCaseContent {
  const t = form.transparency;
  return {
    title: form.title.trim(),
    summary: form.summary.trim(),
    problem: form.problem.trim(),
    solution: form.solution.trim(),
    serviceArea: form.serviceArea as ServiceArea,
    techniques: form.techniques as UseCaseContent["techniques"],
    tags: [...new Set(form.tags.split(",").map((tag) => tag.trim().toLowerCase()))].filter(Boolean),
    license: orNull(form.license),
    repositoryUrl: orNull(form.repositoryUrl),
    dataSources: lines(form.dataSources),
    setupCostClp: parseClp(form.setupCostClp),
    monthlyCostClp: parseClp(form.monthlyCostClp),
    kpis: form.kpis.map(kpiOf),
    transparency: {
      purpose: t.purpose.trim(),
      legalBasis: t.legalBasis.trim(),
      personalData: lines(t.personalData),
      decisionMode: t.decisionMode,
      riskLevel: t.riskLevel,
      responsibleUnit: t.responsibleUnit.trim(),
      contactEmail: orNull(t.contactEmail),
    },
    sourceUrl: orNull(form.sourceUrl),
  };
}

/** A new case cannot start retired: the editor does not offer it, and "idea" is the default. */
export function formToCreateInput(form: UseCaseForm): CreateUseCaseInput {
  return { ...formToContent(form), stage: form.stage === "retired" ? "idea" : form.stage };
}

/** A use case as the API returns it: the vocabulary's codes arrive as plain strings. */
export type StoredUseCase = Omit<UseCaseContent, "serviceArea" | "techniques"> & {
  serviceArea: string;
  techniques: string[];
  stage: string;
};

/** A stored use case back into the editor's controls. */
export function formFromUseCase(useCase: StoredUseCase): UseCaseForm {
  const t = useCase.transparency;
  return {
    title: useCase.title,
    summary: useCase.summary,
    problem: useCase.problem,
    solution: useCase.solution,
    serviceArea: isOneOf(SERVICE_AREAS, useCase.serviceArea) ? useCase.serviceArea : "",
    techniques: useCase.techniques.filter((x) => isOneOf(AI_TECHNIQUES, x)),
    tags: useCase.tags.join(", "),
    license: useCase.license ?? "",
    repositoryUrl: useCase.repositoryUrl ?? "",
    dataSources: useCase.dataSources.join("\n"),
    setupCostClp: numText(useCase.setupCostClp),
    monthlyCostClp: numText(useCase.monthlyCostClp),
    kpis: useCase.kpis.map((k) => ({
      id: k.id,
      name: k.name,
      unit: k.unit,
      baseline: numText(k.baseline),
      current: numText(k.current),
      target: numText(k.target),
      measuredOn: k.measuredOn ?? "",
      indicatorCode: k.indicatorCode ?? "",
    })),
    transparency: {
      purpose: t.purpose,
      legalBasis: t.legalBasis,
      personalData: t.personalData.join("\n"),
      decisionMode: t.decisionMode,
      riskLevel: t.riskLevel,
      responsibleUnit: t.responsibleUnit,
      contactEmail: t.contactEmail ?? "",
    },
    sourceUrl: useCase.sourceUrl ?? "",
    stage: isOneOf(STAGES, useCase.stage) ? useCase.stage : "idea",
  };
}

/** Server field paths name the update's wrapper ("content.kpis.0.name"): the form knows "kpis.0.name". */
export function formFieldErrors(errors: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k.replace(/^content\./, ""), v]));
}
