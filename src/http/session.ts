import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import type { sessions, users } from "../db/schema/accounts";

type User = Omit<typeof users.$inferSelect, "accountOwnerId"> & { billingBanner?: string };
type Session = typeof sessions.$inferSelect;

/** The session cookie's name: `__Host-` prefixed (and Secure) behind HTTPS. */
export function sessionCookieName(ctx: AppContext): string {
  return isHttps(ctx) ? "__Host-amk_session" : "amk_session";
}

/** True when the public base URL is HTTPS, so cookies must be Secure. */
export function isHttps(ctx: AppContext): boolean {
  return ctx.config.server.public_base_url.startsWith("https://");
}

/** Sets the session cookie (HttpOnly, SameSite=Lax, Secure behind HTTPS). */
export function sessionCookie(ctx: AppContext, token: string, expires: Date): string {
  const secure = isHttps(ctx) ? "; Secure" : "";
  return `${sessionCookieName(ctx)}=${token}; Path=/; HttpOnly; SameSite=Lax; Expires=${expires.toUTCString()}${secure}`;
}

/** A cookie header that removes the session cookie. */
export function clearSessionCookie(ctx: AppContext): string {
  const secure = isHttps(ctx) ? "; Secure" : "";
  return `${sessionCookieName(ctx)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
}

/** The value of cookie `name` in a Cookie header, or undefined (scanned in place: it runs on every request). */
export function cookieValue(header: string, name: string): string | undefined {
  for (let start = 0; start < header.length; ) {
    let end = header.indexOf(";", start);
    if (end < 0) end = header.length;
    while (header.charCodeAt(start) === 32) start++;
    if (header.startsWith(name, start) && header.charCodeAt(start + name.length) === 61)
      return header.slice(start + name.length + 1, end).trim() || undefined;
    start = end + 1;
  }
  return undefined;
}

/** Who is asking: the signed-in user, their session and their unread notification count (for the sidebar), or null. */
export type Auth = { user: User; session: Session; unread: number } | null;

/** Reads the session cookie from a request and resolves it (sliding expiry renews the cookie). */
export function readAuth(ctx: AppContext, request: Request, set: { headers: Record<string, unknown> }): Auth {
  const token = cookieValue(request.headers.get("cookie") ?? "", sessionCookieName(ctx));
  if (!token) return null;
  const grace = ctx.config.operator.enabled ? ctx.config.operator.past_due_grace_days : undefined;
  const found = ctx.lookupSession(ctx.db, token, ctx.clock.now(), ctx.config.auth.session_days, grace);
  if (!found) return null;
  if (found.renewed) set.headers["set-cookie"] = sessionCookie(ctx, token, found.session.expiresAt);
  return { user: found.user, session: found.session, unread: found.unread };
}

/** Elysia plugin adding `auth` to every handler's context. Create one per app and `.use` it in route modules. */
export function sessionPlugin(ctx: AppContext) {
  return new Elysia({ name: "amarktai.session" }).derive({ as: "global" }, ({ request, set }) => ({
    auth: readAuth(ctx, request, set as { headers: Record<string, unknown> }),
  }));
}
