import { pickLocale } from "@ciar/api/context";
import { errorMessage, type AppErrorCode } from "@ciar/domain/errors";
import type { FastifyReply, FastifyRequest } from "fastify";

/** The gateway's answers of its own: `{ error: { appCode, message } }`, in the caller's language, no stack. */
export type GatewayErrorCode = Extract<
  AppErrorCode,
  `gateway.${string}` | "modules.not_found" | "input.invalid" | "server.unavailable" | "server.internal"
>;

const STATUS: Record<GatewayErrorCode, number> = {
  "gateway.missing_key": 401,
  "gateway.invalid_key": 401,
  "gateway.not_entitled": 403,
  "gateway.quota_exceeded": 429,
  "gateway.rate_limited": 429,
  "gateway.upstream_failed": 502,
  "gateway.idempotency_mismatch": 422,
  "gateway.idempotency_in_progress": 409,
  "gateway.idempotency_not_replayable": 409,
  "modules.not_found": 404,
  "input.invalid": 400,
  "server.unavailable": 503,
  "server.internal": 500,
};

export function sendGatewayError(
  request: FastifyRequest,
  reply: FastifyReply,
  appCode: GatewayErrorCode,
  options: { status?: number; headers?: Record<string, string> } = {},
): FastifyReply {
  const locale = pickLocale(request.headers["accept-language"]);
  return reply
    .code(options.status ?? STATUS[appCode])
    .headers({ ...options.headers, "x-request-id": request.id, "cache-control": "no-store" })
    .type("application/json; charset=utf-8")
    .send({ error: { appCode, message: errorMessage(appCode, locale) } });
}
