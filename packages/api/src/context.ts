import type { BillingProvider } from "@ciar/billing/port";
import type { Locale } from "@ciar/domain/roles";
import type { SecretBox } from "./services/crypto/secret-box";
import type { AccessClaims, DirectoryDeps, Logger, RunAs } from "./services/ports";

export type { AccessClaims, DirectoryDeps } from "./services/ports";

export interface RefreshCookie {
  read(): string | undefined;
  write(token: string, expiresAt: Date): void;
  clear(): void;
}

/** Everything the API needs from the process, wired once by the server (apps/server). */
export interface ApiDependencies {
  /** The one runAs (src/doors), shared with the gateway, the webhook and the jobs. */
  runAs: RunAs;
  signAccessToken(claims: AccessClaims): string;
  /** Returns the claims, or null for a missing, forged or expired token. */
  verifyAccessToken(token: string): AccessClaims | null;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /** Base URL of the dashboard, for links such as invitations. */
  publicUrl: string;
  /** Sign-in attempts allowed per minute for one address and e-mail (throttles in PostgreSQL). */
  loginAttemptsPerMinute: number;
  /** Calls per minute of the other public procedures allowed for one address. */
  publicRequestsPerMinute: number;
  observeProcedure?: ProcedureObserver;
  /** Stripe, or the purchase-order-only adapter when Stripe is not configured. */
  billing?: BillingProvider;
  /** Seals the secrets the platform reads back (OIDC client secrets, TOTP seeds). */
  secretBox: SecretBox;
  /** Sign-in with the commune's directory (OpenID Connect). */
  directory: DirectoryDeps;
}

/** Per-request facts, taken from the HTTP layer. */
export interface RequestFacts {
  accessToken: string | null;
  communeHeader: string | undefined;
  locale: Locale;
  requestId: string;
  ip: string;
  userAgent: string | undefined;
  refreshCookie: RefreshCookie;
  log: Logger;
  /** Tells the HTTP layer which commune the request acted in (for its log line). */
  noteCommune(communeId: string): void;
}

/** What the API reports about each procedure call (the server turns it into metrics). */
export interface ProcedureObserver {
  (call: { path: string; type: string; durationMs: number; code: string }): void;
}

export interface Context extends RequestFacts {
  deps: Omit<ApiDependencies, "runAs">;
  /** Opens a transaction as the app role with the given RLS settings: the only way to the data. */
  runAs: RunAs;
}

export function createContextFactory(deps: ApiDependencies) {
  const { runAs, ...rest } = deps;
  return (facts: RequestFacts): Context => ({ ...facts, deps: rest, runAs });
}

/** Accept-Language → one of our locales; Spanish first. */
export function pickLocale(header: string | undefined): Locale {
  if (!header) return "es";
  const first = header.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "es";
}
