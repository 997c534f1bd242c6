import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { appRoot } from "./paths";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

// Names proxy-addr (Fastify's trustProxy) knows for whole ranges.
const PROXY_RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isAddressOrCidr(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/**
 * Which X-Forwarded-For entries to believe. `true` (trust every hop) is refused: the left-most
 * entry is whatever the client wrote, so it would let anyone pick the address the sign-in throttle
 * counts. A hop count trusts that many proxies from the right; a list trusts the proxies at those
 * addresses or ranges.
 */
const trustProxy = z.string().transform((value, issues): false | number | string[] => {
  const v = value.trim();
  if (v === "false" || v === "0") return false;
  if (/^\d+$/.test(v) && Number(v) <= 10) return Number(v);
  const entries = v.split(",").map((e) => e.trim());
  if (v !== "true" && entries.every(isAddressOrCidr)) return entries;
  issues.addIssue({
    code: "custom",
    message:
      "false, a hop count (1 behind one proxy) or the proxies' addresses/CIDRs, comma-separated; " +
      "true is refused: it trusts the client-written, left-most X-Forwarded-For",
  });
  return z.NEVER;
});

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
    DATA_ENCRYPTION_KEY: z
      .string()
      .refine((v) => Buffer.from(v, "base64url").length === 32, "32 bytes in base64 or base64url")
      .optional(),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
    COOKIE_SECURE: bool.optional(),
    LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
    PUBLIC_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
    TRUST_PROXY: trustProxy.default(false),
    MIGRATE_ON_START: bool.optional(),
    DEMO_SEED: bool.optional(),
    WEB_DIST_DIR: z
      .string()
      .min(1)
      .default(path.join(appRoot, "..", "web", "dist")),
    METRICS_TOKEN: z.string().min(16).optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    MAIL_FROM: z.string().min(3).max(200).optional(),
    /** First retry of an e-mail the SMTP server refused; each next one waits twice as long (max 1 h). */
    MAIL_RETRY_SECONDS: z.coerce.number().min(0.5).max(3600).default(30),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    GATEWAY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
    GATEWAY_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
    GATEWAY_BODY_LIMIT_BYTES: z.coerce.number().int().min(1_024).max(104_857_600).default(10_485_760),
    GATEWAY_ALLOW_PRIVATE_UPSTREAMS: bool.optional(),
    OIDC_PRIVATE_ISSUERS: bool.optional(),
    DEV_IDENTITY_PROVIDER_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    EXAMPLE_MODULE: bool.optional(),
    EXAMPLE_MODULE_UPSTREAM: z.url({ protocol: /^https?$/ }).optional(),
    JOBS: bool.default(true),
    JOBS_POOL_MAX: z.coerce.number().int().min(1).max(20).default(2),
    JOBS_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
    OVERAGE_REPORT_CRON: z
      .string()
      .regex(/^\S+( \S+){4}$/, "a cron expression of five fields, e.g. */5 * * * *")
      .default("*/5 * * * *"),
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_/)
      .optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
    STRIPE_IVA_TAX_RATE_ID: z.string().startsWith("txr_").optional(),
    /** Only to point the SDK at a local fake in tests or development. */
    STRIPE_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  })
  .superRefine((env, issues) => {
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET)
      issues.addIssue({
        code: "custom",
        path: ["STRIPE_WEBHOOK_SECRET"],
        message: "required with STRIPE_SECRET_KEY",
      });
    if (env.SMTP_URL && !env.MAIL_FROM)
      issues.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "required with SMTP_URL" });
    if (env.NODE_ENV !== "production") return;
    if (!env.JWT_SECRET)
      issues.addIssue({
        code: "custom",
        path: ["JWT_SECRET"],
        message: "required in production (32+ characters)",
      });
    if (env.DEV_IDENTITY_PROVIDER_PORT !== undefined)
      issues.addIssue({
        code: "custom",
        path: ["DEV_IDENTITY_PROVIDER_PORT"],
        message: "the demo directory (a local OpenID provider) never runs in production",
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
    /**
     * Seals the secrets the platform reads back (services/crypto/secret-box.ts). Required by the
     * server in production (not by migrate, which opens nothing). Without one in development, a
     * key is generated once into DATA_DIR (data-encryption-key.ts), so sealed values survive a
     * restart like the embedded database beside it.
     */
    dataEncryptionKey: e.DATA_ENCRYPTION_KEY ? Buffer.from(e.DATA_ENCRYPTION_KEY, "base64url") : undefined,
    dataDir: e.DATA_DIR,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
    cookieSecure: e.COOKIE_SECURE ?? production,
    loginAttemptsPerMinute: e.LOGIN_ATTEMPTS_PER_MINUTE,
    publicRequestsPerMinute: e.PUBLIC_REQUESTS_PER_MINUTE,
    /** false, a hop count, or the trusted proxies' addresses and CIDRs (Fastify's trustProxy). */
    trustProxy: e.TRUST_PROXY,
    migrateOnStart: e.MIGRATE_ON_START ?? !production,
    demoSeed: e.DEMO_SEED ?? !production,
    webDistDir: e.WEB_DIST_DIR,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    smtp: e.SMTP_URL && e.MAIL_FROM ? { url: e.SMTP_URL, from: e.MAIL_FROM } : undefined,
    mail: { retryBaseSeconds: e.MAIL_RETRY_SECONDS },
    gateway: {
      rateLimitPerMinute: e.GATEWAY_RATE_LIMIT_PER_MINUTE,
      upstreamTimeoutMs: e.GATEWAY_UPSTREAM_TIMEOUT_MS,
      bodyLimitBytes: e.GATEWAY_BODY_LIMIT_BYTES,
      /** Upstreams on loopback, private or link-local addresses (refused in production by default). */
      allowPrivateUpstreams: e.GATEWAY_ALLOW_PRIVATE_UPSTREAMS ?? !production,
    },
    /** Background jobs (pg-boss) in this process; off only for tests that do not need them. */
    jobs: {
      enabled: e.JOBS,
      poolMax: e.JOBS_POOL_MAX,
      pollingIntervalSeconds: e.JOBS_POLL_SECONDS,
      overageCron: e.OVERAGE_REPORT_CRON,
    },
    /** Without a secret key the platform sells modules by purchase order only. */
    stripe: e.STRIPE_SECRET_KEY
      ? {
          stripeSecretKey: e.STRIPE_SECRET_KEY,
          stripeWebhookSecret: e.STRIPE_WEBHOOK_SECRET,
          stripeIvaTaxRateId: e.STRIPE_IVA_TAX_RATE_ID,
          ...stripeApi(e.STRIPE_API_URL),
        }
      : {},
    directory: {
      /** Directory issuers over http or on loopback/private addresses (refused in production by default). */
      allowPrivateIssuers: e.OIDC_PRIVATE_ISSUERS ?? !production,
      /**
       * The demo directory (a local OpenID provider, src/dev-identity-provider) on this port, and La
       * Serena connected to it: on by default (port 3001) in development with the demo seed.
       */
      devProviderPort:
        e.DEV_IDENTITY_PROVIDER_PORT ??
        (e.NODE_ENV === "development" && (e.DEMO_SEED ?? true) ? 3001 : undefined),
    },
    exampleModule: {
      enabled: e.EXAMPLE_MODULE ?? !production,
      /** Where the demo seed says the example module lives (read by the seed). */
      upstream: e.EXAMPLE_MODULE_UPSTREAM ?? `http://127.0.0.1:${e.PORT}/examples/dom-permisos`,
    },
  };
}

/** STRIPE_API_URL (a local fake) as the SDK's host, port and protocol. */
function stripeApi(url: string | undefined) {
  if (!url) return {};
  const parsed = new URL(url);
  const protocol = parsed.protocol === "http:" ? ("http" as const) : ("https" as const);
  return {
    stripeApiHost: parsed.hostname,
    stripeApiPort: Number(parsed.port || (protocol === "http" ? 80 : 443)),
    stripeApiProtocol: protocol,
  };
}
