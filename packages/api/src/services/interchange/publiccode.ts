import { AppError } from "@ciar/domain/errors";
import { unstorableTextPaths } from "@ciar/domain/schemas/common";
import {
  PUBLICCODE_MAX_BYTES,
  zCreateUseCaseInput,
  type CreateUseCaseInput,
} from "@ciar/domain/schemas/use-cases";
import type { Stage } from "@ciar/domain/use-cases";
import { Lexer, parse, stringify } from "yaml";
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
  if (exceedsPubliccodeLimits(text)) throw new AppError("interchange.publiccode_too_complex");
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 50 });
  } catch {
    throw new AppError("interchange.invalid_publiccode");
  }
  // YAML escapes ("\0", "\ud800") make text the database cannot store: the API's one rule.
  if (unstorableTextPaths(raw).length > 0) throw new AppError("input.invalid_text");
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

/**
 * The YAML parser spends seconds of CPU on some small hostile documents (deep nesting, thousands
 * of keys, many flow collections on one line: its costs grow with the square of these). A real
 * publiccode.yml is a few hundred lines nesting a few levels, ours included, so these bounds,
 * checked before parsing, refuse only hostile files.
 */
const PUBLICCODE_LIMITS = {
  bytes: PUBLICCODE_MAX_BYTES,
  lines: 1_000,
  nesting: 6,
  flowCollections: 64,
} as const;

const DEEP_INDENT = new RegExp(`^[ \\t]{${PUBLICCODE_LIMITS.nesting * 4 + 1}}`);
const DEEP_ENTRIES = new RegExp(`^[ \\t]*([-?:][ \\t]+){${PUBLICCODE_LIMITS.nesting + 1}}`);

function exceedsPubliccodeLimits(text: string): boolean {
  if (Buffer.byteLength(text) > PUBLICCODE_LIMITS.bytes) return true;
  const lines = text.split("\n");
  if (lines.length > PUBLICCODE_LIMITS.lines) return true;
  if (lines.some((line) => DEEP_INDENT.test(line) || DEEP_ENTRIES.test(line))) return true;
  // Flow nesting, counted on characters: brackets inside text count too, which only overestimates.
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++open > PUBLICCODE_LIMITS.nesting) return true;
    } else if ((c === 0x5d || c === 0x7d) && open > 0) open--;
  }
  // Flow collections, counted exactly by the lexer (cheap once the bounds above hold).
  let collections = 0;
  for (const token of new Lexer().lex(text)) {
    if ((token === "[" || token === "{") && ++collections > PUBLICCODE_LIMITS.flowCollections) return true;
  }
  return false;
}
