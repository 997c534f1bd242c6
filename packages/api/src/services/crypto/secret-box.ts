import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Secrets the platform must read back (an OIDC client secret, a TOTP seed, a queued e-mail's
 * link), sealed with AES-256-GCM under the operator's DATA_ENCRYPTION_KEY. What only needs
 * checking (passwords, recovery codes, tokens) is hashed instead, never sealed.
 *
 * `context` binds a sealed value to where it belongs (e.g. "oidc_client_secret:<commune id>"):
 * it is authenticated, not stored, so a value copied to another row or column does not open.
 * The "v1." prefix names the format, so a later key rotation can tell old values apart.
 */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  /** Throws for a value sealed under another key or context, or tampered with. */
  open(sealed: string, context: string): string;
}

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** `key`: 32 bytes (DATA_ENCRYPTION_KEY, base64 or base64url). */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error("secret box: the key must be 32 bytes");
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(context, "utf8"));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
      return `${VERSION}.${iv.toString("base64url")}.${body.toString("base64url")}`;
    },
    open(sealed, context) {
      const [version, iv, body] = sealed.split(".");
      if (version !== VERSION || !iv || !body) throw new Error("secret box: not a sealed value");
      const bytes = Buffer.from(body, "base64url");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return plain.toString("utf8");
    },
  };
}
