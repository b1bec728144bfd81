import type { AppContext } from "../app/context";
import type { Auth } from "./session";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether a path needs no session: matches one of the explicit public prefixes or exact paths. */
export function isPublicPath(path: string, publicRoutes: readonly string[]): boolean {
  // "/" (operator mode's landing page) is one page, not a prefix: as a prefix it would make every path public.
  return publicRoutes.some((p) => (p.endsWith("/") && p !== "/" ? path.startsWith(p) : path === p));
}

/**
 * Cross-site request check for every state-changing request: Sec-Fetch-Site and Origin must say
 * "same site", and a signed-in request must carry the session's CSRF token (header X-CSRF-Token,
 * which htmx sends, or form field _csrf for plain forms). Returns a reason when refused.
 */
export function csrfProblem(ctx: AppContext, request: Request, auth: Auth, body: unknown): string | undefined {
  if (SAFE_METHODS.has(request.method)) return undefined;
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return "cross-site request refused";
  const origin = request.headers.get("origin");
  // One-tap link pages send Referrer-Policy: no-referrer, so browsers post them with "Origin: null";
  // Sec-Fetch-Site (set only by the browser) still tells a same-origin post apart.
  if (origin && origin !== "null") {
    const allowed = [new URL(ctx.config.server.public_base_url).origin, new URL(request.url).origin];
    if (!allowed.includes(origin)) return `request from another origin (${origin}) refused`;
  } else if (origin === "null" && site !== "same-origin") return "request from an opaque origin refused";
  if (!auth) return undefined;
  const sent =
    request.headers.get("x-csrf-token") ?? (body && typeof body === "object" ? (body as Record<string, unknown>)._csrf : undefined);
  if (typeof sent !== "string" || sent !== auth.session.csrfToken)
    return "the form's security token is missing or stale; reload the page and try again";
  return undefined;
}

/** True when htmx made the request (so a redirect must be an HX-Location header, not a 303). */
export function isHtmx(request: Request): boolean {
  return request.headers.get("hx-request") === "true";
}

/** A redirect that works for both plain and htmx requests. */
export function redirect(request: Request, to: string): Response {
  if (isHtmx(request)) return new Response(null, { status: 200, headers: { "HX-Redirect": to } });
  return new Response(null, { status: 303, headers: { location: to } });
}
