import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import type { PeerSource } from "../http/client-address";
import { readAuth, sessionPlugin } from "../http/session";
import { followShortLink } from "./redirect";

/** `/r/<code>` through the app's router: public short links answering 302 to the post's UTM URL, counting audience clicks. */
export function clickRoutes(ctx: AppContext) {
  return new Elysia({ name: "amarktai.clicks" })
    .use(sessionPlugin(ctx))
    .get("/r/:code", ({ params, request, server, auth }) => followShortLink(ctx, params.code, request, server, auth?.user.id))
    .head("/r/:code", ({ params, request, server, auth }) => followShortLink(ctx, params.code, request, server, auth?.user.id));
}

/**
 * `/r/<code>` answered before the app's router (a Bun.serve route): the same answer as clickRoutes, with the session
 * read only when the request carries a cookie (the audience's clicks carry none of ours).
 */
export function shortLinkRoute(ctx: AppContext) {
  return (request: Request & { params: Record<string, string> }, server: PeerSource): Response => {
    const set: { headers: Record<string, unknown> } = { headers: {} };
    const auth = request.headers.has("cookie") ? readAuth(ctx, request, set) : null;
    const res = followShortLink(ctx, request.params.code ?? "", request, server, auth?.user.id);
    if (typeof set.headers["set-cookie"] === "string") res.headers.set("set-cookie", set.headers["set-cookie"]);
    return res;
  };
}
