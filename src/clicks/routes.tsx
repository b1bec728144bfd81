import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { clientAddress, type PeerSource } from "../http/client-address";
import { sessionPlugin } from "../http/session";
import { isShortCode } from "./code";
import { findShortLink, recordClick } from "./store";
import { notAClickReason } from "./visitor";
import { utcDay, VisitorHasher } from "./visitor-hash";

const NOT_FOUND_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Link not found</title></head><body><h1>Link not found</h1><p>This link does not exist or was removed. Nothing to follow here.</p></body></html>`;

function notFound(): Response {
  return new Response(NOT_FOUND_PAGE, {
    status: 404,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "x-robots-tag": "noindex" },
  });
}

/** `/r/<code>`: public short links answering 302 to the post's UTM URL, counting audience clicks once per visitor, item and day. */
export function clickRoutes(ctx: AppContext) {
  const hasher = new VisitorHasher(ctx.db);
  const follow = (code: string, request: Request, server: PeerSource | null | undefined, signedInUserId: number | undefined) => {
    const link = isShortCode(code) ? findShortLink(ctx.db, code) : undefined;
    if (!link) return notFound();
    if (ctx.config.tracking.short_links && signedInUserId !== link.userId && notAClickReason(request) === undefined) {
      const now = ctx.clock.now();
      const visitor = hasher.hash(clientAddress(ctx, request, server), request.headers.get("user-agent") ?? "", now);
      recordClick(ctx.db, { itemId: link.itemId, day: utcDay(now), visitor, code }, now);
    }
    return new Response(null, {
      status: 302,
      headers: {
        location: link.targetUrl,
        "cache-control": "no-store",
        "referrer-policy": "no-referrer-when-downgrade",
        "x-robots-tag": "noindex",
      },
    });
  };
  return new Elysia({ name: "amarktai.clicks" })
    .use(sessionPlugin(ctx))
    .get("/r/:code", ({ params, request, server, auth }) => follow(params.code, request, server, auth?.user.id))
    .head("/r/:code", ({ params, request, server, auth }) => follow(params.code, request, server, auth?.user.id));
}
