import { performance } from "node:perf_hooks";
import { Transform, type Readable } from "node:stream";
import { apiKeyHash } from "@ciar/api/api-keys/key-format";
import type { RunAs } from "@ciar/api/context";
import { decideGatewayCall, type GatewayCall } from "@ciar/api/gateway/access";
import { IDEMPOTENCY_KEY_MAX_LENGTH, recordGatewayUsage } from "@ciar/api/gateway/usage";
import type { Database } from "@ciar/db/client";
import { withAccess } from "@ciar/db/tenant-transaction";
import replyFrom from "@fastify/reply-from";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { sendGatewayError, type GatewayErrorCode } from "../../gateway/errors";
import { callerResponseHeaders, presentedApiKey, upstreamRequestHeaders } from "../../gateway/headers";
import { joinQuery, parseGatewayPath, upstreamTarget } from "../../gateway/paths";
import { createUpstreamAgent } from "../../gateway/upstream-agent";
import type { GatewayObservation } from "./metrics";

export interface GatewayOptions {
  db: Database;
  rateLimitPerMinute: number;
  upstreamTimeoutMs: number;
  bodyLimitBytes: number;
  allowPrivateUpstreams: boolean;
  /** Called when a data transaction starts and ends (pool metrics). */
  onTransaction?: (delta: 1 | -1) => void;
  /** One call done: module, outcome, latencies (metrics). */
  observe?: (call: GatewayObservation) => void;
}

/** What a call became, for its metrics and log line. */
interface CallState {
  module: string;
  outcome: string;
  upstreamMs?: number;
}

class PayloadTooLargeError extends Error {
  readonly code = "ECIAR_PAYLOAD_TOO_LARGE";
}

/**
 * The module gateway: `ALL /modules/:slug` and `/modules/:slug/*` forward a subscriber's call to
 * the module's service (its upstream), and only when the call presents an API key that is live,
 * scoped to the module, of a commune whose subscription to it is entitled (entitlementOf), within
 * the plan's monthly quota and the key's rate limit. One usage unit is recorded per 2xx answer.
 *
 * Encapsulated (not fastify-plugin): its body handling (bodies stay unparsed streams) applies to
 * the gateway's routes only. See docs/operations.md, "Module gateway".
 */
