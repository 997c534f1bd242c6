import { createHash, randomBytes } from "node:crypto";

/**
 * Opaque secrets (refresh tokens, invitation links): 32 random bytes in base64url. Only their
 * SHA-256 is stored, so a database leak does not hand out sessions or invitations.
 */
export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
