import { describe, expect, it } from "vitest";
import { HEAT_LEGEND, heatColor } from "./chart-colors";

/** WCAG relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe("heatmap scale", () => {
  it("gets darker as the score rises, in five classes of 20 points", () => {
    const shades = [0, 20, 40, 60, 80, 100].map((s) => luminance(heatColor(s).background));
    for (let i = 1; i < shades.length - 1; i++) expect(shades[i]!).toBeLessThan(shades[i - 1]!);
    expect(heatColor(19.9)).toEqual(heatColor(0));
    expect(heatColor(100)).toEqual(heatColor(80));
    expect(HEAT_LEGEND.map((s) => [s.from, s.to])).toEqual([
      [0, 20],
      [20, 40],
      [40, 60],
      [60, 80],
      [80, 100],
    ]);
  });

  it("prints every value with a contrast of at least 4.5:1", () => {
    for (const step of HEAT_LEGEND) expect(contrast(step.background, step.color)).toBeGreaterThanOrEqual(4.5);
  });
});
