// Bundles the server and the migrate command. Our workspace packages (which export TypeScript
// source) are bundled in; third-party packages stay external and load from node_modules, so
// every one of them must be a dependency of this package: the build checks it.
import { createRequire } from "node:module";
import { build } from "esbuild";

const workspaceOnly = {
  name: "externalize-third-party",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@ciar/") ? undefined : { path: args.path, external: true },
    );
  },
};

const result = await build({
  entryPoints: ["src/server.ts", "src/migrate.ts"],
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  metafile: true,
  plugins: [workspaceOnly],
});

// A package imported by a workspace package but missing here would only fail at start-up.
const require = createRequire(import.meta.url);
const externals = new Set(
  Object.values(result.metafile.outputs).flatMap((o) =>
    o.imports.filter((i) => i.external).map((i) => i.path),
  ),
);
const missing = [...externals].filter((name) => {
  if (name.startsWith("node:")) return false;
  try {
    require.resolve(name);
    return false;
  } catch (error) {
    // ESM-only packages without a "require" export still resolve their package.json directory.
    return error.code === "MODULE_NOT_FOUND";
  }
});
if (missing.length > 0) {
  console.error(`apps/server/package.json is missing dependencies used by the bundle: ${missing.join(", ")}`);
  process.exit(1);
}
console.log("built apps/server/dist");
