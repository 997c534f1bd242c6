import { statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../apps/server/src/config";
import {
  envFileValues,
  infraDir,
  interpolate,
  interpolatedNames,
  loadYaml,
  type Manifest,
  readText,
} from "./helpers";

const composeFile = path.join(infraDir, "compose.yaml");
const composeText = readText(composeFile);
const compose = loadYaml(composeFile);
const services = compose.services as Record<string, Manifest>;
const envExample = envFileValues(path.join(infraDir, ".env.example"));

/** Services that run the Red CIAR image. */
const appServices = Object.entries(services).filter(([, s]) => String(s.image).includes("CIAR_IMAGE"));
const apiServices = appServices.filter(([, s]) => !s.command);

/** infra/.env.example with dummy secrets filled in, as an operator would. */
const filledEnv: Record<string, string> = {
  ...envExample,
  POSTGRES_PASSWORD: "pg-superuser-pw",
  CIAR_OWNER_PASSWORD: "owner-pw",
  CIAR_APP_PASSWORD: "app-pw",
  JWT_SECRET: "x".repeat(48),
  DATA_ENCRYPTION_KEY: "k".repeat(43),
};
const environmentOf = (service: Manifest) =>
  Object.fromEntries(
    Object.entries((service.environment ?? {}) as Record<string, unknown>).map(([k, v]) => [
      k,
      interpolate(String(v), filledEnv),
    ]),
  );

describe("compose.yaml services", () => {
  it("has PostgreSQL, PgBouncer, a one-shot migrate, two API replicas and the load balancer", () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(["postgres", "pgbouncer", "migrate", "api-1", "api-2", "proxy"]),
    );
    expect(apiServices.map(([name]) => name).sort()).toEqual(["api-1", "api-2"]);
  });

  it("pins every third-party image to a version tag", () => {
    for (const [name, service] of Object.entries(services)) {
      const image = String(service.image);
      if (image.includes("CIAR_IMAGE")) continue;
      expect(image, name).toMatch(/^[\w./-]+:v?\d+\.\d+(\.\d+)?[\w.-]*$/);
      expect(image, name).not.toMatch(/:latest$/);
    }
    expect(services.postgres?.image).toMatch(/^postgres:15\./);
  });

  it("builds the app image from the repository root with infra/docker/Dockerfile", () => {
    for (const [name, service] of appServices) {
      expect(service.build?.dockerfile, name).toBe("infra/docker/Dockerfile");
      expect(path.resolve(infraDir, service.build?.context), name).toBe(path.resolve(infraDir, ".."));
    }
  });
});

describe("PostgreSQL", () => {
  const postgres = services.postgres as Manifest;

  it("keeps its data in a named volume and reports health", () => {
    const dataMount = (postgres.volumes as string[]).find((v) => v.endsWith(":/var/lib/postgresql/data"));
    expect(dataMount).toBeDefined();
    expect(Object.keys(compose.volumes)).toContain(dataMount?.split(":")[0]);
    expect(postgres.healthcheck.test.join(" ")).toMatch(/pg_isready/);
  });

  it("creates the roles with infra/postgres/init/01-roles.sh on first start", () => {
    const init = (postgres.volumes as string[]).find((v) => v.includes(":/docker-entrypoint-initdb.d"));
    expect(init).toBeDefined();
    const hostDir = path.resolve(infraDir, (init as string).split(":")[0] as string);
    const script = path.join(hostDir, "01-roles.sh");
    // Sourced instead of executed when not executable: keep the bit.
    expect(statSync(script).mode & 0o111).not.toBe(0);
    const sql = readText(script);
    expect(sql).toMatch(/CREATE ROLE ciar_app LOGIN NOSUPERUSER NOBYPASSRLS/);
    expect(sql).toMatch(/CREATE ROLE ciar_owner LOGIN NOSUPERUSER/);
    expect(sql).toMatch(/CREATE DATABASE ciar OWNER ciar_owner/);
    expect(sql).toMatch(/GRANT ciar_app TO ciar_owner/);
    expect(sql).toMatch(/PASSWORD :'app_password'/);
    expect(sql).not.toMatch(/PASSWORD\s+'[^']*'/);
    // The passwords the script reads are passed to the container.
    for (const name of ["CIAR_OWNER_PASSWORD", "CIAR_APP_PASSWORD"]) {
      expect(sql).toContain(`$${name}`);
      expect(postgres.environment[name]).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    }
  });
});

