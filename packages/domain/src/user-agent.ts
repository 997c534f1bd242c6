import type { Locale } from "./roles";

/**
 * What a person recognises of a session from its User-Agent header: browser, system and kind of
 * device. A few rules for the browsers and systems municipal staff use, not a full parser: an
 * unknown agent is "unknown", never a guess. (The order matters: Edge and Opera also say Chrome,
 * Chrome also says Safari.)
 */
export interface DeviceDescription {
  browser: string | null;
  os: string | null;
  device: "desktop" | "mobile" | "tablet" | null;
}

const BROWSERS: Array<[RegExp, string]> = [
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/SamsungBrowser\//, "Samsung Internet"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrome\/|CriOS\/|Chromium\//, "Chrome"],
  [/Version\/[\d.]+.*Safari\//, "Safari"],
];

const SYSTEMS: Array<[RegExp, string]> = [
  [/iPhone|iPad|iPod/, "iOS"],
  [/Android/, "Android"],
  [/CrOS/, "ChromeOS"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Linux/, "Linux"],
];

export function parseUserAgent(userAgent: string | null | undefined): DeviceDescription {
  const ua = userAgent ?? "";
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1] ?? null;
  const os = SYSTEMS.find(([re]) => re.test(ua))?.[1] ?? null;
  const device = !ua
    ? null
    : /iPad|Tablet/.test(ua) || (/Android/.test(ua) && !/Mobile/.test(ua))
      ? "tablet"
      : /Mobi|iPhone|iPod/.test(ua)
        ? "mobile"
        : os
          ? "desktop"
          : null;
  return { browser, os, device };
}

/** "Firefox en Windows" / "Firefox on Windows"; "navegador desconocido" when nothing is known. */
export function describeDevice(userAgent: string | null | undefined, locale: Locale): string {
  const { browser, os } = parseUserAgent(userAgent);
  const unknown = locale === "en" ? "unknown browser" : "navegador desconocido";
  if (!browser && !os) return unknown;
  if (!os) return browser!;
  return `${browser ?? unknown} ${locale === "en" ? "on" : "en"} ${os}`;
}
