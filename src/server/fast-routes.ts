import type { AppContext } from "../app/context";
import { setupOpen } from "../auth/first-run";
import { shortLinkRoute } from "../clicks/routes";
import type { PeerSource } from "../http/client-address";
import { cookieValue, sessionCookieName } from "../http/session";
import { landingResponse } from "../operator/landing-routes";

/** What the app's router answers a request with (createApp(ctx).handle); a fast route hands it what it does not answer itself. */
type Handle = (request: Request) => Response | Promise<Response>;

/** A Bun.serve route handler: the request (with its path's parameters) and the server (the peer's address). */
type RouteHandler = (request: Request & { params: Record<string, string> }, server: PeerSource) => Response | Promise<Response>;

/**
 * The public hot paths, answered by Bun.serve's own router before the app's (Elysia) one: `/r/<code>` and, in operator
 * mode, the landing page `/` for signed-out visitors. They run the same domain code as the routes in createApp (which
 * still serve them under app.handle, as tests do) and carry the same security headers; whatever they do not answer
 * (first-run setup, a session cookie on `/`, operator mode off, a failure) goes to `handle`, so the answer is the app's.
 */
export function fastRoutes(ctx: AppContext, handle: Handle): Record<string, Partial<Record<"GET" | "HEAD", RouteHandler>>> {
  const guarded =
    (route: RouteHandler): RouteHandler =>
    (request, server) => {
      if (setupOpen(ctx)) return handle(request);
      try {
        return route(request, server);
      } catch {
        return handle(request); // the app's error page, with its reference in the log
      }
    };
  const shortLink = guarded(shortLinkRoute(ctx));
  const landing = guarded((request) => {
    const signedIn = cookieValue(request.headers.get("cookie") ?? "", sessionCookieName(ctx)) !== undefined;
    return ctx.config.operator.enabled && !signedIn ? landingResponse(ctx, request) : handle(request);
  });
  return { "/r/:code": { GET: shortLink, HEAD: shortLink }, "/": { GET: landing, HEAD: landing } };
}
