import { sql } from "drizzle-orm";

/**
 * SQL fragments for RLS policies. The functions are created by migration 0000 (hand-written):
 * they read the per-transaction settings that the tenant transaction sets with
 * set_config(..., true), and turn '' (what current_setting returns once a setting has existed in
 * the session) into NULL, so that a missing setting matches no row.
 */
export const currentCommune = sql`app_commune_id()`;
export const currentUser = sql`app_user_id()`;
export const setting = (name: string) => sql.raw(`app_setting('${name}')`);

/** Name of the database role the application runs as: no superuser, no BYPASSRLS. */
export const APP_ROLE = "ciar_app";
