import { createHmac } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/**
 * What crosses the gateway. Towards the module's service: only the request headers in
 * FORWARDED_REQUEST_HEADERS (content negotiation, caching preconditions, the body's description):
 * never the caller's credentials, cookies, forwarding or client-address claims (X-Forwarded-*,
 * True-Client-IP, X-Original-URL…) nor a claim to be a commune. A name with `_` is never
 * forwarded even if allowed: WSGI/CGI servers read `X_Ciar_Commune` as `X-Ciar-Commune`. The
 * gateway then asserts who calls (x-ciar-commune, the CUT code), the request id and the time, and
 * signs them with the module's secret (x-ciar-signature, see signGatewayAssertion). Back to the
 * caller: never a cookie for this site, and a sandboxing CSP, since the answer is served from the
 * platform's own origin.
 */

const FORWARDED_REQUEST_HEADERS = new Set([
  "accept",
  "accept-encoding",
  "accept-language",
  "cache-control",
  "content-encoding",
  "content-language",
  "content-length",
  "content-type",
  "idempotency-key",
  "if-match",
  "if-modified-since",
  "if-none-match",
  "if-range",
  "if-unmodified-since",
  "pragma",
  "prefer",
  "range",
  "user-agent",
]);

const COMMUNE_HEADER = "x-ciar-commune";
const TIMESTAMP_HEADER = "x-ciar-timestamp";
const SIGNATURE_HEADER = "x-ciar-signature";
const BILLING_WARNING_HEADER = "x-ciar-billing-warning";

export interface GatewayAssertion {
  communeCode: string;
  requestId: string;
  /** Unix seconds. */
  timestamp: number;
}

/**
 * `v1=` + hex HMAC-SHA256, keyed by the module's signing secret, of
 * `<timestamp>.<commune CUT>.<request id>` (neither of the first two contains a dot, so the string
 * reads one way only). docs/modules-and-billing.md shows how a module checks it.
 */
function signGatewayAssertion(secret: string, assertion: GatewayAssertion): string {
  const payload = `${assertion.timestamp}.${assertion.communeCode}.${assertion.requestId}`;
  return `v1=${createHmac("sha256", secret).update(payload).digest("hex")}`;
}

export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  facts: GatewayAssertion & { signingSecret: string },
): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    const lower = name.toLowerCase();
    if (lower.includes("_") || !FORWARDED_REQUEST_HEADERS.has(lower)) continue;
    headers[lower] = value;
  }
  headers[COMMUNE_HEADER] = facts.communeCode;
  headers["x-request-id"] = facts.requestId;
  headers[TIMESTAMP_HEADER] = String(facts.timestamp);
  headers[SIGNATURE_HEADER] = signGatewayAssertion(facts.signingSecret, facts);
  return headers;
}

const STRIPPED_RESPONSE_HEADERS = new Set([
  "set-cookie",
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "transfer-encoding",
  "upgrade",
  "trailer",
]);

/**
 * The module's answer is shown on the platform's origin: a script in it must not reach the
 * dashboard's session, so the document is sandboxed (opaque origin) and may load nothing.
 */
const SANDBOX_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

export function callerResponseHeaders(
  upstream: Record<string, string | string[] | undefined>,
  facts: { requestId: string; billingWarning: string | null },
): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(upstream)) {
    const lower = name.toLowerCase();
    if (value === undefined || STRIPPED_RESPONSE_HEADERS.has(lower) || lower.startsWith("x-ciar-")) continue;
    headers[lower] = value;
  }
  headers["content-security-policy"] = SANDBOX_CSP;
  headers["x-content-type-options"] = "nosniff";
  headers["x-request-id"] = facts.requestId;
  if (facts.billingWarning) headers[BILLING_WARNING_HEADER] = facts.billingWarning;
  return headers;
}

/**
 * The API key a call presents: `Authorization: Bearer <key>` or `x-api-key: <key>`.
 * undefined: none presented; "" : something was presented that cannot be a key (another scheme,
 * repeated or conflicting headers).
 */
export function presentedApiKey(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  const apiKey = headers["x-api-key"];
  if (authorization === undefined && apiKey === undefined) return undefined;
  if (Array.isArray(apiKey)) return "";
  let fromAuthorization: string | undefined;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) return "";
    fromAuthorization = match[1];
  }
  if (fromAuthorization !== undefined && apiKey !== undefined && fromAuthorization !== apiKey) return "";
  return fromAuthorization ?? apiKey ?? "";
}
