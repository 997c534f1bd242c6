/**
 * Coordination pages live outside any commune: /coaliciones/:slug/… names the coalition by its
 * slug (readable, stable), and the pages look its id up in auth.me's `coordinates`.
 */
export type CoalitionPage = "revisiones" | "comunas" | "indicadores" | "grupos";

export function coalitionPath(slug: string, page?: CoalitionPage): string {
  return page ? `/coaliciones/${slug}/${page}` : `/coaliciones/${slug}`;
}

export function reviewPath(slug: string, assessmentId: string): string {
  return `/coaliciones/${slug}/revisiones/${assessmentId}`;
}

export function coalitionCommunePath(slug: string, communeId: string): string {
  return `/coaliciones/${slug}/comunas/${communeId}`;
}

export const PLATFORM_COALITIONS_PATH = "/plataforma/coaliciones";
export const PLATFORM_PURCHASE_ORDERS_PATH = "/plataforma/ordenes-de-compra";
export const PLATFORM_PEOPLE_PATH = "/plataforma/personas";
export const PLATFORM_LOG_PATH = "/plataforma/registro";

export function platformCoalitionPath(coalitionId: string): string {
  return `${PLATFORM_COALITIONS_PATH}/${coalitionId}`;
}

export function isPlatformAdmin(me: { platformRoles: readonly string[] }): boolean {
  return me.platformRoles.includes("platform_admin");
}

/**
 * Where "/" leads someone who belongs to no commune: the first coalition they coordinate, else
 * the platform's coalitions for a platform admin, else nowhere (the home page explains why).
 */
export function coordinationHomePath(me: {
  platformRoles: readonly string[];
  coordinates: readonly { slug: string }[];
}): string | null {
  const first = me.coordinates[0];
  if (first) return coalitionPath(first.slug);
  return isPlatformAdmin(me) ? PLATFORM_COALITIONS_PATH : null;
}

/** The coalition a URL's slug names among those the person coordinates, or null. */
export function findCoordinatedBySlug<T extends { slug: string }>(
  coordinates: readonly T[],
  slug: string | undefined,
): T | null {
  return coordinates.find((c) => c.slug === slug) ?? null;
}
