import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

declare module "fastify" {
  interface FastifyInstance {
    metrics: {
      registry: Registry;
      observeProcedure(call: { path: string; type: string; durationMs: number; code: string }): void;
      onTransaction(delta: 1 | -1): void;
      /** One module gateway call: its module (slug, or "unknown"), outcome and latencies. */
      observeGateway(call: GatewayObservation): void;
    };
  }
}

export interface GatewayObservation {
  module: string;
  outcome: string;
  durationMs: number;
  /** Until the module's service answered (headers), when it was called. */
  upstreamMs?: number;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
// The gateway adds milliseconds; upstreams may take up to GATEWAY_UPSTREAM_TIMEOUT_MS.
const GATEWAY_BUCKETS = [0.001, 0.0025, ...LATENCY_BUCKETS, 30, 60];

/**
 * Prometheus metrics at /metrics: HTTP requests and latency per route, tRPC calls and latency per
 * procedure and outcome, data transactions in flight against the pool size, and the process's
 * own figures. Not public: with METRICS_TOKEN set a bearer token is required. Without it, in
 * production there is no /metrics at all: a peer on loopback may be a sidecar proxy relaying
 * anyone. Elsewhere (development), only direct requests from the machine itself are answered.
 */
export default fp(
  async (
    app: FastifyInstance,
    options: { token: string | undefined; poolMax: number; production: boolean },
  ) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const requests = new Counter({
      name: "http_requests_total",
      help: "HTTP requests",
      labelNames: ["method", "route", "status"],
      registers: [registry],
    });
    const duration = new Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP request latency",
      labelNames: ["method", "route"],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    const procedures = new Histogram({
      name: "trpc_procedure_duration_seconds",
      help: "tRPC procedure latency",
      labelNames: ["procedure", "type", "code"],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    const errors = new Counter({
      name: "trpc_errors_total",
      help: "tRPC calls that ended in an error",
      labelNames: ["procedure", "code"],
      registers: [registry],
    });
    const inFlight = new Gauge({
      name: "db_transactions_in_flight",
      help: "Data transactions open (each holds a pooled connection)",
      registers: [registry],
    });
    const gatewayRequests = new Counter({
      name: "ciar_gateway_requests_total",
      help: "Module gateway calls by module and outcome",
      labelNames: ["module", "outcome"],
      registers: [registry],
    });
    const gatewayDuration = new Histogram({
      name: "ciar_gateway_request_duration_seconds",
      help: "Module gateway latency, from the request until the answer was sent",
      labelNames: ["module", "outcome"],
      buckets: GATEWAY_BUCKETS,
      registers: [registry],
    });
    const gatewayUpstream = new Histogram({
      name: "ciar_gateway_upstream_duration_seconds",
      help: "Time the module's service took to answer (headers) a forwarded call",
      labelNames: ["module"],
      buckets: GATEWAY_BUCKETS,
      registers: [registry],
    });
    new Gauge({
      name: "db_pool_max_connections",
      help: "Configured database pool size",
      registers: [registry],
    }).set(options.poolMax);

    app.decorate("metrics", {
      registry,
      observeProcedure: ({ path, type, durationMs, code }) => {
        procedures.observe({ procedure: path, type, code }, durationMs / 1000);
        if (code !== "OK") errors.inc({ procedure: path, code });
      },
      onTransaction: (delta) => inFlight.inc(delta),
      observeGateway: ({ module, outcome, durationMs, upstreamMs }) => {
        gatewayRequests.inc({ module, outcome });
        gatewayDuration.observe({ module, outcome }, durationMs / 1000);
        if (upstreamMs !== undefined) gatewayUpstream.observe({ module }, upstreamMs / 1000);
      },
    });

    app.addHook("onResponse", async (request, reply) => {
      const route = routeLabel(request);
      requests.inc({ method: request.method, route, status: String(reply.statusCode) });
      duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    });

    if (!options.token && options.production) {
      app.log.warn("METRICS_TOKEN is not set: /metrics is off");
      return;
    }
    app.get("/metrics", async (request, reply) => {
      const allowed = options.token
        ? bearerMatches(request.headers.authorization, options.token)
        : isDirectLocalRequest(request);
      if (!allowed) return reply.code(404).send({ error: "Not Found", message: "No existe / Not found" });
      return reply.header("content-type", registry.contentType).send(await registry.metrics());
    });
  },
  { name: "metrics" },
);

function bearerMatches(authorization: string | undefined, token: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(authorization ?? ""), digest(`Bearer ${token}`));
}

/** From the machine itself and not relayed: a proxy on loopback adds forwarding headers. */
function isDirectLocalRequest(request: FastifyRequest): boolean {
  const { headers } = request;
  if (headers["x-forwarded-for"] || headers.forwarded || headers["x-real-ip"]) return false;
  return ["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(request.socket.remoteAddress ?? "");
}

/** Bounded label values: the route pattern, never the raw URL (ids, tokens, query strings). */
function routeLabel(request: FastifyRequest): string {
  const pattern = request.routeOptions.url;
  if (!pattern) return "unmatched";
  return pattern.startsWith("/trpc") ? "/trpc" : pattern;
}
