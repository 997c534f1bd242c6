import type { Tx } from "@ciar/db/client";
import { twoStepChallenges } from "@ciar/db/schema";
import { eq } from "drizzle-orm";
import { hashSecretToken, newSecretToken } from "../auth/secret-tokens";

type Purpose = (typeof twoStepChallenges.$inferSelect)["purpose"];
export type Challenge = typeof twoStepChallenges.$inferSelect;

/** Five minutes: long enough to find the phone, short enough that a stolen token soon dies. */
const TTL_MS = 5 * 60_000;
/** Wrong answers one challenge takes before it is spent (a new sign-in starts over, throttled). */
const MAX_ATTEMPTS = 5;

/**
 * A single-use challenge: the token goes to the browser, only its SHA-256 is stored. Inserted by
 * its person (app.user_id), or, for a password-less passkey sign-in, under app.two_step_token_hash.
 */
export async function createChallenge(
  tx: Tx,
  purpose: Purpose,
  userId: string | null,
  webauthnChallenge: string | null = null,
): Promise<{ token: string }> {
  const { token, hash } = newSecretToken();
  await tx.insert(twoStepChallenges).values({
    userId,
    purpose,
    tokenHash: hash,
    webauthnChallenge,
    expiresAt: new Date(Date.now() + TTL_MS),
  });
  return { token };
}

/** The live challenge of `purpose` the token names (locked for the rest of the transaction), or null. */
export async function liveChallenge(tx: Tx, token: string, purpose: Purpose): Promise<Challenge | null> {
  const [row] = await tx
    .select()
    .from(twoStepChallenges)
    .where(eq(twoStepChallenges.tokenHash, hashSecretToken(token)))
    .for("update");
  if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt <= new Date()) return null;
  if (row.attempts >= MAX_ATTEMPTS) return null;
  return row;
}

export const challengeHash = hashSecretToken;

export async function spendChallenge(tx: Tx, id: string): Promise<void> {
  await tx.update(twoStepChallenges).set({ usedAt: new Date() }).where(eq(twoStepChallenges.id, id));
}
