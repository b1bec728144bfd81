/** Where to send a signed-out visitor: the login page, remembering the page they asked for (GET only). */
export function loginUrlFor(request: Request): string {
  const url = new URL(request.url);
  if (request.method !== "GET" || url.pathname === "/") return "/login";
  return "/login?next=" + encodeURIComponent(url.pathname + url.search);
}

/** A safe place to go after signing in: only a path on this site, never another host; else the dashboard. */
export function safeNext(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return "/dashboard";
  // Resolving against a dummy origin catches tricks like "/%2F%2Fevil.example" that survive the checks above.
  const resolved = new URL(next, "http://local.invalid");
  if (resolved.origin !== "http://local.invalid") return "/dashboard";
  return resolved.pathname + resolved.search;
}
