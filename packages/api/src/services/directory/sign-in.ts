import { createHmac, randomBytes } from "node:crypto";
import type { Tx } from "@ciar/db/client";
import { hashPassword } from "@ciar/db/password";
import {
  coalitionRoles,
  directoryIdentities,
  directoryProviders,
  directorySignInFlows,
  memberships,
  users,
} from "@ciar/db/schema";
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import * as oidc from "openid-client";
import { noticeNewDevice } from "../account/new-device-notice";
import { recordAudit } from "../audit/record-audit";
import { recordPlatformAudit } from "../audit/record-platform-audit";
import { hashSecretToken } from "../auth/secret-tokens";
import { issueSession, type IssuedSession } from "../auth/sessions";
import type { SecretBox } from "../crypto/secret-box";
import type { DirectoryDeps, DirectorySignInDoor, SessionIssuer } from "../ports";
import { withinRateLimits } from "../rate-limits/shared-limiter";
import { clientSecretContext } from "./configure";
import { discoverIssuer } from "./issuer";

/**
 * Sign-ins started per minute from one address: each one calls the provider and stores a pending
 * row, so an unauthenticated client must not be able to start them without end.
 */
const STARTS_PER_MINUTE = 30;

/** A pending sign-in lives ten minutes: enough to type a password and a second factor at the provider. */
const FLOW_TTL_MS = 10 * 60_000;

/** Why a directory sign-in was refused; the server words each one for the person (es/en). */
export type DirectoryRefusalReason =
  | "rate_limited"
  | "state_unknown"
  | "state_expired"
  | "state_reused"
  | "directory_off"
  | "provider_unreachable"
  | "provider_error"
  | "exchange_failed"
  | "email_unverified"
  | "domain_not_allowed"
  | "account_exists"
  | "platform_admin"
  | "account_disabled";

export class DirectoryRefusal extends Error {
  constructor(readonly reason: DirectoryRefusalReason) {
    super(`directory sign-in refused: ${reason}`);
    this.name = "DirectoryRefusal";
  }
}

export interface DirectorySignInDeps {
  directory: DirectoryDeps;
  secretBox: SecretBox;
  sessions: SessionIssuer;
  /** Base URL of the dashboard (links in the new-device notice). */
  publicUrl: string;
}

export interface RequestFacts {
  requestId: string;
  ip: string;
  userAgent: string | undefined;
}

const verifierContext = (stateHash: string) => `directory_code_verifier:${stateHash}`;

/** Only a path of the dashboard: never another origin ("//evil", "https:…", "/\\evil"). */
function safeReturnPath(value: string | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  return value;
}

interface ProviderRow {
  kind: "entra" | "google" | "keycloak" | "claveunica";
  issuerUrl: string;
  clientId: string;
  clientSecretSealed: string | null;
  allowedDomains: string[];
  defaultRole: "admin" | "editor" | "viewer";
  enabled: boolean;
}

async function readProvider(tx: Tx, communeId: string): Promise<ProviderRow | undefined> {
  const [row] = await tx
    .select({
      kind: directoryProviders.kind,
      issuerUrl: directoryProviders.issuerUrl,
      clientId: directoryProviders.clientId,
      clientSecretSealed: directoryProviders.clientSecretSealed,
      allowedDomains: directoryProviders.allowedDomains,
      defaultRole: directoryProviders.defaultRole,
      enabled: directoryProviders.enabled,
    })
    .from(directoryProviders)
    .where(eq(directoryProviders.communeId, communeId));
  return row;
}

async function clientConfig(deps: DirectorySignInDeps, communeId: string, provider: ProviderRow) {
  const clientSecret = provider.clientSecretSealed
    ? deps.secretBox.open(provider.clientSecretSealed, clientSecretContext(communeId))
    : null;
  try {
    return await discoverIssuer(deps.directory, provider.issuerUrl, {
      clientId: provider.clientId,
      clientSecret,
    });
  } catch {
    throw new DirectoryRefusal("provider_unreachable");
  }
}

