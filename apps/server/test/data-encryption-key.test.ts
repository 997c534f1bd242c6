import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config";
import { dataEncryptionKey } from "../src/data-encryption-key";

describe("the data encryption key", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ciar-key-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("is DATA_ENCRYPTION_KEY when set (base64 or base64url), and a malformed one is refused", () => {
    const key = "a".repeat(43);
    expect(dataEncryptionKey(loadConfig({ DATA_ENCRYPTION_KEY: key }))).toEqual(
      Buffer.from(key, "base64url"),
    );
    expect(() => loadConfig({ DATA_ENCRYPTION_KEY: "short" })).toThrow(/DATA_ENCRYPTION_KEY/);
  });

  it("is required by the server in production, whatever the data folder holds", () => {
    const config = loadConfig({ NODE_ENV: "production", JWT_SECRET: "s".repeat(40), DATA_DIR: tempDir() });
    expect(() => dataEncryptionKey(config)).toThrow(ConfigError);
  });

  it("in development, is generated once into DATA_DIR (private) and read back after a restart", () => {
    const dir = tempDir();
    const first = dataEncryptionKey(loadConfig({ DATA_DIR: dir }));
    const again = dataEncryptionKey(loadConfig({ DATA_DIR: dir }));
    expect(first).toHaveLength(32);
    expect(again).toEqual(first);
    const file = path.join(dir, "data-encryption.key");
    expect(Buffer.from(readFileSync(file, "utf8"), "base64url")).toEqual(first);
    expect(statSync(file).mode & 0o077).toBe(0);
  });
});
