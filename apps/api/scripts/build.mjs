// Bundles the server and the migrate command. Our workspace packages (which export TypeScript
// source) are bundled in; third-party packages stay external and load from node_modules.
import { build } from "esbuild";

const workspaceOnly = {
  name: "externalize-third-party",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@ciar/") ? undefined : { path: args.path, external: true },
    );
  },
};

await build({
  entryPoints: ["src/server.ts", "src/migrate.ts"],
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  plugins: [workspaceOnly],
});
console.log("built apps/api/dist");
