/**
 * Where to send a signed-out visitor: the login page, remembering the page they asked for (GET only). For an htmx
 * request (a poll or a swap) that page is the one the browser shows (HX-Current-URL, when it is on this site: the
 * request's origin or one of `siteOrigins`), since after signing in the bare fragment would be no page at all.
 */
export function loginUrlFor(request: Request, siteOrigins: readonly string[] = []): string {
  const url = new URL(request.url);
  if (request.headers.get("hx-request") === "true") {
    const page = currentPageOf(request, [url.origin, ...siteOrigins]);
    if (!page || page.pathname === "/") return "/login";
    return "/login?next=" + encodeURIComponent(page.pathname + page.search);
  }
  if (request.method !== "GET" || url.pathname === "/") return "/login";
  return "/login?next=" + encodeURIComponent(url.pathname + url.search);
}

// The page an htmx request came from, when its origin is one of ours; undefined otherwise.
function currentPageOf(request: Request, origins: readonly string[]): URL | undefined {
  const current = request.headers.get("hx-current-url");
  if (!current) return undefined;
  try {
    const page = new URL(current);
    return origins.includes(page.origin) ? page : undefined;
  } catch {
    return undefined;
  }
}

const LOCAL = "http://local.invalid";

/**
 * A safe place to go after signing in: only a path on this site, never another host; else the dashboard.
 * The path is normalised first (dot segments, encoded characters), then only one that starts with a single
 * "/" followed by neither "/" nor "\" passes: "/.//evil.example" resolves to "//evil.example" and is refused.
 */
export function safeNext(next: unknown): string {
  const fallback = "/dashboard";
  // Browsers drop tabs and newlines inside URLs and treat "\" as "/", so "/\t/evil" or "/\evil" would leave the site.
  if (typeof next !== "string" || next.length > 2000 || !next.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(next)) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(next, LOCAL);
  } catch {
    return fallback;
  }
  if (resolved.origin !== LOCAL) return fallback;
  const path = resolved.pathname + resolved.search;
  if (!isSingleSlashPath(path)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(resolved.pathname);
  } catch {
    return fallback;
  }
  // "/%2f%2fevil.example" is a harmless path here, but a proxy or framework that decodes it would see "//evil.example".
  if (!isSingleSlashPath(decoded) || /[\\\u0000-\u001f\u007f]/.test(decoded) || /(^|\/)\.\.?(\/|$)/.test(decoded)) return fallback;
  return path;
}

function isSingleSlashPath(path: string): boolean {
  return path.startsWith("/") && path[1] !== "/" && path[1] !== "\\";
}
