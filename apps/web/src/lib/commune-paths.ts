import { formatCut } from "@ciar/domain/format";

/** The dashboard names a commune in the URL by its CUT code: /c/04101/miembros. */
const COMMUNE_PAGES = [
  "miembros",
  "configuracion",
  "auditoria",
  "catalogo",
  "casos",
  "notificaciones",
  "autoevaluaciones",
  "progreso",
  "indicadores",
  "hoja-de-ruta",
  "modulos",
  "suscripciones",
  "claves-api",
  "mis-modulos",
] as const;
export type CommunePage = (typeof COMMUNE_PAGES)[number];

export interface CommuneRef {
  communeId: string;
  code: string;
}

export function communePath(cut: string, page: CommunePage = "miembros"): string {
  return `/c/${cut}/${page}`;
}

/** A use case's page, or its editor, within the commune the person is acting as. */
export function caseDetailPath(cut: string, id: string, edit = false): string {
  return `/c/${cut}/casos/${id}${edit ? "/editar" : ""}`;
}

/** A shared module's page in the commune's module catalog. */
export function modulePath(cut: string, slug: string): string {
  return `/c/${cut}/modulos/${encodeURIComponent(slug)}`;
}

/** One of the commune's self-assessments (the form, or its read-only view once submitted). */
export function assessmentPath(cut: string, id: string): string {
  return `/c/${cut}/autoevaluaciones/${id}`;
}

/**
 * The membership a URL's CUT points to, or null when the person does not belong to that commune
 * (or the segment is not a CUT at all). A CUT missing its leading zero ("4101") still matches.
 */
export function findMembershipByCut<T extends CommuneRef>(
  memberships: readonly T[],
  cut: string | undefined,
): T | null {
  if (!cut) return null;
  let code: string;
  try {
    code = formatCut(cut);
  } catch {
    return null;
  }
  return memberships.find((m) => m.code === code) ?? null;
}

/** The same page in another commune: /c/04101/configuracion → /c/04102/configuracion. */
export function switchCommunePath(pathname: string, cut: string): string {
  const current = /^\/c\/[^/]+\/([^/?#]+)/.exec(pathname)?.[1];
  const page = COMMUNE_PAGES.find((p) => p === current) ?? "miembros";
  return communePath(cut, page);
}

/** Where "/" leads: the first commune's members, or null when the person belongs to none yet. */
export function homePath(memberships: readonly CommuneRef[]): string | null {
  const first = memberships[0];
  return first ? communePath(first.code) : null;
}

/**
 * Where to go after signing in (?volver=…). Only paths on this site: "//evil.example" and
 * "https://…" would turn the sign-in page into an open redirect.
 */
export function safeReturnPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
