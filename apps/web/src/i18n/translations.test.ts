import { describe, expect, it } from "vitest";
import en from "./en.json";
import es from "./es.json";

/** "a.b.c" → value, for every leaf of a nested translation object. */
function leaves(tree: object, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "object" && value !== null) for (const [k, v] of leaves(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

const placeholders = (text: unknown) => [...String(text).matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

describe("translations", () => {
  const esKeys = leaves(es);
  const enKeys = leaves(en);

  it("have the same keys in Spanish and English", () => {
    expect([...enKeys.keys()].sort()).toEqual([...esKeys.keys()].sort());
  });

  it("use the same placeholders in both languages, and no empty text", () => {
    for (const [key, text] of esKeys) {
      expect(typeof text === "string" && text.trim().length > 0, key).toBe(true);
      expect(placeholders(enKeys.get(key)), key).toEqual(placeholders(text));
    }
  });
});
