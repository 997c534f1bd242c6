import type { DirectoryTestFailure } from "@ciar/domain/schemas/directory";
import { AppError } from "@ciar/domain/errors";
import * as oidc from "openid-client";
import type { DirectoryDeps } from "../ports";

/** Seconds an issuer has to answer (discovery, token, userinfo). */
const ISSUER_TIMEOUT_SECONDS = 8;

/**
 * Refuses an issuer the platform must not call: outside development and tests (allowPrivateIssuers
 * off, as in production) only https to a host that is not literally loopback or private. The
 * guarded fetch also checks the address a name resolves to when it connects.
 */
export function assertIssuerAllowed(deps: DirectoryDeps, issuerUrl: string): void {
  if (deps.allowPrivateIssuers) return;
  const url = new URL(issuerUrl);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (url.protocol !== "https:" || deps.isPrivateHost(host))
    throw new AppError("directory.issuer_not_allowed");
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string | null;
}

/** Reads the issuer's discovery document (openid-client), through the guarded fetch. */
export function discoverIssuer(deps: DirectoryDeps, issuerUrl: string, client: ClientCredentials) {
  return oidc.discovery(
    new URL(issuerUrl),
    client.clientId,
    client.clientSecret ? { client_secret: client.clientSecret } : undefined,
    client.clientSecret ? oidc.ClientSecretPost(client.clientSecret) : oidc.None(),
    {
      [oidc.customFetch]: deps.fetch as oidc.CustomFetch,
      timeout: ISSUER_TIMEOUT_SECONDS,
      // http issuers exist only where private ones are allowed (a local provider in development).
      ...(deps.allowPrivateIssuers ? { execute: [oidc.allowInsecureRequests] } : {}),
    },
  );
}

/** Walks an error's causes: fetch wraps the connection's error (ECONNREFUSED, ours) in `cause`. */
function causes(error: unknown): Array<{ code?: unknown; name?: unknown; message?: unknown }> {
  const chain = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 6; depth += 1) {
    chain.push(current as { code?: unknown; name?: unknown; message?: unknown });
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function failureOf(error: unknown): DirectoryTestFailure {
  const chain = causes(error);
  if (chain.some((e) => e.code === "ECIAR_UPSTREAM_ADDRESS")) return "address_not_allowed";
  if (chain.some((e) => e.code === "OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED")) return "issuer_mismatch";
  // The server answered, but not with a discovery document (404, HTML, JSON without an issuer).
  if (
    chain.some(
      (e) =>
        typeof e.code === "string" &&
        /^OAUTH_(RESPONSE_IS_NOT_JSON|RESPONSE_IS_NOT_CONFORM|INVALID_RESPONSE|JSON_ATTRIBUTE|PARSE_ERROR)/.test(
          e.code,
        ),
    ) ||
    chain.some((e) => e.name === "ResponseBodyError" || e.name === "SyntaxError")
  )
    return "not_oidc";
  return "unreachable";
}

export type IssuerTest =
  | { ok: true; issuer: string; authorizationEndpoint: string }
  | { ok: false; reason: DirectoryTestFailure; detail: string };

/**
 * "Probar conexión": discovery against the issuer, then what a sign-in needs from it (the code
 * flow and PKCE with S256). Every failure is an answer with a reason, never an error.
 */
export async function testIssuer(deps: DirectoryDeps, issuerUrl: string): Promise<IssuerTest> {
  assertIssuerAllowed(deps, issuerUrl);
  let config: oidc.Configuration;
  try {
    config = await discoverIssuer(deps, issuerUrl, { clientId: "ciar-connection-test", clientSecret: null });
  } catch (error) {
    const reason = failureOf(error);
    return { ok: false, reason, detail: error instanceof Error ? error.message.slice(0, 300) : "" };
  }
  const metadata = config.serverMetadata();
  if (!(metadata.response_types_supported ?? []).includes("code"))
    return { ok: false, reason: "no_code_flow", detail: "response_types_supported lacks code" };
  if (!(metadata.code_challenge_methods_supported ?? []).includes("S256"))
    return { ok: false, reason: "no_pkce_s256", detail: "code_challenge_methods_supported lacks S256" };
  return { ok: true, issuer: metadata.issuer, authorizationEndpoint: metadata.authorization_endpoint ?? "" };
}