export default async function gateway(app: FastifyInstance, options: GatewayOptions) {
  const runAs: RunAs = async (settings, work) => {
    options.onTransaction?.(1);
    try {
      return await withAccess(options.db, settings, work);
    } finally {
      options.onTransaction?.(-1);
    }
  };
  const limiter = new RateLimiterMemory({
    keyPrefix: "gateway-key",
    points: options.rateLimitPerMinute,
    duration: 60,
  });
  const agent = createUpstreamAgent({
    timeoutMs: options.upstreamTimeoutMs,
    allowPrivate: options.allowPrivateUpstreams,
  });
  app.addHook("onClose", async () => {
    await agent.close();
  });
  await app.register(replyFrom, {
    undici: agent,
    disableRequestLogging: true,
    // A call may have side effects (and is billed): never repeat it on the caller's behalf.
    retryMethods: [],
  });

  // Bodies are forwarded as they arrive, never parsed here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_request, payload, done) => done(null, payload));

  const states = new WeakMap<FastifyRequest, CallState>();
  app.addHook("onResponse", async (request, reply) => {
    const state = states.get(request);
    if (!state) return;
    options.observe?.({
      module: state.module,
      outcome: state.outcome,
      durationMs: reply.elapsedTime,
      ...(state.upstreamMs === undefined ? {} : { upstreamMs: state.upstreamMs }),
    });
  });

  async function handle(request: FastifyRequest, reply: FastifyReply) {
    const state: CallState = { module: "unknown", outcome: "error" };
    states.set(request, state);
    const reject = (
      outcome: string,
      code: GatewayErrorCode,
      extra?: { status?: number; headers?: Record<string, string> },
    ) => {
      state.outcome = outcome;
      return sendGatewayError(request, reply, code, extra);
    };

    const presented = presentedApiKey(request.headers);
    if (presented === undefined) return reject("missing_key", "gateway.missing_key");
    const keyHash = apiKeyHash(presented);
    if (!keyHash) return reject("invalid_key", "gateway.invalid_key");

    const path = parseGatewayPath(request.url);
    if (!path.ok) {
      return path.reason === "not_found"
        ? reject("not_found", "modules.not_found")
        : reject("bad_request", "input.invalid");
    }
    const idempotencyHeader = request.headers["idempotency-key"];
    if (
      Array.isArray(idempotencyHeader) ||
      (idempotencyHeader !== undefined &&
        (idempotencyHeader.length === 0 || idempotencyHeader.length > IDEMPOTENCY_KEY_MAX_LENGTH))
    ) {
      return reject("bad_request", "input.invalid");
    }
    const idempotencyKey = idempotencyHeader ?? null;
    const declaredLength = Number(request.headers["content-length"] ?? 0);
    if (declaredLength > options.bodyLimitBytes) {
      return reject("payload_too_large", "input.invalid", { status: 413 });
    }

    let remaining: number;
    try {
      remaining = (await limiter.consume(keyHash)).remainingPoints;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      return reject("rate_limited", "gateway.rate_limited", { headers: { "retry-after": String(seconds) } });
    }

    const decision = await decideGatewayCall(runAs, { keyHash, slug: path.slug, idempotencyKey });
    if (decision.outcome === "allowed") request.communeId = decision.call.communeId;
    else if (decision.outcome !== "invalid_key") request.communeId = decision.communeId;
    switch (decision.outcome) {
      case "invalid_key":
        return reject("invalid_key", "gateway.invalid_key");
      case "module_not_found":
        return reject("not_found", "modules.not_found");
      case "not_entitled":
        state.module = decision.moduleSlug;
        return reject("not_entitled", "gateway.not_entitled");
      case "quota_exceeded":
        state.module = decision.moduleSlug;
        return reject("quota_exceeded", "gateway.quota_exceeded");
      case "no_upstream":
        state.module = decision.moduleSlug;
        request.log.warn({ module: decision.moduleSlug }, "published module without an upstream");
        return reject("upstream_failed", "gateway.upstream_failed");
    }
    const call = decision.call;
    state.module = call.moduleSlug;
    const target = upstreamTarget(call.upstreamUrl, path.rest);
    if (!target) {
      request.log.warn({ module: call.moduleSlug }, "module upstream URL cannot be forwarded to");
      return reject("upstream_failed", "gateway.upstream_failed");
    }

    let bodyTooLarge = false;
    if (request.body) {
      request.body = limitBody(request.body as Readable, options.bodyLimitBytes, () => {
        bodyTooLarge = true;
      });
    }
    // Still served, but the subscriber should act: a failed payment, or an order to renew.
    const billingWarning =
      call.entitlement.state === "past_due" || call.entitlement.state === "renewal_due"
        ? call.entitlement.state
        : null;
    const started = performance.now();
    try {
      return reply.from(target.url, {
        timeout: options.upstreamTimeoutMs,
        queryString: () => joinQuery(target.query, path.query),
        rewriteRequestHeaders: (_request, headers) =>
          upstreamRequestHeaders(headers, { communeCode: call.communeCode, requestId: request.id }),
        rewriteHeaders: (headers) => ({
          ...callerResponseHeaders(headers, { requestId: request.id, billingWarning }),
          "x-ratelimit-limit": String(options.rateLimitPerMinute),
          "x-ratelimit-remaining": String(remaining),
        }),
        // Both callbacks receive this same reply.
        onResponse: (_request, _reply, response) => {
          state.upstreamMs = performance.now() - started;
          state.outcome = `upstream_${Math.floor(response.statusCode / 100)}xx`;
          const success = response.statusCode >= 200 && response.statusCode < 300;
          if (!success || call.replay) {
            reply.send(response.stream);
            return;
          }
          // Counted before the answer goes out: the caller's next call already sees it.
          void countUsage(request, call, idempotencyKey, state).finally(() => reply.send(response.stream));
        },
        onError: (_reply, { error }) => {
          if (bodyTooLarge) {
            state.outcome = "payload_too_large";
            sendGatewayError(request, reply, "input.invalid", { status: 413 });
            return;
          }
          const timedOut = (error as { statusCode?: number }).statusCode === 504;
          state.outcome = timedOut ? "upstream_timeout" : "upstream_failed";
          request.log.warn(
            { err: error, module: call.moduleSlug, communeId: call.communeId },
            "module upstream failed",
          );
          sendGatewayError(request, reply, "gateway.upstream_failed", { status: timedOut ? 504 : 502 });
        },
      });
    } catch (error) {
      // reply-from refuses some paths itself (e.g. segments starting with "..").
      request.log.info({ err: error, module: call.moduleSlug }, "gateway path refused");
      return reject("bad_request", "input.invalid");
    }
  }

  async function countUsage(
    request: FastifyRequest,
    call: GatewayCall,
    idempotencyKey: string | null,
    state: CallState,
  ) {
    try {
      await recordGatewayUsage(runAs, call, idempotencyKey);
    } catch (error) {
      // The module already did the work: the caller gets its answer; the loss is logged and counted.
      state.outcome = "usage_not_recorded";
      request.log.error(
        { err: error, module: call.moduleSlug, communeId: call.communeId },
        "gateway usage not recorded",
      );
    }
  }

  const route = async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      return await handle(request, reply);
    } catch (error) {
      request.log.error({ err: error }, "gateway failed");
      if (reply.sent) return reply;
      return sendGatewayError(
        request,
        reply,
        isUnavailable(error) ? "server.unavailable" : "server.internal",
      );
    }
  };
  app.all("/modules/:slug", route);
  app.all("/modules/:slug/*", route);
}

/** Forwards at most `limit` bytes of a streamed body; beyond that the forwarding fails (413). */
function limitBody(body: Readable, limit: number, onTooLarge: () => void): Readable {
  let seen = 0;
  const limited = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) {
        onTooLarge();
        callback(new PayloadTooLargeError("request body too large"));
      } else {
        callback(null, chunk);
      }
    },
  });
  body.on("error", (error) => limited.destroy(error));
  return body.pipe(limited);
}

const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "CONNECT_TIMEOUT",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECTION_CLOSED",
  "57P01",
  "57P02",
  "57P03",
]);

function isUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === "string" && UNAVAILABLE_CODES.has(e.code)) return true;
    e = e.cause as typeof e;
  }
  return false;
}
