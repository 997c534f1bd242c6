import { describe, expect, it } from "vitest";
import { isStorableText, unstorableTextPaths } from "./common";

describe("storable text", () => {
  it("accepts any well-formed text, surrogate pairs included", () => {
    for (const text of ["", "Coquimbo", "ñandú 😀 𝔘", "a\tb\nc", "\ufffd"])
      expect(isStorableText(text)).toBe(true);
  });

  it("refuses NUL and lone surrogates", () => {
    for (const text of ["\u0000", "a\u0000b", "\ud800", "x\udfff", "\udc00\ud800", "😀".slice(0, 1)])
      expect(isStorableText(text), JSON.stringify(text)).toBe(false);
  });

  it("finds every unstorable string or key, however deep", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(
      unstorableTextPaths({ a: "ok", b: ["x", "y\u0000"], "k\ud800": 1, c: { d: "\udc00" } }).sort(),
    ).toEqual(["(key)", "b.1", "c.d"]);
    expect(unstorableTextPaths(deep)).toHaveLength(1);
    expect(
      unstorableTextPaths(
        Array.from({ length: 100 }, () => "\u0000"),
        5,
      ),
    ).toHaveLength(5);
    expect(unstorableTextPaths({ a: [1, null, true, "fine"] })).toEqual([]);
  });
});