describe("PgBouncer", () => {
  const env = environmentOf(services.pgbouncer as Manifest);

  it("pools per transaction in front of PostgreSQL, for ciar_app on the ciar database", () => {
    expect(env.POOL_MODE).toBe("transaction");
    expect(env.DB_HOST).toBe("postgres");
    expect(env.DB_USER).toBe("ciar_app");
    expect(env.DB_NAME).toBe("ciar");
    expect(env.DB_PASSWORD).toBe(filledEnv.CIAR_APP_PASSWORD);
    expect(services.pgbouncer?.depends_on?.postgres?.condition).toBe("service_healthy");
  });

  it("admits every replica's pool", () => {
    const poolMax = Number(filledEnv.DATABASE_POOL_MAX ?? 10) + Number(filledEnv.JOBS_POOL_MAX ?? 2);
    expect(apiServices.length * poolMax).toBeLessThanOrEqual(Number(env.MAX_CLIENT_CONN));
    expect(Number(env.DEFAULT_POOL_SIZE)).toBeGreaterThan(0);
  });
});

describe("the API replicas", () => {
  it.each(apiServices.map(([name, service]) => [name, service] as const))(
    "%s connects through PgBouncer as ciar_app, without prepared statements",
    (_name, service) => {
      const env = environmentOf(service);
      const url = new URL(env.DATABASE_URL as string);
      expect(url.hostname).toBe("pgbouncer");
      expect(url.username).toBe("ciar_app");
      expect(url.pathname).toBe("/ciar");
      expect(url.password).toBe(filledEnv.CIAR_APP_PASSWORD);
      expect(env.DATABASE_PREPARE).toBe("false");
      expect(env.MIGRATION_DATABASE_URL).toBeUndefined();
    },
  );

  it.each(apiServices.map(([name, service]) => [name, service] as const))(
    "%s starts only after migrate completed successfully",
    (_name, service) => {
      expect(service.depends_on?.migrate?.condition).toBe("service_completed_successfully");
      expect(service.command).toBeUndefined();
      expect(service.restart).toBe("unless-stopped");
    },
  );

  it.each(apiServices.map(([name, service]) => [name, service] as const))(
    "%s is production configuration the server accepts",
    (_name, service) => {
      const config = loadConfig(environmentOf(service));
      expect(config.nodeEnv).toBe("production");
      expect(config.host).toBe("0.0.0.0");
      expect(config.database.prepare).toBe(false);
      expect(config.migrateOnStart).toBe(false);
      expect(config.demoSeed).toBe(false);
      expect(config.jwtSecretIsEphemeral).toBe(false);
    },
  );

  it("are reachable only through the load balancer, whose one hop of X-Forwarded-For they trust", () => {
    for (const [name, service] of apiServices) {
      expect(service.ports, name).toBeUndefined();
      // One proxy: the client is the entry Caddy wrote, never one the client wrote further left.
      expect(loadConfig(environmentOf(service)).trustProxy, name).toBe(1);
    }
    const published = Object.entries(services).filter(([, s]) => s.ports);
    expect(published.map(([name]) => name)).toEqual(["proxy"]);
  });

  it("the load balancer sends traffic to every replica, health-checked on /ready", () => {
    const caddyMount = (services.proxy?.volumes as string[]).find((v) => v.includes(":/etc/caddy/Caddyfile"));
    const caddyfile = readText(path.resolve(infraDir, (caddyMount as string).split(":")[0] as string));
    const upstreams = /reverse_proxy\s+([^{]+)\{/.exec(caddyfile)?.[1]?.trim().split(/\s+/);
    expect(upstreams?.sort()).toEqual(apiServices.map(([name]) => `${name}:3000`).sort());
    expect(caddyfile).toMatch(/health_uri \/ready/);
    expect(caddyfile).toMatch(/lb_try_duration/);
    // Prometheus metrics stay off the public entrance.
    expect(caddyfile).toMatch(/@metrics path \/metrics\b[^\n]*\n\s*respond @metrics 404/);
  });

  it("get a stop grace period longer than the server's 10 s close delay", () => {
    for (const [name, service] of apiServices) {
      expect(Number.parseInt(String(service.stop_grace_period), 10), name).toBeGreaterThan(10);
    }
  });
});

describe("migrate", () => {
  const migrate = services.migrate as Manifest;
  const env = environmentOf(migrate);

  it("runs dist/migrate.js once", () => {
    expect(migrate.command).toEqual(["node", "--enable-source-maps", "dist/migrate.js"]);
    expect(migrate.restart).toBe("no");
    expect(migrate.depends_on?.postgres?.condition).toBe("service_healthy");
  });

  it("goes straight to PostgreSQL as the owner, for both URLs", () => {
    for (const key of ["DATABASE_URL", "MIGRATION_DATABASE_URL"]) {
      const url = new URL(env[key] as string);
      expect(url.hostname, key).toBe("postgres");
      expect(url.username, key).toBe("ciar_owner");
      expect(url.password, key).toBe(filledEnv.CIAR_OWNER_PASSWORD);
      expect(url.pathname, key).toBe("/ciar");
    }
  });

  it("passes the server's production configuration check", () => {
    const config = loadConfig(env);
    expect(config.nodeEnv).toBe("production");
    expect(config.demoSeed).toBe(false);
    expect(new URL(config.database.migrationUrl as string).username).toBe("ciar_owner");
  });
});

describe("secrets", () => {
  const secretNames = [
    "POSTGRES_PASSWORD",
    "CIAR_OWNER_PASSWORD",
    "CIAR_APP_PASSWORD",
    "JWT_SECRET",
    "DATA_ENCRYPTION_KEY",
  ];

  it("no secret literal: passwords and secrets only come from ${VAR} references", () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries((service.environment ?? {}) as Record<string, string>)) {
        // Required (:?) or empty when unset (:-), never a literal or a literal default.
        if (/PASSWORD|SECRET|TOKEN/.test(key))
          expect(value, `${name}.${key}`).toMatch(/^\$\{[A-Z_]+(:\?[^}]*|:-)?\}$/);
        if (/^[a-z]+:\/\/[^/]*@/.test(value)) {
          const password = /^[a-z]+:\/\/[^:/]+:([^@]*)@/.exec(value)?.[1];
          expect(password, `${name}.${key}`).toMatch(/^\$\{[A-Z_]+:\?[^}]*\}$/);
        }
      }
    }
  });

  it("are required: compose refuses to start without them", () => {
    for (const name of secretNames) {
      expect(composeText).toMatch(new RegExp(`\\$\\{${name}:\\?`));
      expect(composeText).not.toMatch(new RegExp(`\\$\\{${name}(:-[^}]*)?\\}`));
      const { [name]: _omitted, ...missing } = filledEnv;
      expect(() => interpolate(composeText, missing), name).toThrow(name);
      expect(() => interpolate(composeText, filledEnv)).not.toThrow();
    }
  });

  it("infra/.env.example documents every variable compose reads, with the secrets left empty", () => {
    const documented = new Set(Object.keys(envExample));
    for (const name of interpolatedNames(composeText)) expect(documented.has(name), name).toBe(true);
    for (const name of documented)
      expect(interpolatedNames(composeText).has(name), `${name} is unused`).toBe(true);
    for (const name of [...secretNames, "METRICS_TOKEN"]) expect(envExample[name], name).toBe("");
  });
});
