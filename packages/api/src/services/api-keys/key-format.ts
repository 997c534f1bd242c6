import { randomBytes } from "node:crypto";
import { hashSecretToken } from "../auth/secret-tokens";

/**
 * API keys look like `ciar_3f9a1c2b_<43 base64url chars>`: a fixed marker (secret scanners and
 * people recognise it), a random public prefix shown in the dashboard to tell keys apart, and 32
 * random bytes. Only the SHA-256 of the whole key is stored; the key is shown once.
 */
const KEY_PATTERN = /^ciar_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

export function newApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = `ciar_${randomBytes(4).toString("hex")}`;
  const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix, hash: hashSecretToken(key) };
}

/** The hash to look a presented key up by, or null when it cannot be one of ours. */
export function apiKeyHash(presented: string | undefined | null): string | null {
  if (!presented || !KEY_PATTERN.test(presented)) return null;
  return hashSecretToken(presented);
}
