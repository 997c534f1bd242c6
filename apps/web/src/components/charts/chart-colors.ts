/**
 * Colours of every chart. Series use the Okabe–Ito palette, distinguishable with the common
 * colour-vision deficiencies, each at least 3:1 against white; lines also differ by dash pattern,
 * so colour is never the only cue.
 */
export const SERIES = {
  own: "#0072B2",
  median: "#D55E00",
  band: "#56B4E9",
  reference: "#009E73",
  neutral: "#0072B2",
} as const;

export const DASH = { median: "6 4", reference: "2 4" } as const;

/**
 * The heatmap's sequential single-hue blue scale (ColorBrewer "Blues"), five classes of 20 points:
 * lightness alone carries the value, which survives colour-blindness and greyscale printing. Text
 * switches to white on the two dark classes; every pair is at least 4.5:1.
 */
const HEAT_CLASSES = [
  { upTo: 20, background: "#f7fbff", color: "#1b2733" },
  { upTo: 40, background: "#c6dbef", color: "#1b2733" },
  { upTo: 60, background: "#6baed6", color: "#1b2733" },
  { upTo: 80, background: "#2171b5", color: "#ffffff" },
  { upTo: Number.POSITIVE_INFINITY, background: "#08306b", color: "#ffffff" },
] as const;

export function heatColor(score: number): { background: string; color: string } {
  const found = HEAT_CLASSES.find((c) => score < c.upTo) ?? HEAT_CLASSES[HEAT_CLASSES.length - 1]!;
  return { background: found.background, color: found.color };
}

/** The legend's steps: "0–20", "20–40"… with their colours. */
export const HEAT_LEGEND = HEAT_CLASSES.map((c, i) => ({
  from: i * 20,
  to: Math.min(c.upTo, 100),
  background: c.background,
  color: c.color,
}));
