/**
 * Where a gateway call goes: `/modules/<slug><rest>?<query>` → `<upstream URL><rest>?<query>`.
 * The rest of the path is forwarded as the client encoded it, but only when it cannot climb out of
 * the upstream's base path: no `.` or `..` segment (plain or percent-encoded), no encoded `/` or
 * `\` inside a segment, no control characters. The built URL is checked again against the
 * upstream's origin and base path.
 */

/** Same rule as the modules_slug_format constraint. */
const SLUG = /^[a-z0-9][a-z0-9-]{1,59}$/;
const PREFIX = "/modules/";
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_SEGMENT = /[/\\\u0000-\u001f\u007f]/;

export type ParsedGatewayPath =
  { ok: true; slug: string; rest: string; query: string } | { ok: false; reason: "not_found" | "bad_path" };

export function parseGatewayPath(rawUrl: string): ParsedGatewayPath {
  const queryAt = rawUrl.indexOf("?");
  const path = queryAt >= 0 ? rawUrl.slice(0, queryAt) : rawUrl;
  const query = queryAt >= 0 ? rawUrl.slice(queryAt + 1) : "";
  if (!path.startsWith(PREFIX)) return { ok: false, reason: "not_found" };
  const afterPrefix = path.slice(PREFIX.length);
  const slash = afterPrefix.indexOf("/");
  const rawSlug = slash >= 0 ? afterPrefix.slice(0, slash) : afterPrefix;
  const rest = slash >= 0 ? afterPrefix.slice(slash) : "";
  const slug = safeDecode(rawSlug);
  if (slug === null || !SLUG.test(slug)) return { ok: false, reason: "not_found" };
  for (const segment of rest.split("/").slice(1)) {
    const decoded = safeDecode(segment);
    if (decoded === null || decoded === "." || decoded === ".." || UNSAFE_IN_SEGMENT.test(decoded)) {
      return { ok: false, reason: "bad_path" };
    }
  }
  return { ok: true, slug, rest, query };
}

/**
 * The upstream URL for a call (without its query string), or null when the result would leave the
 * upstream's origin or base path. The query is joined separately (see joinQuery).
 */
export function upstreamTarget(upstreamUrl: string, rest: string): { url: string; query: string } | null {
  let base: URL;
  try {
    base = new URL(upstreamUrl);
  } catch {
    return null;
  }
  if (base.protocol !== "http:" && base.protocol !== "https:") return null;
  if (base.username || base.password) return null;
  const basePath = base.pathname.replace(/\/+$/, "");
  const target = new URL(base.origin);
  // The pathname setter keeps "//x" a path (a relative URL would read it as a host).
  target.pathname = basePath + rest || "/";
  if (target.origin !== base.origin) return null;
  if (basePath && target.pathname !== basePath && !target.pathname.startsWith(`${basePath}/`)) return null;
  return { url: `${target.origin}${target.pathname}`, query: base.search.slice(1) };
}

/** The upstream's own query (if its URL has one) first, then the caller's, both kept as encoded. */
export function joinQuery(upstreamQuery: string, callerQuery: string): string {
  return [upstreamQuery, callerQuery].filter((q) => q.length > 0).join("&");
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
