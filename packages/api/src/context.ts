import type { BillingProvider } from "@ciar/billing/port";
import type { Database, Tx } from "@ciar/db/client";
import { withAccess, type AccessSettings, type CallerSession } from "@ciar/db/tenant-transaction";
import type { Locale, PlatformRole } from "@ciar/domain/roles";
import type { Mailer } from "./mail";

/** What an access token says. Kept small: memberships are checked in the database per request. */
export interface AccessClaims {
  sub: string;
  /** The session (refresh-token family) the token belongs to: checked live on every use. */
  sid: string;
  /** Platform-wide roles only; coalition coordination is checked in the database per request. */
  roles: PlatformRole[];
}

export interface RefreshCookie {
  read(): string | undefined;
  write(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Everything the API needs from the process, wired once by the server (apps/api). */
export interface ApiDependencies {
  db: Database;
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
  /** Without one (no SMTP configured), invitations are shared by copying their link. */
  mailer?: Mailer;
  /** Stripe, or the purchase-order-only adapter when Stripe is not configured. */
  billing?: BillingProvider;
  /** Called when a data transaction starts and ends (pool use metrics). */
  onTransaction?: (delta: 1 | -1) => void;
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

/**
 * Opens a transaction with RLS settings. With `session`, the transaction first checks (in the same
 * statement as the settings) that the caller's session is live. The signed-in doors pass it.
 */
export type RunAs = <T>(
  settings: AccessSettings,
  work: (tx: Tx) => Promise<T>,
  session?: CallerSession,
) => Promise<T>;

export interface Context extends RequestFacts {
  deps: Omit<ApiDependencies, "db">;
  /** Opens a transaction as the app role with the given RLS settings: the only way to the data. */
  runAs: RunAs;
}

export function createContextFactory(deps: ApiDependencies) {
  const { db, ...rest } = deps;
  const runAs: RunAs = async (settings, work, session) => {
    deps.onTransaction?.(1);
    try {
      return await withAccess(db, settings, work, session);
    } finally {
      deps.onTransaction?.(-1);
    }
  };
  return (facts: RequestFacts): Context => ({ ...facts, deps: rest, runAs });
}

/** Accept-Language → one of our locales; Spanish first. */
export function pickLocale(header: string | undefined): Locale {
  if (!header) return "es";
  const first = header.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "es";
}
