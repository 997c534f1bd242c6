import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../apps/server/src/config";
import {
  find,
  hasKubectl,
  k8sDir,
  kubectlKustomize,
  loadYaml,
  loadYamlDocuments,
  type Manifest,
  podSpecOf,
  podSpecs,
  readKustomization,
  readText,
  renderKustomization,
  repoFile,
  validateManifest,
} from "./helpers";

const baseDir = path.join(k8sDir, "base");
const pgbouncerDir = path.join(k8sDir, "pgbouncer");
const prodDir = path.join(k8sDir, "overlays", "prod");
const kustomizationDirs = [baseDir, pgbouncerDir, prodDir];

const base = renderKustomization(baseDir);
const prod = renderKustomization(prodDir);
const secretTemplates = [
  path.join(baseDir, "secret.template.yaml"),
  path.join(pgbouncerDir, "secret.template.yaml"),
]
  .flatMap((file) => loadYamlDocuments(file))
  .filter((m) => m.kind === "Secret");

const byName = (manifests: Manifest[]) =>
  [...manifests].sort((a, b) => `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`));

function allYamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return allYamlFiles(full);
    return entry.endsWith(".yaml") || entry.endsWith(".yml") ? [full] : [];
  });
}

/** Fields a container may have (Kubernetes 1.33): a misspelt probe or securityContext fails here. */
const containerFields = new Set([
  "args",
  "command",
  "env",
  "envFrom",
  "image",
  "imagePullPolicy",
  "lifecycle",
  "livenessProbe",
  "name",
  "ports",
  "readinessProbe",
  "resizePolicy",
  "resources",
  "restartPolicy",
  "securityContext",
  "startupProbe",
  "stdin",
  "stdinOnce",
  "terminationMessagePath",
  "terminationMessagePolicy",
  "tty",
  "volumeDevices",
  "volumeMounts",
  "workingDir",
]);

describe("kustomizations", () => {
  it.each(kustomizationDirs)("%s lists only files and folders that exist", (dir) => {
    const k = readKustomization(dir);
    expect(k.resources?.length).toBeGreaterThan(0);
    for (const resource of k.resources ?? []) {
      const target = path.resolve(dir, resource);
      expect(() => statSync(target), `${dir}: ${resource}`).not.toThrow();
      if (statSync(target).isDirectory()) expect(() => readKustomization(target)).not.toThrow();
    }
    for (const patch of k.patches ?? []) expect(() => statSync(path.resolve(dir, patch.path))).not.toThrow();
  });

  it("every YAML file under infra/k8s is a kustomization, a listed resource, a patch or a template", () => {
    const used = new Set<string>();
    for (const dir of kustomizationDirs) {
      used.add(path.join(dir, "kustomization.yaml"));
      const k = readKustomization(dir);
      for (const r of k.resources ?? []) used.add(path.resolve(dir, r));
      for (const p of k.patches ?? []) used.add(path.resolve(dir, p.path));
    }
    const stray = allYamlFiles(k8sDir).filter((f) => !used.has(f) && !f.endsWith(".template.yaml"));
    expect(stray).toEqual([]);
  });

  it("the Secret templates are never applied: no kustomization lists them", () => {
    for (const dir of kustomizationDirs) {
      for (const r of readKustomization(dir).resources ?? []) expect(r).not.toMatch(/secret/i);
    }
    expect(prod.filter((m) => m.kind === "Secret")).toEqual([]);
  });
});

