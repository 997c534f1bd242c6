import { createDoors } from "@ciar/api/doors";
import type { Mailer } from "@ciar/api/mail";
import { createSecretBox } from "@ciar/api/crypto/secret-box";
import { createBilling } from "@ciar/billing/create-billing";
import type { DatabaseConnection } from "@ciar/db/client";
import Fastify, { LogController, type FastifyServerOptions } from "fastify";
import { v7 as uuidv7 } from "uuid";
import type { Config } from "./config";
import { dataEncryptionKey } from "./data-encryption-key";
import demoDirectory from "./dev-identity-provider/demo-directory";
import { createDirectoryDeps } from "./directory-deps";
import { loggerOptions } from "./logging";
import { createLogMailer, createSmtpMailer } from "./mailer";
import { clientRequestId } from "./request-id";
import dashboard from "./plugins/app/dashboard";
import directorySignIn from "./plugins/app/directory-sign-in";
import exampleModule from "./plugins/app/example-module";
import gateway from "./plugins/app/gateway";
import health from "./plugins/app/health";
import jobs from "./plugins/app/jobs";
import metrics from "./plugins/app/metrics";
import stripeWebhook from "./plugins/app/stripe-webhook";
import trpc from "./plugins/app/trpc";
import accessTokens from "./plugins/external/jwt";
import security from "./plugins/external/security";

/**
 * Fastify's trustProxy for TRUST_PROXY. A hop count trusts that many proxies counted from the
 * server: the socket's peer and the right-most entries of X-Forwarded-For, which those proxies
 * wrote; the client is the entry just before them, whatever the client put further left. (Fastify
 * itself turns a number into "trust nobody", so the count is given as a function.)
 */
function trustedProxies(
  setting: Config["trustProxy"],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting !== "number") return setting;
  return setting > 0 ? (_address: string, hop: number) => hop < setting : false;
}

export interface AppOptions {
  config: Config;
  connection: DatabaseConnection;
  logger?: FastifyServerOptions["logger"];
  /** SMTP when configured; otherwise the server log (see mailer.ts). */
  mailer?: Mailer;
}

export async function buildApp({ config, connection, logger, mailer }: AppOptions) {
  const billing = createBilling(config.stripe);
  const app = Fastify({
    logger: logger ?? loggerOptions(config.logLevel),
    trustProxy: trustedProxies(config.trustProxy),
    bodyLimit: 1_048_576,
    routerOptions: { maxParamLength: 5_000 },
    // Request ids are ours: the audit log and the modules get only these. A caller's own id is
    // kept apart (request.clientRequestId), in its strict format only (see request-id.ts).
    requestIdHeader: false,
    genReqId: () => uuidv7(),
    // One line per request, written below with the commune and the outcome.
    logController: new LogController({ disableRequestLogging: true }),
  });

  // Graceful close: answers finishing after close() began tell the client to drop the connection,
  // so idle keep-alive sockets do not hold the process open (Fastify keeps them for 72 s).
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", async (_request, reply) => {
    if (closing) reply.header("connection", "close");
  });

  app.addHook("onRequest", async (request, reply) => {
    request.clientRequestId = clientRequestId(request.headers["x-request-id"]);
    reply.header("x-request-id", request.id);
  });

  app.addHook("onResponse", async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        path: request.url.split("?")[0],
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime),
        communeId: request.communeId,
        clientRequestId: request.clientRequestId,
      },
      "request",
    );
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
  await app.register(metrics, {
    token: config.metricsToken,
    poolMax: config.database.poolMax,
    production: config.nodeEnv === "production",
  });
  // Every door to the data, built once on one runAs: each transaction counts in the pool metric,
  // and one that queued e-mail wakes the mail job once committed (when this process runs jobs).
  const doors = createDoors(
    connection.doorDb,
    (delta) => app.metrics.onTransaction(delta),
    (outboxIds) => {
      if (app.hasDecorator("jobs")) app.jobs.kickMail(outboxIds);
    },
  );
  const encryptionKey = dataEncryptionKey(config);
  const secretBox = createSecretBox(encryptionKey);
  const directory = createDirectoryDeps({
    allowPrivateIssuers: config.directory.allowPrivateIssuers,
    dataEncryptionKey: encryptionKey,
    publicUrl: config.publicUrl,
  });
  const outgoing =
    mailer ??
    (config.smtp
      ? createSmtpMailer(config.smtp.url, config.smtp.from)
      : createLogMailer(app.log.child({ component: "mail" }), config.nodeEnv === "production"));
  await app.register(trpc, {
    cookieSecure: config.cookieSecure,
    deps: {
      runAs: doors.trpc,
      signAccessToken: (claims) => app.accessTokens.sign(claims),
      verifyAccessToken: (token) => app.accessTokens.verify(token),
      accessTokenTtlSeconds: config.accessTokenTtlSeconds,
      refreshTokenTtlDays: config.refreshTokenTtlDays,
      publicUrl: config.publicUrl,
      loginAttemptsPerMinute: config.loginAttemptsPerMinute,
      publicRequestsPerMinute: config.publicRequestsPerMinute,
      observeProcedure: (call) => app.metrics.observeProcedure(call),
      billing,
      secretBox,
      directory,
    },
  });
  await app.register(directorySignIn, {
    door: doors.directorySignIn,
    deps: {
      directory,
      secretBox,
      publicUrl: config.publicUrl,
      sessions: {
        signAccessToken: (claims) => app.accessTokens.sign(claims),
        accessTokenTtlSeconds: config.accessTokenTtlSeconds,
        refreshTokenTtlDays: config.refreshTokenTtlDays,
      },
    },
    publicUrl: config.publicUrl,
    cookieSecure: config.cookieSecure,
  });
  if (config.directory.devProviderPort !== undefined)
    await app.register(demoDirectory, {
      port: config.directory.devProviderPort,
      publicUrl: config.publicUrl,
      redirectUri: directory.redirectUri,
      doors,
      secretBox,
    });
  await app.register(stripeWebhook, {
    billing,
    door: doors.stripeWebhook,
  });
  await app.register(gateway, {
    door: doors.gateway,
    ...config.gateway,
    observe: (call) => app.metrics.observeGateway(call),
  });
  if (config.jobs.enabled) {
    await app.register(jobs, {
      connection,
      poolMax: config.jobs.poolMax,
      pollingIntervalSeconds: config.jobs.pollingIntervalSeconds,
      overageCron: config.jobs.overageCron,
      billing,
      door: doors.jobs,
      mailer: outgoing,
      secretBox,
      mailRetryBaseSeconds: config.mail.retryBaseSeconds,
    });
  }
  if (config.exampleModule.enabled) await app.register(exampleModule);
  await app.register(dashboard, { dir: config.webDistDir });
  return app;
}
