import { defineConfig } from "drizzle-kit";

// Only `generate` is used: migrations are applied by the app's own migrator on PGlite and PostgreSQL.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./drizzle",
});
