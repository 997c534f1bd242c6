import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  integer,
  pgPolicy,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { currentCommune } from "./rls";

/**
 * Every commune of the country (346 in Chile, loaded by a data migration from SUBDERE's CUT list);
 * a commune becomes a tenant when activated. Reference data readable by everyone; only its own
 * members may change its settings (the API also requires the admin role).
 */
export const communes = pgTable(
  "communes",
  {
    id: id().primaryKey(),
    country: text("country").notNull().default("CL"),
    /** Official code: CUT (Código Único Territorial) in Chile, five digits kept as text. */
    code: text("code").notNull(),
    name: text("name").notNull(),
    provinceCode: text("province_code"),
    province: text("province"),
    regionCode: text("region_code").notNull(),
    region: text("region").notNull(),
    regionIso: text("region_iso").notNull(),
    population: integer("population"),
    populationYear: smallint("population_year"),
    status: text("status", { enum: ["inactive", "active", "suspended"] })
      .notNull()
      .default("inactive"),
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    /** Activated only to show the product: these are real municipalities, not customers. */
    isDemo: boolean("is_demo").notNull().default(false),
    displayName: text("display_name"),
    contactEmail: text("contact_email"),
    websiteUrl: text("website_url"),
    defaultLocale: text("default_locale", { enum: ["es", "en"] })
      .notNull()
      .default("es"),
    /** Who must use two-step verification here (migration 0022): nobody extra, admins, everyone. */
    twoStepPolicy: text("two_step_policy", { enum: ["none", "admins", "everyone"] })
      .notNull()
      .default("none"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("communes_country_code_key").on(t.country, t.code),
    check("communes_country_iso", sql`${t.country} ~ '^[A-Z]{2}$'`),
    check("communes_status_valid", sql`${t.status} in ('inactive', 'active', 'suspended')`),
    pgPolicy("communes_read_all", { for: "select", using: sql`true` }),
    pgPolicy("communes_update_own", {
      for: "update",
      using: sql`${t.id} = ${currentCommune}`,
      withCheck: sql`${t.id} = ${currentCommune}`,
    }),
  ],
);
