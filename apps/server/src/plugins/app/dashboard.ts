import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

const API_PREFIXES = ["/trpc", "/health", "/ready", "/modules/", "/examples/"];

/**
 * Serves the built dashboard, with index.html for every other GET so that client-side routes
 * (/c/04101/miembros) survive a reload. Without a build (API-only development) it says so.
 */
export default fp(
  async (app: FastifyInstance, options: { dir: string }) => {
    const index = path.join(options.dir, "index.html");
    if (!existsSync(index)) {
      app.log.warn({ dir: options.dir }, "dashboard not built: run `pnpm build`; serving the API only");
      return;
    }
    await app.register(fastifyStatic, { root: options.dir, wildcard: false, index: false, maxAge: "1h" });
    app.setNotFoundHandler((request, reply) => {
      const isApi = API_PREFIXES.some((p) => request.url.startsWith(p));
      if (request.method !== "GET" || isApi) {
        return reply.code(404).send({ error: "Not Found", message: "No existe / Not found" });
      }
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    });
  },
  { name: "dashboard" },
);
