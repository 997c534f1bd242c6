// Every variable the deployment files give the server must be one it documents (/.env.example)
// and reads (apps/server/src/config.ts): a misspelt name would be silently ignored at run time.
import path from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import { describe, expect, it } from "vitest";
import {
  envFileNames,
  find,
  infraDir,
  k8sDir,
  loadYaml,
  type Manifest,
  podSpecOf,
  readText,
  renderKustomization,
  repoFile,
  serverConfigNames,
} from "./helpers";

const documented = envFileNames(repoFile(".env.example"));
const readByServer = serverConfigNames();

const compose = loadYaml(path.join(infraDir, "compose.yaml"));
const composeApp = Object.entries(compose.services as Record<string, Manifest>).filter(([, s]) =>
  String(s.image).includes("CIAR_IMAGE"),
);

const prod = renderKustomization(path.join(k8sDir, "overlays", "prod"));
const appPods = ["Deployment/ciar-api", "Job/ciar-migrate"].map((id) => {
  const [kind, name] = id.split("/") as [string, string];
  return [id, podSpecOf(find(prod, kind, name)) as Manifest] as const;
});

const dockerfile = DockerfileParser.parse(readText(path.join(infraDir, "docker", "Dockerfile")));
const runtimeStart = dockerfile.getFROMs().at(-1)?.getRange().start.line ?? 0;
const imageEnv = dockerfile
  .getENVs()
  .filter((e) => e.getRange().start.line > runtimeStart)
  .flatMap((e) => e.getProperties().map((p) => p.getName()));

const sources: [string, string[]][] = [
  ...composeApp.map(
    ([name, s]) => [`compose ${name}`, Object.keys(s.environment ?? {})] as [string, string[]],
  ),
  ["k8s ConfigMap ciar-config", Object.keys(find(prod, "ConfigMap", "ciar-config").data)],
  ...appPods.map(
    ([id, spec]) =>
      [
        `k8s ${id} env`,
        spec.containers.flatMap((c: Manifest) => (c.env ?? []).map((e: Manifest) => e.name)),
      ] as [string, string[]],
  ),
  ["Dockerfile runtime ENV", imageEnv],
];

describe("server environment variables", () => {
  it("the reference lists are not empty (the parsers found them)", () => {
    expect(readByServer.size).toBeGreaterThan(15);
    expect(readByServer).toContain("DATABASE_PREPARE");
    expect(documented).toContain("DATABASE_PREPARE");
    expect(composeApp.length).toBeGreaterThanOrEqual(3);
  });

  it.each(sources)("%s: every name is documented in /.env.example and read by config.ts", (_label, names) => {
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(documented.has(name), `${name} is not in /.env.example`).toBe(true);
      expect(readByServer.has(name), `${name} is not read by apps/server/src/config.ts`).toBe(true);
    }
  });

  it("the Dockerfile sets the variables a container needs", () => {
    expect(imageEnv).toEqual(expect.arrayContaining(["NODE_ENV", "HOST", "PORT", "WEB_DIST_DIR"]));
  });
});