describe("every manifest validates against the Kubernetes schemas", () => {
  it.each(allYamlFiles(k8sDir).filter((f) => !f.endsWith("kustomization.yaml")))("%s parses", (file) => {
    const docs = loadYamlDocuments(file);
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) {
      expect(doc.apiVersion, file).toBeTruthy();
      expect(doc.kind, file).toBeTruthy();
      expect(doc.metadata?.name, file).toBeTruthy();
    }
  });

  it.each([
    ["base", base],
    ["overlays/prod (patches merged)", prod],
    ["secret templates", secretTemplates],
  ] as const)("%s", (_label, manifests) => {
    expect(manifests.length).toBeGreaterThan(0);
    for (const manifest of manifests) {
      expect(() => validateManifest(manifest), `${manifest.kind}/${manifest.metadata.name}`).not.toThrow();
    }
  });

  it("containers carry only known fields (catches misspelt probes and settings)", () => {
    for (const { owner, spec } of podSpecs(prod)) {
      for (const container of spec.containers) {
        const unknown = Object.keys(container).filter((key) => !containerFields.has(key));
        expect(unknown, `${owner}/${container.name}`).toEqual([]);
      }
    }
  });

  it("the overlay renders what kustomize itself renders", (context) => {
    if (!hasKubectl) return context.skip("kubectl is not installed");
    expect(byName(kubectlKustomize(prodDir) ?? [])).toEqual(byName(prod));
    expect(byName(kubectlKustomize(baseDir) ?? [])).toEqual(byName(base));
  });
});

