import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSecretBox } from "./secret-box";

describe("secret box", () => {
  const box = createSecretBox(randomBytes(32));

  it("opens what it sealed, and the sealed text does not contain the secret", () => {
    const sealed = box.seal("client-secret-123", "oidc:a");
    expect(sealed).not.toContain("client-secret-123");
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(box.open(sealed, "oidc:a")).toBe("client-secret-123");
  });

  it("seals the same secret differently each time", () => {
    expect(box.seal("x", "c")).not.toBe(box.seal("x", "c"));
  });

  it("refuses another context, another key, and a tampered value", () => {
    const sealed = box.seal("secret", "oidc:a");
    expect(() => box.open(sealed, "oidc:b")).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(sealed, "oidc:a")).toThrow();
    const [v, iv, body] = sealed.split(".");
    const flipped = Buffer.from(body!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open(`${v}.${iv}.${flipped.toString("base64url")}`, "oidc:a")).toThrow();
    expect(() => box.open("plain text", "oidc:a")).toThrow();
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow();
  });
});
