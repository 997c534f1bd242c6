import type { DatabaseConnection } from "@ciar/db/client";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

const READY_TIMEOUT_MS = 2_000;

/** /health: the process is up. /ready: the database answers too (503 otherwise, for load balancers). */
export default fp(
  async (app: FastifyInstance, options: { connection: DatabaseConnection }) => {
    app.get("/health", async () => ({ status: "ok" }));
    app.get("/ready", async (_request, reply) => {
      try {
        await Promise.race([
          options.connection.ping(),
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error("timeout")), READY_TIMEOUT_MS).unref(),
          ),
        ]);
        return { status: "ready", database: options.connection.kind };
      } catch {
        return reply.code(503).send({ status: "unavailable", database: options.connection.kind });
      }
    });
  },
  { name: "health" },
);
