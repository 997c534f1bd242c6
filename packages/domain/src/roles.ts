/** Role of a user inside one commune (a membership). */
export const MEMBERSHIP_ROLES = ["admin", "editor", "viewer"] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/** Role of a user inside one coalition (coalition_coordinators): reads its members' progress. */
export const COALITION_ROLES = ["coordinator"] as const;
export type CoalitionRole = (typeof COALITION_ROLES)[number];

/** Roles a user holds across the whole platform, independent of any commune or coalition. */
export const PLATFORM_ROLES = ["platform_admin"] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/** A commune is a tenant only once activated; the other 333+ stay reference data. */
export const COMMUNE_STATUSES = ["inactive", "active", "suspended"] as const;
export type CommuneStatus = (typeof COMMUNE_STATUSES)[number];

export const LOCALES = ["es", "en"] as const;
export type Locale = (typeof LOCALES)[number];
