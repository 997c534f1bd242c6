import { performance } from "node:perf_hooks";
import { Transform, type Readable } from "node:stream";
import { apiKeyHash } from "@ciar/api/api-keys/key-format";
import type { GatewayDoor } from "@ciar/api/doors";
import { decideGatewayCall, type GatewayCall } from "@ciar/api/gateway/access";
import {
  IDEMPOTENCY_KEY_MAX_LENGTH,
  IDEMPOTENT_BODY_MAX_BYTES,
  requestFingerprint,
  type StoredAnswer,
} from "@ciar/api/gateway/idempotency";
import { recordGatewayUsage, releaseGatewayCall } from "@ciar/api/gateway/usage";
import replyFrom from "@fastify/reply-from";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { readAnswer, readRequestBody, replayedHeaders, sendStoredAnswer } from "../../gateway/answers";
import { sendGatewayError, type GatewayErrorCode } from "../../gateway/errors";
import { callerResponseHeaders, presentedApiKey, upstreamRequestHeaders } from "../../gateway/headers";
import { joinQuery, parseGatewayPath, upstreamTarget } from "../../gateway/paths";
import { createUpstreamAgent } from "../../gateway/upstream-agent";
import type { GatewayObservation } from "./metrics";
import { isDatabaseUnavailable } from "@ciar/api/errors";

export interface GatewayOptions {
  /** The gateway's door to the data (src/doors of @ciar/api): counted in the pool metric. */
  door: GatewayDoor;
  rateLimitPerMinute: number;
  upstreamTimeoutMs: number;
  bodyLimitBytes: number;
  allowPrivateUpstreams: boolean;
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
 * the plan's monthly quota (a `block` plan's unit is held before forwarding) and the key's rate
 * limit (in PostgreSQL, shared by the replicas). One usage unit is recorded per 2xx answer; any
 * other end gives the held unit back. A call with an Idempotency-Key is answered once by the
 * module: its 2xx answer is stored and replayed (see @ciar/api/gateway/idempotency).
 *
 * Encapsulated (not fastify-plugin): its body handling (bodies stay unparsed streams) applies to
 * the gateway's routes only. See docs/run.md, "Module gateway".
 */
