import type { Tx } from "@ciar/db/client";
import { userPasskeys } from "@ciar/db/schema";
import { AppError } from "@ciar/domain/errors";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { eq } from "drizzle-orm";

/** The relying party is the dashboard's own address (PUBLIC_URL): its host name and origin. */
function relyingParty(publicUrl: string) {
  const url = new URL(publicUrl);
  return { id: url.hostname, origin: url.origin, name: "Red CIAR" };
}

type Passkey = typeof userPasskeys.$inferSelect;

const transportsOf = (p: Pick<Passkey, "transports">) => p.transports as AuthenticatorTransportFuture[];

/** Options for a new passkey: discoverable (usable without typing the e-mail), none of the existing ones. */
export async function registrationOptions(
  publicUrl: string,
  account: { id: string; email: string; name: string },
  existing: Passkey[],
) {
  const rp = relyingParty(publicUrl);
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: account.email,
    userDisplayName: account.name,
    userID: new Uint8Array(Buffer.from(account.id, "utf8")),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: transportsOf(p) })),
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
  });
}

export async function verifyRegistration(publicUrl: string, expectedChallenge: string, response: unknown) {
  const rp = relyingParty(publicUrl);
  try {
    const result = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
    if (!result.verified) throw new AppError("two_step.passkey_invalid");
    return result.registrationInfo.credential;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("two_step.passkey_invalid");
  }
}

/**
 * Options to sign in with a passkey: for a second step, only the person's own passkeys; for a
 * password-less sign-in none are named (the authenticator offers its discoverable ones) and the
 * person must be verified on the device (PIN or biometrics), which makes the passkey both factors.
 */
export async function authenticationOptions(publicUrl: string, allowed: Passkey[] | null) {
  return generateAuthenticationOptions({
    rpID: relyingParty(publicUrl).id,
    userVerification: allowed ? "preferred" : "required",
    ...(allowed
      ? { allowCredentials: allowed.map((p) => ({ id: p.credentialId, transports: transportsOf(p) })) }
      : {}),
  });
}

/**
 * Verifies an assertion against the stored passkey, and records its counter and last use. A
 * response that fails to parse or verify is refused the same way as a wrong one.
 */
export async function verifyAssertion(
  tx: Tx,
  publicUrl: string,
  expectedChallenge: string,
  passkey: Passkey,
  response: unknown,
  requireUserVerification: boolean,
): Promise<boolean> {
  const rp = relyingParty(publicUrl);
  try {
    const result = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, "base64url")),
        counter: passkey.counter,
        transports: transportsOf(passkey),
      },
      requireUserVerification,
    });
    if (!result.verified) return false;
    await tx
      .update(userPasskeys)
      .set({ counter: result.authenticationInfo.newCounter, lastUsedAt: new Date() })
      .where(eq(userPasskeys.id, passkey.id));
    return true;
  } catch {
    return false;
  }
}
