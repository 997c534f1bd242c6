import type { CreateUseCaseInput } from "@ciar/domain/schemas/use-cases";

/** A complete, valid use case; tests override what they are about. */
export function useCaseInput(overrides: Partial<CreateUseCaseInput> = {}): CreateUseCaseInput {
  return {
    title: "Asistente de IA para permisos de edificación",
    summary: "Revisa expedientes de permisos de edificación de obra nueva y sugiere observaciones.",
    problem: "Los permisos tardan 126 días en promedio frente a un plazo legal de 30.",
    solution: "Un modelo de lenguaje revisa la completitud; el arquitecto revisor decide.",
    serviceArea: "obras_permisos",
    techniques: ["llm_nlp"],
    tags: ["dom"],
    license: "EUPL-1.2",
    repositoryUrl: null,
    dataSources: ["Expedientes DOM"],
    setupCostClp: 10_000_000,
    monthlyCostClp: 500_000,
    kpis: [
      {
        id: "dias",
        name: "Días promedio por permiso",
        unit: "días",
        baseline: 126,
        current: 110,
        target: 30,
        measuredOn: "2026-09-30",
      },
    ],
    transparency: {
      purpose: "Apoyar la revisión de expedientes.",
      legalBasis: "LGUC",
      personalData: ["RUT del solicitante"],
      decisionMode: "human_review",
      riskLevel: "medium",
      responsibleUnit: "DOM",
      contactEmail: "dom@laserena.example",
    },
    sourceUrl: null,
    stage: "design",
    ...overrides,
  };
}
