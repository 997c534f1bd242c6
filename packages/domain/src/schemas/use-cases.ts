import { z } from "zod";
import {
  AI_TECHNIQUES,
  CATALOG_SORTS,
  DECISION_MODES,
  RISK_LEVELS,
  SERVICE_AREAS,
  STAGES,
  VISIBILITIES,
} from "../use-cases";
import { zEmail, zUuid, zVersion } from "./common";

const text = (max: number) => z.string().trim().max(max);
/** Integer pesos: CLP has no minor unit. */
const zClp = z.number().int().min(0).max(1_000_000_000_000);
const zHttpUrl = z.url({ protocol: /^https?$/ }).max(500);

export const zKpi = z.object({
  /** Stable within the use case, so that versions and charts can follow one KPI. */
  id: z.string().trim().min(1).max(40),
  name: text(160).min(2),
  unit: text(40).min(1),
  baseline: z.number().finite().nullable(),
  current: z.number().finite().nullable(),
  target: z.number().finite().nullable(),
  /** ISO date (YYYY-MM-DD) of the current value. */
  measuredOn: z.iso.date().nullable(),
  /** Code of the coalition indicator this KPI rolls up to (e.g. dom_dias_permiso_edificacion). */
  indicatorCode: z
    .string()
    .regex(/^[a-z0-9_]{2,64}$/)
    .nullable()
    .optional(),
});
export type Kpi = z.infer<typeof zKpi>;

export const zTransparency = z.object({
  purpose: text(2000),
  legalBasis: text(1000),
  personalData: z.array(text(80).min(1)).max(30),
  decisionMode: z.enum(DECISION_MODES),
  riskLevel: z.enum(RISK_LEVELS),
  responsibleUnit: text(200),
  contactEmail: zEmail.nullable(),
});
export type Transparency = z.infer<typeof zTransparency>;

/** SPDX licence identifiers look like "MIT", "EUPL-1.2", "Apache-2.0", "LicenseRef-Propietaria". */
const zSpdx = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.+-]{0,63}$/);

export const zUseCaseContent = z.object({
  title: text(200).min(5),
  summary: text(1000).min(10),
  problem: text(10_000),
  solution: text(10_000),
  serviceArea: z.enum(SERVICE_AREAS),
  techniques: z.array(z.enum(AI_TECHNIQUES)).max(AI_TECHNIQUES.length),
  tags: z.array(text(40).min(1).toLowerCase()).max(20),
  license: zSpdx.nullable(),
  repositoryUrl: zHttpUrl.nullable(),
  dataSources: z.array(text(200).min(1)).max(30),
  setupCostClp: zClp.nullable(),
  monthlyCostClp: zClp.nullable(),
  kpis: z.array(zKpi).max(20),
  transparency: zTransparency,
  /** Where the facts come from (news, official pages): kept visible in the product. */
  sourceUrl: zHttpUrl.nullable(),
});
export type UseCaseContent = z.infer<typeof zUseCaseContent>;

/** A new use case starts anywhere but retired (retiring is an admin's later decision). */
export const zCreateUseCaseInput = zUseCaseContent.extend({
  stage: z
    .enum(STAGES.filter((s) => s !== "retired") as [Exclude<(typeof STAGES)[number], "retired">])
    .default("idea"),
});
export type CreateUseCaseInput = z.infer<typeof zCreateUseCaseInput>;

/** Edits send the whole content with the version they started from (optimistic concurrency). */
export const zUpdateUseCaseInput = z.object({
  id: zUuid,
  expectedVersion: zVersion,
  content: zUseCaseContent.partial(),
  /** Moved in the same version as the content, so that a save is all or nothing. */
  stage: z.enum(STAGES).optional(),
});

export const zUseCaseIdInput = z.object({ id: zUuid });

export const zSetStageInput = z.object({ id: zUuid, stage: z.enum(STAGES) });
export const zSetVisibilityInput = z.object({ id: zUuid, visibility: z.enum(VISIBILITIES) });
export const zReviewInput = z.discriminatedUnion("decision", [
  z.object({ id: zUuid, decision: z.literal("approve") }),
  z.object({ id: zUuid, decision: z.literal("reject"), reason: text(1000).min(5) }),
]);

export const zMyUseCasesInput = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

export const zCatalogSearchInput = z.object({
  query: text(200).optional(),
  serviceAreas: z.array(z.enum(SERVICE_AREAS)).max(SERVICE_AREAS.length).optional(),
  techniques: z.array(z.enum(AI_TECHNIQUES)).max(AI_TECHNIQUES.length).optional(),
  stages: z.array(z.enum(STAGES)).max(STAGES.length).optional(),
  regionIso: z
    .array(z.string().regex(/^[A-Z]{2}-[A-Z]{1,3}$/))
    .max(20)
    .optional(),
  communeIds: z.array(zUuid).max(50).optional(),
  hasKpis: z.boolean().optional(),
  sort: z.enum(CATALOG_SORTS).default("relevance"),
  cursor: z.string().max(300).optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type CatalogSearchInput = z.infer<typeof zCatalogSearchInput>;

export const zCompareVersionsInput = z.object({
  id: zUuid,
  from: zVersion,
  to: zVersion,
});

export const zPostCommentInput = z.object({
  useCaseId: zUuid,
  kind: z.enum(["question", "comment"]).default("comment"),
  body: text(5000).min(2),
  parentId: zUuid.optional(),
});
export const zAcceptAnswerInput = z.object({ answerId: zUuid });

export const zNotificationsInput = z.object({
  cursor: zUuid.optional(),
  limit: z.number().int().min(1).max(100).default(20),
  unreadOnly: z.boolean().optional(),
});
export const zMarkReadInput = z.object({ ids: z.union([z.array(zUuid).min(1).max(200), z.literal("all")]) });

export const zCatalogExportInput = zCatalogSearchInput
  .omit({ sort: true, cursor: true, limit: true })
  .extend({
    format: z.enum(["csv", "json"]),
  });

/** publiccode.yml files are small; 128 KiB is far above any real one (the API also bounds lines and nesting). */
export const PUBLICCODE_MAX_BYTES = 131_072;
export const zImportPubliccodeInput = z.object({ content: z.string().min(10).max(PUBLICCODE_MAX_BYTES) });
