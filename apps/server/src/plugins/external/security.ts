import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** Security headers and cookie parsing for every route. */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: { "script-src": ["'self'"], "connect-src": ["'self'"], "img-src": ["'self'", "data:"] },
      },
    });
    await app.register(cookie);
  },
  { name: "security" },
);
