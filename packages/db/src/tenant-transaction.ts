import { AppError } from "@ciar/domain/errors";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "./client";
import { rowsOf } from "./rows";
import { APP_ROLE } from "./schema/rls";

/**
 * What the row-level security policies may know about the caller, for one transaction.
 * Only the tenant doors of the API and the auth flows set these.
 */
export interface AccessSettings {
  userId?: string | null;
  communeId?: string | null;
  /** Sign-in and invitation flows look a user up by exact e-mail (lower-cased). */
  authEmail?: string | null;
  /** The SHA-256 of an invitation token being previewed or accepted. */
  invitationTokenHash?: string | null;
  /** The SHA-256 of a refresh token being rotated. */
  refreshTokenHash?: string | null;
  /** The SHA-256 of an API key presented to the module gateway. */
  apiKeyHash?: string | null;
  /** Stripe's webhook: the event being stored and processed, and the objects it names. */
  stripeEventId?: string | null;
  stripeSubscriptionId?: string | null;
  stripeCheckoutSessionId?: string | null;
  /** The SHA-256 of the state of a directory (OpenID Connect) sign-in coming back. */
  directoryStateHash?: string | null;
  /** The SHA-256 of a password recovery link's token being checked or used (migration 0021). */
  recoveryTokenHash?: string | null;
  /** "on" for the mail job only: reads and updates the outbox (migration 0021). */
  mailDelivery?: "on" | null;
  /** The SHA-256 of a two-step sign-in or passkey ceremony token being completed. */
  twoStepTokenHash?: string | null;
  /** The credential id a passkey sign-in presented (names its account). */
  passkeyCredentialId?: string | null;
}

const SETTING_NAMES = {
  userId: "app.user_id",
  communeId: "app.commune_id",
  authEmail: "app.auth_email",
  invitationTokenHash: "app.invitation_token_hash",
  refreshTokenHash: "app.refresh_token_hash",
  apiKeyHash: "app.api_key_hash",
  stripeEventId: "app.stripe_event_id",
  stripeSubscriptionId: "app.stripe_subscription_id",
  stripeCheckoutSessionId: "app.stripe_checkout_session_id",
  directoryStateHash: "app.directory_state_hash",
  recoveryTokenHash: "app.recovery_token_hash",
  mailDelivery: "app.mail_delivery",
  twoStepTokenHash: "app.two_step_token_hash",
  passkeyCredentialId: "app.passkey_credential_id",
} as const satisfies Record<keyof AccessSettings, string>;

/**
 * Sets settings inside an open transaction (transaction-local: they end with it). Goes through
 * app_set(), which accepts app.* names only: inside the door the app role cannot call set_config
 * on PGlite, so it has no way to name another role (migration 0019).
 */
export async function applySettings(tx: Tx, settings: AccessSettings): Promise<void> {
  const assignments = Object.entries(settings)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => sql`app_set(${SETTING_NAMES[key as keyof AccessSettings]}, ${value ?? ""})`);
  if (assignments.length > 0) await tx.execute(sql`select ${sql.join(assignments, sql`, `)}`);
}

/** The session a signed-in caller's access token names (claim `sid`: a refresh-token family). */
export interface CallerSession {
  id: string;
  userId: string;
}

/**
 * Runs `work` in one transaction as the app role (no BYPASSRLS), with the settings the policies
 * read. Every tenant query goes through here. Settings are transaction-local, so nothing leaks to
 * the next user of a pooled connection, including through PgBouncer in transaction mode.
 *
 * The settings are awaited before `work` starts. Sending them pipelined with the first query would
 * save a round trip (DESIGN §8), but on PGlite the connection is a superuser: if the driver ever
 * reordered the two, that query would bypass RLS. Safety first; see docs/tenancy-and-security.md.
 *
 * With `session`, the same statement also asks whether that session is still live
 * (app_session_live, migration 0018: not signed out, not revoked, user not disabled) and the
 * transaction ends with `auth.session_expired` before `work` runs if it is not. The function runs
 * as its owner, so its answer does not depend on the order in which the statement's settings apply.
 */
export function withAccess<T>(
  db: Database,
  settings: AccessSettings,
  work: (tx: Tx) => Promise<T>,
  session?: CallerSession,
): Promise<T> {
  return db.transaction(async (tx) => {
    const assignments = sql`set_config('role', ${APP_ROLE}, true), ${sql.join(
      Object.entries(SETTING_NAMES).map(
        ([key, name]) => sql`set_config(${name}, ${settings[key as keyof AccessSettings] ?? ""}, true)`,
      ),
      sql`, `,
    )}`;
    if (!session) {
      await tx.execute(sql`select ${assignments}`);
      return work(tx);
    }
    const [row] = rowsOf<{ live: boolean }>(
      await tx.execute(
        sql`select ${assignments}, app_session_live(${session.id}::uuid, ${session.userId}::uuid) as live`,
      ),
    );
    if (row?.live !== true) throw new AppError("auth.session_expired");
    return work(tx);
  });
}
