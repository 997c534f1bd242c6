import type { IncomingHttpHeaders } from "node:http";

/**
 * What crosses the gateway. Towards the module's service: never the caller's credentials
 * (Authorization, x-api-key, cookies), never a caller's claim to be a commune (x-ciar-*), no
 * hop-by-hop or forwarding headers; the gateway adds who calls (x-ciar-commune, the CUT code) and
 * the request id. Back to the caller: never a cookie for this site, and a sandboxing CSP, since the
 * answer is served from the platform's own origin.
 */

const STRIPPED_REQUEST_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "x-api-key",
  "cookie",
  "x-commune-id",
  // Hop by hop (undici refuses some of them) and forwarding claims the caller could forge.
  "connection",
  "keep-alive",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "expect",
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
]);

export const COMMUNE_HEADER = "x-ciar-commune";
export const BILLING_WARNING_HEADER = "x-ciar-billing-warning";

export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  facts: { communeCode: string; requestId: string },
): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (STRIPPED_REQUEST_HEADERS.has(name) || name.startsWith("x-ciar-")) continue;
    headers[name] = value;
  }
  headers[COMMUNE_HEADER] = facts.communeCode;
  headers["x-request-id"] = facts.requestId;
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
