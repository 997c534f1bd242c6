// Shared helpers for the infra tests: file access, YAML loading, a small kustomize renderer and
// the kubernetes-models classes by apiVersion/kind.
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Job } from "kubernetes-models/batch/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ConfigMap, Namespace, Secret, Service } from "kubernetes-models/v1";
import { parse, parseAllDocuments } from "yaml";

export const infraDir = fileURLToPath(new URL("..", import.meta.url));
export const repoRoot = path.resolve(infraDir, "..");
export const k8sDir = path.join(infraDir, "k8s");

export const readText = (file: string) => readFileSync(file, "utf8");
export const repoFile = (relative: string) => path.join(repoRoot, relative);

/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are free-form JSON */
export type Manifest = Record<string, any>;

/** Every document of a YAML file as plain JSON (merge keys resolved, empty documents dropped). */
export function loadYamlDocuments(file: string): Manifest[] {
  return parseAllDocuments(readText(file), { merge: true })
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
      return doc.toJSON() as Manifest | null;
    })
    .filter((doc): doc is Manifest => doc !== null && typeof doc === "object");
}

export function loadYaml(file: string): Manifest {
  return parse(readText(file), { merge: true }) as Manifest;
}

// ---------------------------------------------------------------------------------------------
// kubernetes-models: one class per apiVersion/kind used in infra/k8s. An unknown kind fails.

interface Validatable {
  validate(): void;
}
const models: Record<string, new (data: any) => Validatable> = {
  "v1/ConfigMap": ConfigMap,
  "v1/Namespace": Namespace,
  "v1/Secret": Secret,
  "v1/Service": Service,
  "apps/v1/Deployment": Deployment,
  "batch/v1/Job": Job,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
};

/** Validates a manifest against the Kubernetes OpenAPI schema of its apiVersion/kind (throws). */
export function validateManifest(manifest: Manifest): void {
  const key = `${manifest.apiVersion}/${manifest.kind}`;
  const Model = models[key];
  if (!Model) throw new Error(`no schema for ${key} (${manifest.metadata?.name}): add it to test/helpers.ts`);
  new Model(manifest).validate();
}

// ---------------------------------------------------------------------------------------------
// A small kustomize: resources (files and directories), patches (strategic merge), images and
// namespace; enough for infra/k8s, and compared with `kubectl kustomize` when kubectl exists.

const clusterScoped = new Set(["Namespace"]);

