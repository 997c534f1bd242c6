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

/** Name of the database role the application runs as: no superuser, no BYPASSRLS. */
export const APP_ROLE = "ciar_app";
