import { describe, expect, it } from "vitest";
import { apiKeyHash, newApiKey } from "./key-format";

describe("API keys", () => {
  it("are prefixed, random, and looked up by the hash of the whole key", () => {
    const a = newApiKey();
    const b = newApiKey();
    expect(a.key.startsWith(`${a.prefix}_`)).toBe(true);
    expect(a.prefix).toMatch(/^ciar_[0-9a-f]{8}$/);
    expect(a.key).not.toBe(b.key);
    expect(apiKeyHash(a.key)).toBe(a.hash);
    expect(a.hash).not.toContain(a.key);
  });

  it("refuses anything that is not shaped like a key before hashing it", () => {
    expect(apiKeyHash(undefined)).toBeNull();
    expect(apiKeyHash("Bearer abc")).toBeNull();
    expect(apiKeyHash("ciar_zzzzzzzz_" + "a".repeat(43))).toBeNull();
    expect(apiKeyHash(newApiKey().key + "x")).toBeNull();
  });
});
