import { Elysia } from "elysia";

/**
 * The Content-Security-Policy of every response. Scripts and styles come only from /public (no inline
 * script, no inline style: htmx's indicator CSS is switched off by the htmx-config meta tag and lives in
 * app.css); images also from data: URLs and https (web apps' icons and share images, which are https-only);
 * no plugins, no <base> rewriting, and no framing by other sites. form-action is left open on purpose:
 * connecting a platform posts a form that redirects to the platform's sign-in page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "media-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** The headers every response carries: the CSP, no framing, no content sniffing, referrers only within the site. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
};

/** Paths whose routes choose their own cache-control (public assets, signed media). */
const PATHS_WITH_OWN_CACHING = /^\/(public|media)\//;

/** Adds SECURITY_HEADERS to every response of the app it is used in (pages, redirects, errors, files, API). */
export function securityHeaders() {
  return new Elysia({ name: "security-headers" })
    .onRequest(({ request, set }) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) set.headers[name] = value;
      // Pages and API answers hold an account's data: no browser or proxy keeps them (a shared computer after sign-out).
      // Static files and media set their own caching; a route that sets cache-control replaces this default.
      if (!PATHS_WITH_OWN_CACHING.test(new URL(request.url).pathname)) set.headers["cache-control"] = "private, no-store";
    })
    .as("global");
}