describe("the API Deployment", () => {
  const deployment = find(prod, "Deployment", "ciar-api");
  const pod = podSpecOf(deployment) as Manifest;
  const api = pod.containers.find((c: Manifest) => c.name === "api") as Manifest;
  const portNames = new Set(api.ports.map((p: Manifest) => p.name));

  it("selects its own pods", () => {
    expect(deployment.spec.selector.matchLabels).toEqual(
      expect.objectContaining({ "app.kubernetes.io/component": "api" }),
    );
    for (const [key, value] of Object.entries(deployment.spec.selector.matchLabels)) {
      expect(deployment.spec.template.metadata.labels[key]).toBe(value);
    }
  });

  it("runs the server from the image's dist/server.js on port 3000", () => {
    expect(api.command).toEqual(["node", "--enable-source-maps", "dist/server.js"]);
    expect(api.ports).toEqual([expect.objectContaining({ name: "http", containerPort: 3000 })]);
    const config = find(prod, "ConfigMap", "ciar-config");
    expect(config.data.PORT).toBe("3000");
  });

  it("probes /health for liveness and /ready for readiness, on a declared port", () => {
    expect(api.livenessProbe.httpGet.path).toBe("/health");
    expect(api.readinessProbe.httpGet.path).toBe("/ready");
    for (const probe of [api.livenessProbe, api.readinessProbe, api.startupProbe]) {
      if (!probe) continue;
      const port = probe.httpGet.port;
      expect(typeof port === "number" ? port === 3000 : portNames.has(port), `probe port ${port}`).toBe(true);
    }
    // A liveness probe on the database would restart every pod during a database outage.
    expect(api.livenessProbe.httpGet.path).not.toBe("/ready");
  });

  it("rolls with zero downtime and drains longer than the server's close delay", () => {
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    const serverSource = readText(repoFile("apps/server/src/server.ts"));
    const closeDelayMs = Number(
      /closeWithGrace\(\{\s*delay:\s*([\d_]+)/.exec(serverSource)?.[1]?.replace(/_/g, ""),
    );
    expect(closeDelayMs).toBeGreaterThan(0);
    const preStop = api.lifecycle?.preStop?.exec?.command as string[] | undefined;
    const preStopSeconds = preStop?.[0] === "sleep" ? Number(preStop[1]) : 0;
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(preStopSeconds + closeDelayMs / 1000);
    expect(preStopSeconds).toBeGreaterThan(0);
  });

  it("leaves the replica count to the HorizontalPodAutoscaler", () => {
    expect(deployment.spec.replicas).toBeUndefined();
  });

  it("gets DATABASE_URL, JWT_SECRET and DATA_ENCRYPTION_KEY from the Secret, never the owner's MIGRATION_DATABASE_URL", () => {
    const names = api.env.map((e: Manifest) => e.name);
    expect(names).toEqual(expect.arrayContaining(["DATABASE_URL", "JWT_SECRET", "DATA_ENCRYPTION_KEY"]));
    expect(names).not.toContain("MIGRATION_DATABASE_URL");
    for (const e of api.env) {
      expect(e.valueFrom?.secretKeyRef?.key, e.name).not.toBe("MIGRATION_DATABASE_URL");
    }
  });
});

describe("pod security", () => {
  const all = podSpecs(prod);

  it("covers the API, the migration Job and PgBouncer", () => {
    expect(all.map((p) => p.owner).sort()).toEqual([
      "Deployment/ciar-api",
      "Deployment/ciar-pgbouncer",
      "Job/ciar-migrate",
    ]);
  });

  it.each(all.map((p) => [p.owner, p.spec] as const))(
    "%s: non-root, read-only root, no privilege escalation, no capabilities, RuntimeDefault seccomp",
    (_owner, spec) => {
      expect(spec.securityContext.runAsNonRoot).toBe(true);
      expect(spec.automountServiceAccountToken).toBe(false);
      const tmpVolumes = new Set(
        (spec.volumes ?? []).filter((v: Manifest) => v.emptyDir).map((v: Manifest) => v.name),
      );
      for (const c of spec.containers) {
        const sc = c.securityContext;
        expect(sc.runAsNonRoot, c.name).toBe(true);
        expect(sc.allowPrivilegeEscalation, c.name).toBe(false);
        expect(sc.readOnlyRootFilesystem, c.name).toBe(true);
        expect(sc.capabilities.drop, c.name).toContain("ALL");
        expect(sc.capabilities.add ?? [], c.name).toEqual([]);
        expect(sc.privileged ?? false, c.name).toBe(false);
        expect((sc.seccompProfile ?? spec.securityContext.seccompProfile)?.type, c.name).toBe(
          "RuntimeDefault",
        );
        const uid = sc.runAsUser ?? spec.securityContext.runAsUser;
        expect(uid, c.name).toBeGreaterThan(0);
        // A read-only root needs a writable /tmp.
        const tmp = (c.volumeMounts ?? []).find((m: Manifest) => m.mountPath === "/tmp");
        expect(tmp && tmpVolumes.has(tmp.name), `${c.name}: /tmp on an emptyDir`).toBe(true);
      }
    },
  );

  it("the app containers run as uid 1000, the image's `node` user", () => {
    for (const name of ["Deployment/ciar-api", "Job/ciar-migrate"]) {
      const { spec } = all.find((p) => p.owner === name) as { spec: Manifest };
      for (const c of spec.containers)
        expect(c.securityContext.runAsUser ?? spec.securityContext.runAsUser).toBe(1000);
    }
  });

  it.each(all.map((p) => [p.owner, p.spec] as const))(
    "%s: CPU and memory requests and limits",
    (_o, spec) => {
      for (const c of spec.containers) {
        for (const kind of ["requests", "limits"]) {
          expect(c.resources?.[kind]?.cpu, `${c.name} ${kind}.cpu`).toBeTruthy();
          expect(c.resources?.[kind]?.memory, `${c.name} ${kind}.memory`).toBeTruthy();
        }
      }
    },
  );

  it("the namespace enforces the restricted Pod Security Standard", () => {
    const ns = find(prod, "Namespace", "ciar");
    expect(ns.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
  });
});

describe("the migration Job", () => {
  const job = find(prod, "Job", "ciar-migrate");
  const container = podSpecOf(job)?.containers[0] as Manifest;
  const env = Object.fromEntries(container.env.map((e: Manifest) => [e.name, e]));

  it("runs dist/migrate.js once, without restarting in place", () => {
    expect(container.command).toEqual(["node", "--enable-source-maps", "dist/migrate.js"]);
    expect(podSpecOf(job)?.restartPolicy).toBe("Never");
    expect(job.spec.backoffLimit).toBeLessThanOrEqual(3);
  });

  it("uses the same image as the API", () => {
    const api = podSpecOf(find(prod, "Deployment", "ciar-api"))?.containers[0];
    expect(container.image).toBe(api.image);
  });

  it("connects as the owner for both URLs (an unset DATABASE_URL would migrate PGlite)", () => {
    expect(env.DATABASE_URL.valueFrom.secretKeyRef.key).toBe("MIGRATION_DATABASE_URL");
    expect(env.MIGRATION_DATABASE_URL.valueFrom.secretKeyRef.key).toBe("MIGRATION_DATABASE_URL");
    // loadConfig() demands JWT_SECRET in production, migrate included.
    expect(env.JWT_SECRET.valueFrom.secretKeyRef.key).toBe("JWT_SECRET");
  });

  it("does not share the API's pod labels (the Service must not route to it)", () => {
    const service = find(prod, "Service", "ciar-api");
    const labels = job.spec.template.metadata.labels;
    const selected = Object.entries(service.spec.selector).every(([k, v]) => labels[k] === v);
    expect(selected).toBe(false);
  });
});

describe("Service, HPA and PodDisruptionBudget", () => {
  const deployment = find(prod, "Deployment", "ciar-api");
  const podLabels = deployment.spec.template.metadata.labels;
  const matches = (selector: Record<string, string>) =>
    Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => podLabels[k] === v);

  it("the Service selects the API pods and targets the named container port", () => {
    const service = find(prod, "Service", "ciar-api");
    expect(matches(service.spec.selector)).toBe(true);
    const ports = podSpecOf(deployment)?.containers[0].ports.map((p: Manifest) => p.name);
    for (const port of service.spec.ports) expect(ports).toContain(port.targetPort);
  });

  it("the HPA scales the Deployment on CPU, never below 2 replicas", () => {
    const hpa = find(prod, "HorizontalPodAutoscaler", "ciar-api");
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: "ciar-api" });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThanOrEqual(hpa.spec.minReplicas);
    expect(hpa.spec.metrics).toEqual([
      expect.objectContaining({ type: "Resource", resource: expect.objectContaining({ name: "cpu" }) }),
    ]);
  });

  it("the PodDisruptionBudget covers the API pods and lets a drain proceed", () => {
    const pdb = find(prod, "PodDisruptionBudget", "ciar-api");
    expect(matches(pdb.spec.selector.matchLabels)).toBe(true);
    expect(pdb.spec.maxUnavailable ?? 0).toBeGreaterThanOrEqual(1);
  });

  it("the PgBouncer Service selects the PgBouncer pods only", () => {
    const service = find(prod, "Service", "ciar-pgbouncer");
    const pgb = find(prod, "Deployment", "ciar-pgbouncer");
    const labels = pgb.spec.template.metadata.labels;
    expect(Object.entries(service.spec.selector).every(([k, v]) => labels[k] === v)).toBe(true);
    expect(matches(service.spec.selector)).toBe(false);
    for (const [k, v] of Object.entries(pgb.spec.selector.matchLabels)) expect(labels[k]).toBe(v);
  });
});

