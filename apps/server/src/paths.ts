import { fileURLToPath } from "node:url";

// One level below the package root both as source (src/paths.ts) and bundled (dist/server.js).
export const appRoot = fileURLToPath(new URL("..", import.meta.url));
