import { randomBytes } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { appRoot } from "./paths";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** Every environment variable the server reads (documented in .env.example). */
const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    HOST: z.string().min(1).default("localhost"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: z.url().optional(),
    DATABASE_URL: z.url().optional(),
    MIGRATION_DATABASE_URL: z.url().optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    DATABASE_PREPARE: bool.default(true),
    DATA_DIR: z.string().min(1).default(path.join(appRoot, ".data")),
    JWT_SECRET: z.string().min(32).optional(),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
    COOKIE_SECURE: bool.optional(),
    LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
    TRUST_PROXY: bool.default(false),
    MIGRATE_ON_START: bool.optional(),
    DEMO_SEED: bool.optional(),
    WEB_DIST_DIR: z
      .string()
      .min(1)
      .default(path.join(appRoot, "..", "web", "dist")),
    METRICS_TOKEN: z.string().min(16).optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    MAIL_FROM: z.string().min(3).max(200).optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((env, issues) => {
    if (env.SMTP_URL && !env.MAIL_FROM)
      issues.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "required with SMTP_URL" });
    if (env.NODE_ENV !== "production") return;
    if (!env.JWT_SECRET)
      issues.addIssue({
        code: "custom",
        path: ["JWT_SECRET"],
        message: "required in production (32+ characters)",
      });
    if (env.DEMO_SEED)
      issues.addIssue({
        code: "custom",
        path: ["DEMO_SEED"],
        message: "demo data is never seeded in production",
      });
  });

export type Config = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  // Empty values count as unset, as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  return {
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    database: {
      url: e.DATABASE_URL,
      migrationUrl: e.MIGRATION_DATABASE_URL ?? e.DATABASE_URL,
      poolMax: e.DATABASE_POOL_MAX,
      prepare: e.DATABASE_PREPARE,
      pgliteDir: path.join(e.DATA_DIR, "pglite"),
    },
    /** Without a configured secret (development only), tokens are signed with a per-process key. */
    jwtSecret: e.JWT_SECRET ?? randomBytes(32).toString("base64url"),
    jwtSecretIsEphemeral: !e.JWT_SECRET,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
    cookieSecure: e.COOKIE_SECURE ?? production,
    loginAttemptsPerMinute: e.LOGIN_ATTEMPTS_PER_MINUTE,
    trustProxy: e.TRUST_PROXY,
    migrateOnStart: e.MIGRATE_ON_START ?? !production,
    demoSeed: e.DEMO_SEED ?? !production,
    webDistDir: e.WEB_DIST_DIR,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    smtp: e.SMTP_URL && e.MAIL_FROM ? { url: e.SMTP_URL, from: e.MAIL_FROM } : undefined,
  };
}
