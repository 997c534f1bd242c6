import { sql } from "drizzle-orm";

/**
 * SQL fragments for RLS policies. The functions are created by migration 0000 (hand-written):
 * they read the per-transaction settings that the tenant transaction sets with
 * set_config(..., true), and turn '' (what current_setting returns once a setting has existed in
 * the session) into NULL, so that a missing setting matches no row.
 */
// Wrapped in a scalar subquery so that PostgreSQL evaluates each once per statement (an
// InitPlan) instead of once per row: at 100,000 rows that is the difference between a
// 20 ms and a 180 ms count.
export const currentCommune = sql`(select app_commune_id())`;
export const currentUser = sql`(select app_user_id())`;
export const setting = (name: string) => sql.raw(`(select app_setting('${name}'))`);

// Coalition-wide access, computed once per statement from app.user_id and app.commune_id by the
// functions of migration 0006 (they read coalition_coordinators and coalition_members). The cast
// makes `= any(…)` take the array itself; `= any((select …))` would compare with each row.
export const isPlatformAdmin = sql`(select app_is_platform_admin())`;
/** Coalitions the caller coordinates (uuid[]). */
export const coordinatedCoalitions = sql`((select app_coordinated_coalitions())::uuid[])`;
/** Communes of the coalitions the caller coordinates (uuid[]). */
export const coordinatedCommunes = sql`((select app_coordinated_communes())::uuid[])`;
/** Communes whose individual results the active commune may see: members of coalitions it
 * belongs to that chose to share results (uuid[]). */
export const sharingPeers = sql`((select app_sharing_peer_communes())::uuid[])`;

/** Name of the database role the application runs as: no superuser, no BYPASSRLS. */
export const APP_ROLE = "ciar_app";
