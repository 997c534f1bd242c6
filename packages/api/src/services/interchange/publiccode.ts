import { AppError } from "@ciar/domain/errors";
import { zCreateUseCaseInput, type CreateUseCaseInput } from "@ciar/domain/schemas/use-cases";
import type { Stage } from "@ciar/domain/use-cases";
import { parse, stringify } from "yaml";
import { z } from "zod";
import type { UseCaseDetail } from "../use-cases/read-use-cases";

/**
 * publiccode.yml (v0.4, the public-software metadata standard of Italy and others). The standard
 * has no field for municipal AI transparency, so the record, the service area, the KPIs and the
 * costs travel under the extension key `x-ciar`; other tools ignore it.
 */
const DEVELOPMENT_STATUS: Record<Stage, string> = {
  idea: "concept",
  design: "development",
  pilot: "beta",
  production: "stable",
  scaled: "stable",
  retired: "obsolete",
};

export function toPubliccode(useCase: UseCaseDetail): { filename: string; content: string } {
  const longDescription = [useCase.summary, useCase.problem, useCase.solution].filter(Boolean).join("\n\n");
  const document = {
    publiccodeYmlVersion: "0.4",
    name: useCase.title,
    url: useCase.repositoryUrl ?? useCase.sourceUrl ?? undefined,
    landingURL: useCase.sourceUrl ?? undefined,
    platforms: ["web"],
    developmentStatus: DEVELOPMENT_STATUS[useCase.stage as Stage] ?? "development",
    softwareType: "standalone/web",
    description: {
      es: {
        shortDescription: useCase.summary.slice(0, 150),
        longDescription,
        features: useCase.techniques,
      },
    },
    legal: {
      license: useCase.license ?? undefined,
      mainCopyrightOwner: `Municipalidad de ${useCase.communeName}`,
    },
    maintenance: {
      type: "internal",
      contacts: useCase.transparency.contactEmail
        ? [
            {
              name: useCase.transparency.responsibleUnit || useCase.communeName,
              email: useCase.transparency.contactEmail,
            },
          ]
        : [],
    },
    localisation: { localisationReady: false, availableLanguages: ["es"] },
    "x-ciar": {
      version: 1,
      commune: { country: "CL", cut: useCase.communeCode, name: useCase.communeName },
      serviceArea: useCase.serviceArea,
      stage: useCase.stage,
      techniques: useCase.techniques,
      tags: useCase.tags,
      dataSources: useCase.dataSources,
      costs: { setupClp: useCase.setupCostClp, monthlyClp: useCase.monthlyCostClp },
      kpis: useCase.kpis,
      transparency: useCase.transparency,
      problem: useCase.problem,
      solution: useCase.solution,
      summary: useCase.summary,
    },
  };
  const slug = useCase.title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return {
    filename: `${slug || "caso-de-uso"}.publiccode.yml`,
    content: stringify(document, { lineWidth: 0 }),
  };
}

const zPubliccode = z.object({
  publiccodeYmlVersion: z.string(),
  name: z.string().min(1),
  url: z.string().optional(),
  landingURL: z.string().optional(),
  developmentStatus: z.string().optional(),
  description: z.record(
    z.string(),
    z.object({
      shortDescription: z.string().optional(),
      longDescription: z.string().optional(),
      features: z.array(z.string()).optional(),
    }),
  ),
  legal: z.object({ license: z.string().optional() }).optional(),
  maintenance: z
    .object({
      contacts: z.array(z.object({ name: z.string().optional(), email: z.string().optional() })).optional(),
    })
    .optional(),
  "x-ciar": z.record(z.string(), z.unknown()).optional(),
});

// An obsolete project starts again as an idea here: only an admin retires a use case.
const STAGE_FROM_STATUS: Record<string, Stage> = {
  concept: "idea",
  development: "design",
  beta: "pilot",
  stable: "production",
};

/**
 * Reads a publiccode.yml into a new use case. Our own exports round-trip through `x-ciar`; files
 * from elsewhere fill what the standard has and leave the rest for the editor to complete.
 * Anything that does not validate is refused with per-field messages, and nothing is saved.
 */
export function fromPubliccode(text: string): CreateUseCaseInput {
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 50 });
  } catch {
    throw new AppError("interchange.invalid_publiccode");
  }
  const parsed = zPubliccode.safeParse(raw);
  if (!parsed.success) throw new AppError("interchange.invalid_publiccode");
  const doc = parsed.data;
  const description = doc.description.es ?? Object.values(doc.description)[0] ?? {};
  const ext = (doc["x-ciar"] ?? {}) as Record<string, unknown>;
  const contact = doc.maintenance?.contacts?.[0];
  const costs = (ext.costs ?? {}) as { setupClp?: number | null; monthlyClp?: number | null };
  const isHttp = (v: string | undefined) => (v && /^https?:\/\//.test(v) ? v : null);

  // Our own export is validated as is; a foreign file gets defaults the editor can change.
  return zCreateUseCaseInput.parse({
    title: doc.name,
    summary:
      (ext.summary as string | undefined) ??
      description.shortDescription ??
      description.longDescription?.slice(0, 1000) ??
      doc.name,
    problem: (ext.problem as string | undefined) ?? "",
    solution: (ext.solution as string | undefined) ?? description.longDescription ?? "",
    serviceArea: (ext.serviceArea as string | undefined) ?? "gestion_interna",
    techniques: (ext.techniques as string[] | undefined) ?? [],
    tags: (ext.tags as string[] | undefined) ?? [],
    license: doc.legal?.license ?? null,
    repositoryUrl: isHttp(doc.url),
    dataSources: (ext.dataSources as string[] | undefined) ?? [],
    setupCostClp: costs.setupClp ?? null,
    monthlyCostClp: costs.monthlyClp ?? null,
    kpis: (ext.kpis as unknown[] | undefined) ?? [],
    transparency: (ext.transparency as object | undefined) ?? {
      purpose: "",
      legalBasis: "",
      personalData: [],
      decisionMode: "human_review",
      riskLevel: "medium",
      responsibleUnit: contact?.name ?? "",
      contactEmail: contact?.email ?? null,
    },
    sourceUrl: isHttp(doc.landingURL),
    stage:
      ext.stage && ext.stage !== "retired"
        ? ext.stage
        : (STAGE_FROM_STATUS[doc.developmentStatus ?? ""] ?? "idea"),
  });
}
