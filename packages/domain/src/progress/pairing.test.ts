import { describe, expect, it } from "vitest";
import { strongestPeers, weakestDimension } from "./pairing";

describe("weakestDimension", () => {
  it("finds the lowest score, skipping unscored dimensions", () => {
    expect(
      weakestDimension([
        { code: "estrategia", score: 50 },
        { code: "datos", score: null },
        { code: "talento", score: 12.5 },
        { code: "servicios", score: 75 },
      ]),
    ).toBe("talento");
  });

  it("takes the first in framework order on a tie", () => {
    const dimensions = [
      { code: "a", score: 40 },
      { code: "b", score: 25 },
      { code: "c", score: 25 },
    ];
    expect(weakestDimension(dimensions)).toBe("b");
    expect(weakestDimension([...dimensions].reverse())).toBe("c");
  });

  it("treats 0 as a score, not as missing", () => {
    expect(
      weakestDimension([
        { code: "a", score: null },
        { code: "b", score: 0 },
        { code: "c", score: 10 },
      ]),
    ).toBe("b");
  });

  it("is null when nothing is scored", () => {
    expect(weakestDimension([])).toBeNull();
    expect(weakestDimension([{ code: "a", score: null }])).toBeNull();
  });
});

describe("strongestPeers", () => {
  const peers = [
    { communeId: "c-03", name: "Tres", scores: { datos: 62.5, talento: 10 } },
    { communeId: "c-01", name: "Uno", scores: { datos: 75, talento: null } },
    { communeId: "c-05", name: "Cinco", scores: { datos: null, talento: 90 } },
    { communeId: "c-02", name: "Dos", scores: { datos: 62.5 } },
    { communeId: "c-04", name: "Cuatro", scores: { datos: 25, talento: 50 } },
    { communeId: "c-06", name: "Seis", scores: { datos: 0 } },
  ];
  const ids = (list: Array<{ communeId: string }>) => list.map((p) => p.communeId);

  it("ranks by the dimension's score, best first, ties by communeId, three by default", () => {
    expect(ids(strongestPeers(peers, "datos"))).toEqual(["c-01", "c-02", "c-03"]);
    expect(ids(strongestPeers(peers, "datos", 10))).toEqual(["c-01", "c-02", "c-03", "c-04", "c-06"]);
  });

  it("leaves out peers without a score in that dimension", () => {
    expect(ids(strongestPeers(peers, "talento", 10))).toEqual(["c-05", "c-04", "c-03"]);
    expect(strongestPeers(peers, "etica")).toEqual([]);
  });

  it("keeps only peers strictly above the commune's own score", () => {
    expect(ids(strongestPeers(peers, "datos", 10, 62.5))).toEqual(["c-01"]);
    expect(ids(strongestPeers(peers, "datos", 10, 24.9))).toEqual(["c-01", "c-02", "c-03", "c-04"]);
    expect(ids(strongestPeers(peers, "datos", 10, 75))).toEqual([]);
    // A threshold of 0 still excludes peers at 0.
    expect(ids(strongestPeers(peers, "datos", 10, 0))).not.toContain("c-06");
    expect(ids(strongestPeers(peers, "datos", 10, null))).toContain("c-06");
  });

  it("returns the caller's objects, with their other fields", () => {
    const [best] = strongestPeers(peers, "datos", 1);
    expect(best?.name).toBe("Uno");
    expect(best).toBe(peers[1]);
  });

  it("honours the limit and refuses a bad one", () => {
    expect(strongestPeers(peers, "datos", 0)).toEqual([]);
    expect(() => strongestPeers(peers, "datos", -1)).toThrow(RangeError);
    expect(() => strongestPeers(peers, "datos", 1.5)).toThrow(RangeError);
  });

  it("does not reorder the input", () => {
    const before = ids(peers);
    strongestPeers(peers, "datos");
    expect(ids(peers)).toEqual(before);
  });
});