/** ClaveÚnica answers the RUN (claim RolUnico) and the name in parts; the others, OpenID's standard claims. */
const scopeFor = (kind: ProviderRow["kind"]) =>
  kind === "claveunica" ? "openid run name email" : "openid email profile";

/**
 * GET /auth/directory/start: the commune's directory must be on. Stores the pending sign-in (state
 * by its hash, nonce, sealed PKCE verifier, where to return) and answers the provider's URL.
 */
export async function startDirectorySignIn(
  door: DirectorySignInDoor,
  deps: DirectorySignInDeps,
  input: { communeId: string; returnTo?: string | undefined; ip: string },
): Promise<string> {
  const { provider, allowed } = await door.forCommune(input.communeId, async (tx) => ({
    allowed: await withinRateLimits(tx, [
      { key: `directory-start|${input.ip}`, limit: STARTS_PER_MINUTE, windowSeconds: 60 },
    ]),
    provider: await readProvider(tx, input.communeId),
  }));
  if (!allowed) throw new DirectoryRefusal("rate_limited");
  if (!provider?.enabled) throw new DirectoryRefusal("directory_off");
  const config = await clientConfig(deps, input.communeId, provider);

  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const verifier = oidc.randomPKCECodeVerifier();
  const stateHash = hashSecretToken(state);
  await door.forCommune(input.communeId, async (tx) => {
    await tx
      .delete(directorySignInFlows)
      .where(
        and(
          eq(directorySignInFlows.communeId, input.communeId),
          lt(directorySignInFlows.expiresAt, new Date()),
        ),
      );
    await tx.insert(directorySignInFlows).values({
      stateHash,
      communeId: input.communeId,
      nonce,
      codeVerifierSealed: deps.secretBox.seal(verifier, verifierContext(stateHash)),
      returnTo: safeReturnPath(input.returnTo),
      expiresAt: new Date(Date.now() + FLOW_TTL_MS),
    });
  });
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: deps.directory.redirectUri,
    scope: scopeFor(provider.kind),
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  }).href;
}

type Claims = Record<string, unknown>;

/** The person's key at the provider: the RUN for ClaveÚnica (never kept in clear), else `sub`. */
function subjectOf(kind: ProviderRow["kind"], claims: Claims): string {
  if (kind === "claveunica") {
    const rol = claims.RolUnico as { numero?: unknown; DV?: unknown } | undefined;
    if (rol && rol.numero !== undefined)
      return `run:${String(rol.numero)}-${String(rol.DV ?? "").toUpperCase()}`;
  }
  return `sub:${String(claims.sub)}`;
}

function nameOf(claims: Claims, email: string): string {
  if (typeof claims.name === "string" && claims.name.trim()) return claims.name.trim().slice(0, 200);
  // ClaveÚnica: { nombres: [...], apellidos: [...] }.
  const parts = claims.name as { nombres?: unknown; apellidos?: unknown } | undefined;
  if (parts && Array.isArray(parts.nombres)) {
    const full = [...parts.nombres, ...(Array.isArray(parts.apellidos) ? parts.apellidos : [])]
      .join(" ")
      .trim();
    if (full) return full.slice(0, 200);
  }
  return email.split("@")[0]!.slice(0, 200);
}

/**
 * Whether the provider vouches for the address: `email_verified` (Google, Keycloak, ClaveÚnica);
 * Entra ID sends none, but its optional claim `xms_edov` says the domain's owner verified it.
 */
function emailVerified(kind: ProviderRow["kind"], claims: Claims): boolean {
  if (claims.email_verified === true || claims.email_verified === "true") return true;
  return kind === "entra" && (claims.xms_edov === true || claims.xms_edov === "1");
}

