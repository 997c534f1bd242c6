import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, type Config } from "./config";

const KEY_FILE = "data-encryption.key";

/**
 * The key that seals secrets the platform reads back: DATA_ENCRYPTION_KEY (required in
 * production), or in development one generated on first start into DATA_DIR, beside the embedded
 * database whose sealed values it opens. Created with link(2) from a private temporary file, so
 * two processes starting at once agree on one key and never read a half-written file.
 */
export function dataEncryptionKey(config: Pick<Config, "dataEncryptionKey" | "dataDir" | "nodeEnv">): Buffer {
  if (config.dataEncryptionKey) return config.dataEncryptionKey;
  // A generated key on one replica's disk would seal what no other replica can open.
  if (config.nodeEnv === "production")
    throw new ConfigError(
      "Invalid configuration (see .env.example):\n  - DATA_ENCRYPTION_KEY: required in production (32 random bytes, base64url)",
    );
  const file = path.join(config.dataDir, KEY_FILE);
  const existing = readKey(file);
  if (existing) return existing;
  mkdirSync(config.dataDir, { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(temporary, randomBytes(32).toString("base64url"), { mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  const key = readKey(file);
  if (!key) throw new Error(`${file} does not hold a 32-byte key (base64url)`);
  return key;
}

function readKey(file: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const key = Buffer.from(text.trim(), "base64url");
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key (base64url)`);
  return key;
}
