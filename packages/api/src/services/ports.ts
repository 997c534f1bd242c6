import type { Tx } from "@ciar/db/client";
import type { AccessSettings, CallerSession } from "@ciar/db/tenant-transaction";
import type { PlatformRole } from "@ciar/domain/roles";
import type { SecretBox } from "./crypto/secret-box";

/**
 * What the services need from whoever calls them, free of the transport: no tRPC, no Fastify.
 * The doors (src/doors, src/procedures) provide these; services only receive them.
 */

type SettingName = keyof AccessSettings;

/**
 * Changes RLS settings of the transaction a door opened, mid-work: for the flows where the row
 * that names the next setting is only found inside the transaction (the refresh token names its
 * user, the invitation its e-mail and commune, the API key its commune, the Stripe event its
 * subscription). Handed down by the door that opened the transaction, never imported, so a
 * service can only change the settings of a transaction it was given, and only the ones its
 * door allows (the `K` of that door).
 */
export type SetAccess<K extends SettingName = SettingName> = (
  settings: Pick<AccessSettings, K>,
) => Promise<void>;

/**
 * Opens a transaction as the app role with RLS settings: the only way to the data. With
 * `session`, the transaction first checks (in the same statement as the settings) that the
 * caller's session is live. The signed-in doors pass it. `K` narrows the settings a door may set.
 */
export type RunAs<K extends SettingName = SettingName> = <T>(
  settings: Pick<AccessSettings, K>,
  work: (tx: Tx, setAccess: SetAccess<K>) => Promise<T>,
  session?: CallerSession,
) => Promise<T>;

/** The module gateway's doors: as the holder of an API key (by its hash), then as its commune. */
export interface GatewayDoor {
  /** `setAccess` names the commune once the key has named it. */
  byApiKey<T>(keyHash: string, work: (tx: Tx, setAccess: SetAccess<"communeId">) => Promise<T>): Promise<T>;
  asCommune<T>(communeId: string, work: (tx: Tx) => Promise<T>): Promise<T>;
}

/** Stripe's webhook door: one event, stored and applied in one transaction. */
export interface StripeWebhookDoor {
  /** `setAccess` names the Stripe objects the event names, then the subscriber's commune. */
  forEvent<T>(
    eventId: string,
    work: (
      tx: Tx,
      setAccess: SetAccess<"stripeSubscriptionId" | "stripeCheckoutSessionId" | "communeId">,
    ) => Promise<T>,
  ): Promise<T>;
}
/**
 * The directory (OpenID Connect) sign-in's door, used by GET /auth/directory/start and
 * /auth/directory/callback (apps/server). Starting names the commune asked for; coming back names
 * the pending sign-in by its state's hash, then (`setAccess`) the commune that sign-in was for, the
 * e-mail the provider vouched for and the account it names.
 */
export interface DirectorySignInDoor {
  forCommune<T>(communeId: string, work: (tx: Tx) => Promise<T>): Promise<T>;
  forState<T>(
    stateHash: string,
    work: (tx: Tx, setAccess: SetAccess<"communeId" | "authEmail" | "userId">) => Promise<T>,
  ): Promise<T>;
}

/** What the directory sign-in needs from the process (apps/server wires it). */
export interface DirectoryDeps {
  /** fetch for the issuers: refuses loopback and private addresses unless they are allowed. */
  fetch: typeof fetch;
  /** Issuers over http or on private addresses (development and tests; never by default in production). */
  allowPrivateIssuers: boolean;
  /** Whether a host named literally in an issuer URL (an IP or "localhost") is a private one. */
  isPrivateHost(hostname: string): boolean;
  /** HMAC key for the subjects (a ClaveÚnica RUN): derived from DATA_ENCRYPTION_KEY. */
  subjectKey: Buffer;
  /** The redirect URI a commune registers at its provider: <PUBLIC_URL>/auth/directory/callback. */
  redirectUri: string;
}

/**
 * The sign-in, refresh and invitation flows' door: an address, a refresh token or an invitation
 * token's hash, then the user (and commune) that it names.
 */
type AuthDoor = RunAs<
  | "authEmail"
  | "refreshTokenHash"
  | "invitationTokenHash"
  | "recoveryTokenHash"
  | "userId"
  | "communeId"
  | "twoStepTokenHash"
  | "passkeyCredentialId"
>;
/** The background jobs' doors: no caller; one commune at a time, or none (definer functions). */
export interface JobsDoor {
  /** No commune: only what definer functions and policies without one allow (sweeps, ids). */
  acrossCommunes<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  asCommune<T>(communeId: string, work: (tx: Tx) => Promise<T>): Promise<T>;
  /** The mail job: the only door that reads and updates the outbox (app.mail_delivery). */
  forMailDelivery<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What an access token says. Kept small: memberships are checked in the database per request. */
export interface AccessClaims {
  sub: string;
  /** The session (refresh-token family) the token belongs to: checked live on every use. */
  sid: string;
  /** Platform-wide roles only; coalition coordination is checked in the database per request. */
  roles: PlatformRole[];
}

/** What issuing a session needs: the token signer and the lifetimes. */
export interface SessionIssuer {
  signAccessToken(claims: AccessClaims): string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
}

/** A signed-in user, as the authed door found them. */
export interface SignedInUser {
  id: string;
  platformRoles: PlatformRole[];
  /** The session the access token names; every transaction of the call checks it is live. */
  session: CallerSession;
}

/** What a service needs to queue an account's e-mail: the box that seals it, the links' base. */
export interface AccountMail {
  secretBox: SecretBox;
  /** Base URL of the dashboard, for links in e-mails. */
  publicUrl: string;
}

/** The sign-in, refresh and invitation flows: an unauthenticated caller's door and facts. */
export interface AuthCall {
  runAs: AuthDoor;
  deps: SessionIssuer & AccountMail;
  userAgent: string | undefined;
  requestId: string;
  ip: string;
  log: Logger;
}

/** What the two-step flows need besides issuing sessions: the secret box and the public URL (WebAuthn's origin). */
interface TwoStepDeps extends SessionIssuer {
  secretBox: SecretBox;
  publicUrl: string;
}

/** A sign-in's second step, or a signed-in person managing their own factors. */
export interface TwoStepCall extends Omit<AuthCall, "deps"> {
  deps: TwoStepDeps;
}
