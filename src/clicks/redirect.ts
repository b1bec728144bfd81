import type { AppContext } from "../app/context";
import { clientAddress, type PeerSource } from "../http/client-address";
import { SECURITY_HEADERS } from "../http/security-headers";
import { isShortCode } from "./code";
import { findShortLink, recordClick } from "./store";
import { notAClickReason } from "./visitor";
import { utcDay, VisitorHasher } from "./visitor-hash";

const NOT_FOUND_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Link not found</title></head><body><h1>Link not found</h1><p>This link does not exist or was removed. Nothing to follow here.</p></body></html>`;

// Built once: both answers carry the security headers every response of the app carries, whichever router sent them.
const NOT_FOUND_HEADERS = {
  ...SECURITY_HEADERS,
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "x-robots-tag": "noindex",
};
const REDIRECT_HEADERS = {
  ...SECURITY_HEADERS,
  "cache-control": "no-store",
  "referrer-policy": "no-referrer-when-downgrade",
  "x-robots-tag": "noindex",
};

function notFound(): Response {
  return new Response(NOT_FOUND_PAGE, { status: 404, headers: NOT_FOUND_HEADERS });
}

// One hasher per app: it keeps the day's salt in memory, so a click reads the salt table once a day.
const hashers = new WeakMap<AppContext, VisitorHasher>();

function hasherOf(ctx: AppContext): VisitorHasher {
  let h = hashers.get(ctx);
  if (!h) hashers.set(ctx, (h = new VisitorHasher(ctx.db)));
  return h;
}

/**
 * Answers `/r/<code>`: 302 to the post's UTM URL (404 with a small page for an unknown code), counting the visit as a
 * click once per visitor, item and UTC day unless it is HEAD, a prefetch, a preview agent or bot, or the owner signed in.
 * Two prepared statements at most (the code's lookup, the click's INSERT OR IGNORE); nothing else per request.
 */
export function followShortLink(
  ctx: AppContext,
  code: string,
  request: Request,
  peer: PeerSource | null | undefined,
  signedInUserId: number | undefined,
): Response {
  const link = isShortCode(code) ? findShortLink(ctx.db, code) : undefined;
  if (!link) return notFound();
  if (ctx.config.tracking.short_links && signedInUserId !== link.userId && notAClickReason(request) === undefined) {
    const now = ctx.clock.now();
    const visitor = hasherOf(ctx).hash(clientAddress(ctx, request, peer), request.headers.get("user-agent") ?? "", now);
    recordClick(ctx.db, { itemId: link.itemId, day: utcDay(now), visitor, code }, now);
  }
  return new Response(null, { status: 302, headers: { ...REDIRECT_HEADERS, location: link.targetUrl } });
}
