import type { DatabaseConnection } from "@ciar/db/client";
import Fastify, { type FastifyServerOptions } from "fastify";
import { v7 as uuidv7 } from "uuid";
import type { Config } from "./config";
import dashboard from "./plugins/app/dashboard";
import health from "./plugins/app/health";
import trpc from "./plugins/app/trpc";
import accessTokens from "./plugins/external/jwt";
import security from "./plugins/external/security";

export interface AppOptions {
  config: Config;
  connection: DatabaseConnection;
  logger?: FastifyServerOptions["logger"];
}

/** Logs carry a request id and the path, never the query string, tokens, cookies or bodies. */
export function loggerOptions(level: string): FastifyServerOptions["logger"] {
  return {
    level,
    redact: ["req.headers.authorization", "req.headers.cookie", 'res.headers["set-cookie"]'],
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        path: req.url.split("?")[0],
        id: req.id,
      }),
    },
  };
}

export async function buildApp({ config, connection, logger }: AppOptions) {
  const app = Fastify({
    logger: logger ?? loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    routerOptions: { maxParamLength: 5_000 },
    requestIdHeader: "x-request-id",
    genReqId: () => uuidv7(),
  });

  // Non-tRPC routes: a 5xx never shows its message, whatever threw it.
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, "request failed");
    return reply.code(status).send({
      error: status >= 500 ? "Internal Server Error" : "Bad Request",
      message: status >= 500 ? "Error inesperado / Unexpected error" : error.message,
    });
  });

  await app.register(security);
  await app.register(accessTokens, { secret: config.jwtSecret, ttlSeconds: config.accessTokenTtlSeconds });
  await app.register(health, { connection });
  await app.register(trpc, {
    cookieSecure: config.cookieSecure,
    deps: {
      db: connection.db,
      signAccessToken: (claims) => app.accessTokens.sign(claims),
      verifyAccessToken: (token) => app.accessTokens.verify(token),
      accessTokenTtlSeconds: config.accessTokenTtlSeconds,
      refreshTokenTtlDays: config.refreshTokenTtlDays,
      publicUrl: config.publicUrl,
      loginAttemptsPerMinute: config.loginAttemptsPerMinute,
    },
  });
  await app.register(dashboard, { dir: config.webDistDir });
  return app;
}