function isObject(value: unknown): value is Manifest {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Strategic merge: maps merge, lists of named objects merge by name, other lists are replaced. */
function strategicMerge(target: unknown, patch: unknown): unknown {
  if (isObject(target) && isObject(patch)) {
    const out: Manifest = { ...target };
    for (const [key, value] of Object.entries(patch)) out[key] = strategicMerge(target[key], value);
    return out;
  }
  if (
    Array.isArray(target) &&
    Array.isArray(patch) &&
    patch.every((item) => isObject(item) && typeof item.name === "string")
  ) {
    const out = [...target];
    for (const item of patch as Manifest[]) {
      const index = out.findIndex((existing) => isObject(existing) && existing.name === item.name);
      if (index >= 0) out[index] = strategicMerge(out[index], item);
      else out.push(item);
    }
    return out;
  }
  return structuredClone(patch);
}

export function podSpecOf(manifest: Manifest): Manifest | undefined {
  return manifest.spec?.template?.spec;
}

function splitImage(image: string): { name: string; tag?: string } {
  const at = image.indexOf("@");
  if (at >= 0) return { name: image.slice(0, at) };
  const colon = image.lastIndexOf(":");
  return colon > image.lastIndexOf("/")
    ? { name: image.slice(0, colon), tag: image.slice(colon + 1) }
    : { name: image };
}

export interface Kustomization {
  resources?: string[];
  patches?: { path: string; target?: { kind?: string; name?: string } }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  namespace?: string;
}

export function readKustomization(dir: string): Kustomization {
  return loadYaml(path.join(dir, "kustomization.yaml")) as Kustomization;
}

export function renderKustomization(dir: string): Manifest[] {
  const k = readKustomization(dir);
  let out: Manifest[] = [];
  for (const resource of k.resources ?? []) {
    const target = path.resolve(dir, resource);
    out.push(...(statSync(target).isDirectory() ? renderKustomization(target) : loadYamlDocuments(target)));
  }
  for (const patch of k.patches ?? []) {
    const body = loadYaml(path.resolve(dir, patch.path));
    const kind = patch.target?.kind ?? body.kind;
    const name = patch.target?.name ?? body.metadata?.name;
    const matches = out.filter((m) => m.kind === kind && m.metadata?.name === name);
    if (matches.length !== 1)
      throw new Error(`${dir}: patch ${patch.path} matches ${matches.length} resources`);
    out = out.map((m) => (matches.includes(m) ? (strategicMerge(m, body) as Manifest) : m));
  }
  for (const manifest of out) {
    for (const container of podSpecOf(manifest)?.containers ?? []) {
      const { name, tag } = splitImage(container.image);
      const rule = k.images?.find((image) => image.name === name);
      if (!rule) continue;
      const newTag = rule.newTag ?? tag;
      container.image = `${rule.newName ?? name}${newTag ? `:${newTag}` : ""}`;
    }
    if (k.namespace && !clusterScoped.has(manifest.kind)) {
      manifest.metadata = { ...manifest.metadata, namespace: k.namespace };
    }
  }
  return out;
}

/** `kubectl kustomize <dir>` when kubectl is installed (null otherwise). */
export function kubectlKustomize(dir: string): Manifest[] | null {
  const result = spawnSync("kubectl", ["kustomize", dir], { encoding: "utf8" });
  if (result.error) return null;
  if (result.status !== 0) throw new Error(`kubectl kustomize ${dir} failed:\n${result.stderr}`);
  return parseAllDocuments(result.stdout)
    .map((doc) => doc.toJSON() as Manifest | null)
    .filter((doc): doc is Manifest => doc !== null);
}

export const hasKubectl = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" }).status === 0;

/** Every pod spec with where it comes from, for Deployments and Jobs. */
export function podSpecs(manifests: Manifest[]): { owner: string; spec: Manifest }[] {
  return manifests
    .filter((m) => podSpecOf(m))
    .map((m) => ({ owner: `${m.kind}/${m.metadata.name}`, spec: podSpecOf(m) as Manifest }));
}

export function find(manifests: Manifest[], kind: string, name: string): Manifest {
  const match = manifests.find((m) => m.kind === kind && m.metadata?.name === name);
  if (!match) throw new Error(`${kind}/${name} not rendered`);
  return match;
}

// ---------------------------------------------------------------------------------------------
// Environment variables

/** Names in an env file: `NAME=value` lines, and `# NAME=value` examples. */
export function envFileNames(file: string): Set<string> {
  const names = new Set<string>();
  for (const line of readText(file).split("\n")) {
    const match = /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line);
    if (match?.[1]) names.add(match[1]);
  }
  return names;
}

/** `NAME=value` assignments (not comments) of an env file. */
export function envFileValues(file: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readText(file).split("\n")) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match?.[1]) values[match[1]] = match[2] ?? "";
  }
  return values;
}

/** The keys of the zod object in apps/server/src/config.ts: what the server actually reads. */
export function serverConfigNames(): Set<string> {
  const source = readText(repoFile("apps/server/src/config.ts"));
  const body = source.slice(source.indexOf("z\n  .object({"), source.indexOf(".superRefine("));
  return new Set([...body.matchAll(/^\s{4}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1] as string));
}

/**
 * Docker Compose interpolation of ${VAR}, ${VAR:-default} and ${VAR:?error} (empty counts as
 * unset, as in compose). Throws like compose does when a required variable is missing.
 */
export function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\{([A-Z][A-Z0-9_]*)(?:(:-|:\?)([^}]*))?\}/g, (_all, name: string, op, arg) => {
    const current = env[name];
    if (current !== undefined && current !== "") return current;
    if (op === ":-") return arg as string;
    if (op === ":?") throw new Error(`required variable ${name} is missing: ${arg}`);
    return "";
  });
}

/** The variables a compose file interpolates. */
export function interpolatedNames(text: string): Set<string> {
  return new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1] as string));
}