async function recordRefusal(
  door: DirectorySignInDoor,
  stateHash: string,
  reason: DirectoryRefusalReason,
  facts: RequestFacts,
) {
  await door.forState(stateHash, (tx) =>
    recordPlatformAudit(tx, {
      action: "directory.sign_in_refused",
      actorUserId: null,
      subjectUserId: null,
      changes: { reason },
      requestId: facts.requestId,
      ip: facts.ip,
      userAgent: facts.userAgent?.slice(0, 300) ?? null,
    }),
  );
}

/**
 * GET /auth/directory/callback: the provider sent the person back. The pending sign-in is used up
 * first (an unknown, expired or reused state changes nothing else), then the code is exchanged
 * with PKCE and the nonce checked (openid-client), then the account: the linked one, else the
 * account with that verified e-mail if it is already a member of this commune (linked now), else
 * a new one; a person not yet a member joins with the directory's default role. A platform admin
 * never signs in through a commune's directory. Every refusal lands in the platform's log.
 */
export async function finishDirectorySignIn(
  door: DirectorySignInDoor,
  deps: DirectorySignInDeps,
  callbackUrl: URL,
  facts: RequestFacts,
): Promise<{ session: IssuedSession; userId: string; communeId: string; returnTo: string }> {
  const state = callbackUrl.searchParams.get("state") ?? "";
  const stateHash = hashSecretToken(state);
  try {
    return await finish(door, deps, callbackUrl, state, stateHash, facts);
  } catch (error) {
    if (error instanceof DirectoryRefusal) await recordRefusal(door, stateHash, error.reason, facts);
    throw error;
  }
}