describe("configuration and secrets", () => {
  const config = find(prod, "ConfigMap", "ciar-config");
  const appSecret = secretTemplates.find((s) => s.metadata.name === "ciar-secrets") as Manifest;
  const pgbSecret = secretTemplates.find((s) => s.metadata.name === "ciar-pgbouncer") as Manifest;

  it("every envFrom ConfigMap and secretKeyRef key exists", () => {
    const configMaps = new Set(prod.filter((m) => m.kind === "ConfigMap").map((m) => m.metadata.name));
    const secrets = Object.fromEntries(secretTemplates.map((s) => [s.metadata.name, s.stringData]));
    for (const { owner, spec } of podSpecs(prod)) {
      for (const c of spec.containers) {
        for (const from of c.envFrom ?? []) expect(configMaps.has(from.configMapRef?.name), owner).toBe(true);
        for (const e of c.env ?? []) {
          const ref = e.valueFrom?.secretKeyRef;
          if (ref) expect(secrets[ref.name]?.[ref.key], `${owner} ${e.name}`).toBeDefined();
        }
      }
    }
  });

  it("the Secret templates hold placeholders, not secrets", () => {
    for (const secret of secretTemplates) {
      const text = JSON.stringify(secret.stringData);
      expect(text).toMatch(/REPLACE_ME/);
      expect(secret.data).toBeUndefined();
    }
    expect(appSecret.stringData.JWT_SECRET).toMatch(/^REPLACE_ME/);
    expect(appSecret.stringData.DATA_ENCRYPTION_KEY).toMatch(/^REPLACE_ME/);
  });

  it("the API reaches PostgreSQL through the PgBouncer Service as ciar_app; migrations go direct as the owner", () => {
    const app = new URL(appSecret.stringData.DATABASE_URL);
    const service = find(prod, "Service", "ciar-pgbouncer");
    expect(app.hostname).toBe(service.metadata.name);
    expect(Number(app.port)).toBe(service.spec.ports[0].port);
    expect(app.username).toBe("ciar_app");
    const owner = new URL(appSecret.stringData.MIGRATION_DATABASE_URL);
    expect(owner.username).toBe("ciar_owner");
    expect(owner.hostname).not.toBe(service.metadata.name);
    expect(app.pathname).toBe(owner.pathname);
  });

  it("PgBouncer pools per transaction, as ciar_app, for the app's database", () => {
    const pgb = podSpecOf(find(prod, "Deployment", "ciar-pgbouncer"))?.containers[0];
    const env = Object.fromEntries(pgb.env.map((e: Manifest) => [e.name, e.value ?? e.valueFrom]));
    expect(env.POOL_MODE).toBe("transaction");
    expect(env.DB_USER).toBe(new URL(appSecret.stringData.DATABASE_URL).username);
    expect(`/${env.DB_NAME}`).toBe(new URL(appSecret.stringData.DATABASE_URL).pathname);
    expect(pgb.image).toMatch(/^edoburu\/pgbouncer:v?\d+\.\d+\.\d+/);
    expect(pgbSecret.stringData.DB_PASSWORD).toMatch(/REPLACE_ME/);
  });

  it("the connection budget fits: HPA maxReplicas x (DATABASE_POOL_MAX + JOBS_POOL_MAX) <= PgBouncer max_client_conn", () => {
    const hpa = find(prod, "HorizontalPodAutoscaler", "ciar-api");
    const pgb = podSpecOf(find(prod, "Deployment", "ciar-pgbouncer"))?.containers[0];
    const maxClientConn = Number(pgb.env.find((e: Manifest) => e.name === "MAX_CLIENT_CONN").value);
    const perPod = Number(config.data.DATABASE_POOL_MAX) + Number(config.data.JOBS_POOL_MAX);
    expect(perPod).toBeGreaterThan(Number(config.data.DATABASE_POOL_MAX));
    expect(hpa.spec.maxReplicas * perPod).toBeLessThanOrEqual(maxClientConn);
  });

  it("is production configuration the server accepts (apps/server/src/config.ts)", () => {
    const parsed = loadConfig({
      ...config.data,
      DATABASE_URL: appSecret.stringData.DATABASE_URL,
      JWT_SECRET: appSecret.stringData.JWT_SECRET,
    });
    expect(parsed.nodeEnv).toBe("production");
    expect(parsed.host).toBe("0.0.0.0");
    expect(parsed.database.prepare).toBe(false);
    // One hop (the Ingress): the client cannot choose the address the sign-in throttle counts.
    expect(parsed.trustProxy).toBe(1);
    expect(parsed.cookieSecure).toBe(true);
    expect(parsed.migrateOnStart).toBe(false);
    expect(parsed.demoSeed).toBe(false);
    expect(parsed.publicUrl).toMatch(/^https:\/\//);
  });
});

describe("the prod overlay", () => {
  const k = readKustomization(prodDir);

  it("deploys into its namespace", () => {
    expect(k.namespace).toBe("ciar");
    for (const m of prod.filter((m) => m.kind !== "Namespace")) expect(m.metadata.namespace).toBe("ciar");
  });

  it("pins a released image tag (never latest, never the base's local tag)", () => {
    for (const { spec } of podSpecs(prod)) {
      for (const c of spec.containers) {
        expect(c.image, c.name).toMatch(/:[\w.-]+$|@sha256:[0-9a-f]{64}$/);
        expect(c.image, c.name).not.toMatch(/:(latest|local)$/);
      }
    }
  });

  it("patches sizing: production API pods get more than the base", () => {
    const memory = (manifests: Manifest[]) =>
      podSpecOf(find(manifests, "Deployment", "ciar-api"))?.containers[0].resources.limits.memory;
    expect(memory(prod)).not.toBe(memory(base));
    const patched = loadYaml(path.join(prodDir, "api-resources.yaml"));
    expect(memory(prod)).toBe(patched.spec.template.spec.containers[0].resources.limits.memory);
    // The merge kept the rest of the container.
    expect(podSpecOf(find(prod, "Deployment", "ciar-api"))?.containers[0].readinessProbe.httpGet.path).toBe(
      "/ready",
    );
  });
});
