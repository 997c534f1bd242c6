/**
 * The vocabulary of the use-case catalog. Codes are stable (stored, exported, filtered on);
 * labels live in the dashboard's translations.
 */
export const SERVICE_AREAS = [
  "obras_permisos",
  "atencion_ciudadana",
  "seguridad",
  "movilidad",
  "medio_ambiente",
  "salud",
  "educacion",
  "desarrollo_social",
  "rentas_finanzas",
  "gestion_interna",
  "compras_publicas",
  "conectividad",
  "turismo_cultura",
] as const;
export type ServiceArea = (typeof SERVICE_AREAS)[number];

export const AI_TECHNIQUES = [
  "llm_nlp",
  "clasificacion",
  "vision",
  "extraccion_documentos",
  "prediccion",
  "optimizacion",
  "voz",
  "recomendacion",
  "anomalias",
] as const;
export type AiTechnique = (typeof AI_TECHNIQUES)[number];

/** The life of a use case, in order; "retired" ends it. */
export const STAGES = ["idea", "design", "pilot", "production", "scaled", "retired"] as const;
export type Stage = (typeof STAGES)[number];

/** Who may read it: the commune only, every commune of the coalition, or anyone (public register). */
export const VISIBILITIES = ["private", "coalition", "public"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/**
 * Publication is a two-step flow: an editor submits, an admin approves (published) or rejects
 * with a reason (back to draft). Only published use cases leave the commune.
 */
export const PUBLICATION_STATUSES = ["draft", "submitted", "published"] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

/** Whether the system decides about people (Consejo para la Transparencia, Res. Exenta N°372/2024: "SDA"). */
export const DECISION_MODES = ["no_decision", "human_review", "automated"] as const;
export type DecisionMode = (typeof DECISION_MODES)[number];

/** Risk levels, aligned with the Dutch algorithm register's publication categories (A high, B impactful, C other). */
export const RISK_LEVELS = ["low", "medium", "high"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const CATALOG_SORTS = ["relevance", "recent", "most_reused", "most_endorsed"] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];