async function finish(
  door: DirectorySignInDoor,
  deps: DirectorySignInDeps,
  callbackUrl: URL,
  state: string,
  stateHash: string,
  facts: RequestFacts,
) {
  const claimed = await door.forState(stateHash, async (tx, setAccess) => {
    const [flow] = await tx
      .select()
      .from(directorySignInFlows)
      .where(eq(directorySignInFlows.stateHash, stateHash));
    if (!flow || !state) return { refused: "state_unknown" as const };
    if (flow.usedAt) return { refused: "state_reused" as const };
    if (flow.expiresAt.getTime() <= Date.now()) return { refused: "state_expired" as const };
    // Used up before anything else: of two concurrent callbacks only one claims it.
    const used = await tx
      .update(directorySignInFlows)
      .set({ usedAt: new Date() })
      .where(and(eq(directorySignInFlows.stateHash, stateHash), isNull(directorySignInFlows.usedAt)))
      .returning({ stateHash: directorySignInFlows.stateHash });
    if (used.length === 0) return { refused: "state_reused" as const };
    await setAccess({ communeId: flow.communeId });
    return { refused: null, flow, provider: await readProvider(tx, flow.communeId) };
  });
  if (claimed.refused) throw new DirectoryRefusal(claimed.refused);
  const { flow, provider } = claimed;
  if (callbackUrl.searchParams.has("error")) throw new DirectoryRefusal("provider_error");
  if (!provider?.enabled) throw new DirectoryRefusal("directory_off");

  const config = await clientConfig(deps, flow.communeId, provider);
  let claims: Claims;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: deps.secretBox.open(flow.codeVerifierSealed, verifierContext(stateHash)),
      expectedState: state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims() as Claims;
    // The ID token may carry only `sub`: the rest comes from userinfo, bound to the same subject.
    const userInfo = (await oidc.fetchUserInfo(config, tokens.access_token, String(idClaims.sub))) as Claims;
    claims = { ...userInfo, ...idClaims };
  } catch {
    throw new DirectoryRefusal("exchange_failed");
  }

  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  if (!email || !emailVerified(provider.kind, claims)) throw new DirectoryRefusal("email_unverified");
  if (!provider.allowedDomains.includes(email.split("@")[1] ?? ""))
    throw new DirectoryRefusal("domain_not_allowed");
  const subjectHash = createHmac("sha256", deps.directory.subjectKey)
    .update(`${provider.issuerUrl}\n${subjectOf(provider.kind, claims)}`)
    .digest("hex");
  const name = nameOf(claims, email);
  // A new account gets a password nobody knows (argon2, hashed outside the transaction).
  const unusablePassword = await hashPassword(randomBytes(32).toString("base64url"));

  return door.forState(stateHash, async (tx, setAccess) => {
    const communeId = flow.communeId;
    await setAccess({ communeId, authEmail: email });
    const [link] = await tx
      .select({ userId: directoryIdentities.userId })
      .from(directoryIdentities)
      .where(
        and(eq(directoryIdentities.communeId, communeId), eq(directoryIdentities.subjectHash, subjectHash)),
      );
    let userId = link?.userId;
    let newAccount = false;
    if (!userId) {
      const [existing] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(sql`lower(${users.email})`, email));
      if (existing) {
        // A commune's directory vouches only for its own people: an account that exists already
        // is linked only if it is a member of this commune. Otherwise an admin who controls a
        // directory (and lists a domain) could sign in as anyone of that domain on the platform.
        const [member] = await tx
          .select({ userId: memberships.userId })
          .from(memberships)
          .where(and(eq(memberships.communeId, communeId), eq(memberships.userId, existing.id)));
        if (!member) throw new DirectoryRefusal("account_exists");
        userId = existing.id;
      } else {
        const [created] = await tx
          .insert(users)
          .values({ email, name, passwordHash: unusablePassword })
          .returning({ id: users.id });
        userId = created!.id;
        newAccount = true;
      }
    }
    await setAccess({ userId });
    const [account] = await tx
      .select({ disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, userId));
    if (!account || account.disabledAt) throw new DirectoryRefusal("account_disabled");
    // No commune's directory ever vouches for a platform admin: their account opens every commune.
    const [platformRole] = await tx
      .select({ role: coalitionRoles.role })
      .from(coalitionRoles)
      .where(eq(coalitionRoles.userId, userId));
    if (platformRole) throw new DirectoryRefusal("platform_admin");

    const actor = { userId, communeId, requestId: facts.requestId };
    const joined = await tx
      .insert(memberships)
      .values({ communeId, userId, role: provider.defaultRole })
      .onConflictDoNothing()
      .returning({ role: memberships.role });
    if (joined.length > 0)
      await recordAudit(tx, actor, {
        action: "directory.member_joined",
        entityType: "membership",
        entityId: userId,
        changes: { email, role: provider.defaultRole, newAccount },
      });
    const platformEvent = {
      actorUserId: null,
      subjectUserId: userId,
      requestId: facts.requestId,
      ip: facts.ip,
      userAgent: facts.userAgent?.slice(0, 300) ?? null,
    };
    if (link) {
      await tx
        .update(directoryIdentities)
        .set({ lastSignInAt: new Date() })
        .where(
          and(eq(directoryIdentities.communeId, communeId), eq(directoryIdentities.subjectHash, subjectHash)),
        );
    } else {
      await tx.insert(directoryIdentities).values({ communeId, subjectHash, userId, kind: provider.kind });
      if (!newAccount)
        await recordPlatformAudit(tx, {
          ...platformEvent,
          action: "directory.account_linked",
          changes: { communeId, kind: provider.kind },
        });
    }
    await recordPlatformAudit(tx, {
      ...platformEvent,
      action: "directory.signed_in",
      changes: { communeId, kind: provider.kind, joined: joined.length > 0 },
    });
    await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, userId));
    // The same security notice as a password sign-in from a browser never used before.
    await noticeNewDevice(tx, deps, userId, facts.userAgent);
    const session = await issueSession(tx, deps.sessions, userId, { userAgent: facts.userAgent });
    return { session, userId, communeId, returnTo: flow.returnTo };
  });
}