export default async function gateway(app: FastifyInstance, options: GatewayOptions) {
  const { door } = options;
  // A held unit or an idempotency claim of a call that never ended (its replica died) lapses after this.
  const inFlightSeconds = Math.ceil(options.upstreamTimeoutMs / 1000) + 60;
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

    // A call with an Idempotency-Key is read whole first: its fingerprint covers the body.
    let idempotency: { key: string; fingerprint: string } | null = null;
    if (idempotencyKey !== null) {
      const body = await readRequestBody(request.body as Readable | undefined, options.bodyLimitBytes);
      if (body === null) return reject("payload_too_large", "input.invalid", { status: 413 });
      request.body = body.length > 0 ? body : undefined;
      const pathAndQuery = path.query ? `${path.rest}?${path.query}` : path.rest;
      idempotency = {
        key: idempotencyKey,
        fingerprint: requestFingerprint(request.method, pathAndQuery, body),
      };
    }

    const decision = await decideGatewayCall(door, {
      keyHash,
      slug: path.slug,
      idempotency,
      rateLimit: { limit: options.rateLimitPerMinute, windowSeconds: 60 },
      inFlightSeconds,
    });
    if (decision.outcome === "allowed") request.communeId = decision.call.communeId;
    else if (decision.outcome !== "invalid_key" && decision.outcome !== "rate_limited")
      request.communeId = decision.communeId;
    switch (decision.outcome) {
      case "rate_limited":
        return reject("rate_limited", "gateway.rate_limited", {
          headers: { "retry-after": String(decision.retryAfterSeconds) },
        });
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
      case "idempotency_mismatch":
        state.module = decision.moduleSlug;
        return reject("idempotency_mismatch", "gateway.idempotency_mismatch");
      case "idempotency_in_progress":
        state.module = decision.moduleSlug;
        return reject("idempotency_in_progress", "gateway.idempotency_in_progress", {
          headers: { "retry-after": "1" },
        });
      case "replay":
        state.module = decision.moduleSlug;
        if (!decision.answer.body)
          return reject("idempotency_not_replayable", "gateway.idempotency_not_replayable");
        state.outcome = "idempotent_replay";
        return sendStoredAnswer(reply, decision.answer, request.id);
      case "no_upstream":
        state.module = decision.moduleSlug;
        request.log.warn({ module: decision.moduleSlug }, "published module without an upstream");
        return reject("upstream_failed", "gateway.upstream_failed");
    }
    const call = decision.call;
    state.module = call.moduleSlug;
    // Every end of the call but a 2xx gives back what the decision took (held unit, key claim).
    const release = () =>
      releaseGatewayCall(door, call).catch((error: unknown) => {
        request.log.error(
          { err: error, module: call.moduleSlug, communeId: call.communeId },
          "gateway release failed",
        );
      });
    const target = upstreamTarget(call.upstreamUrl, path.rest);
    if (!target) {
      await release();
      request.log.warn({ module: call.moduleSlug }, "module upstream URL cannot be forwarded to");
      return reject("upstream_failed", "gateway.upstream_failed");
    }

    let bodyTooLarge = false;
    if (request.body && !Buffer.isBuffer(request.body)) {
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
    let upstreamHeaders: Record<string, string | string[] | undefined> = {};
    try {
      return reply.from(target.url, {
        timeout: options.upstreamTimeoutMs,
        queryString: () => joinQuery(target.query, path.query),
        rewriteRequestHeaders: (_request, headers) =>
          upstreamRequestHeaders(headers, {
            communeCode: call.communeCode,
            requestId: request.id,
            timestamp: Math.floor(Date.now() / 1000),
            signingSecret: call.signingSecret,
          }),
        rewriteHeaders: (headers) => {
          upstreamHeaders = headers;
          return {
            ...callerResponseHeaders(headers, { requestId: request.id, billingWarning }),
            "x-ratelimit-limit": String(options.rateLimitPerMinute),
            "x-ratelimit-remaining": String(call.rateLimitRemaining),
          };
        },
        // Both callbacks receive this same reply. reply-from ignores what they return, so the work
        // they start runs on its own (`void`): release() and finishCall() never reject (each
        // catches, logs and answers for its own failures).
        onResponse: (_request, _reply, response) => {
          state.upstreamMs = performance.now() - started;
          state.outcome = `upstream_${Math.floor(response.statusCode / 100)}xx`;
          const success = response.statusCode >= 200 && response.statusCode < 300;
          if (!success) {
            void release().finally(() => reply.send(response.stream));
            return;
          }
          // Counted before the answer goes out: the caller's next call already sees it.
          void finishCall(request, reply, call, state, {
            status: response.statusCode,
            headers: upstreamHeaders,
            stream: response.stream as Readable,
          });
        },
        onError: (_reply, { error }) => {
          void release().finally(() => {
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
          });
        },
      });
    } catch (error) {
      // reply-from refuses some paths itself (e.g. segments starting with "..").
      await release();
      request.log.info({ err: error, module: call.moduleSlug }, "gateway path refused");
      return reject("bad_request", "input.invalid");
    }
  }

  /**
   * A 2xx answer: counted (and, with an Idempotency-Key, stored for replay) before it goes out.
   * An answer larger than what is stored is still counted once and streamed; a retry of it is
   * refused rather than sent to the module again.
   */
  async function finishCall(
    request: FastifyRequest,
    reply: FastifyReply,
    call: GatewayCall,
    state: CallState,
    upstream: { status: number; headers: Record<string, string | string[] | undefined>; stream: Readable },
  ) {
    let body: Readable | Buffer = upstream.stream;
    let answer: StoredAnswer | null = null;
    if (call.idempotencyKey) {
      try {
        const read = await readAnswer(upstream.stream, IDEMPOTENT_BODY_MAX_BYTES);
        body = read.whole ?? read.rest!;
        answer = { status: upstream.status, headers: replayedHeaders(upstream.headers), body: read.whole };
      } catch (error) {
        // The module's answer broke off: not a complete answer, so not counted.
        state.outcome = "upstream_failed";
        await releaseGatewayCall(door, call).catch(() => undefined);
        request.log.warn({ err: error, module: call.moduleSlug }, "module answer broke off");
        sendGatewayError(request, reply, "gateway.upstream_failed", { status: 502 });
        return;
      }
    }
    try {
      await recordGatewayUsage(door, call, answer);
    } catch (error) {
      // The module already did the work: the caller gets its answer; the loss is logged and counted.
      state.outcome = "usage_not_recorded";
      request.log.error(
        { err: error, module: call.moduleSlug, communeId: call.communeId },
        "gateway usage not recorded",
      );
    }
    reply.send(body);
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
        isDatabaseUnavailable(error) ? "server.unavailable" : "server.internal",
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
