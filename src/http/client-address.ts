import type { AppContext } from "../app/context";

/** The part of Bun's server we need: the peer address of a request. */
export interface PeerSource {
  requestIP(request: Request): { address: string } | null;
}

/**
 * The client's address (sign-in throttle, click counting): the socket's peer address; the last X-Forwarded-For entry
 * only when config proxy.trust_forwarded_for says a reverse proxy we run sets it.
 */
export function clientAddress(ctx: AppContext, request: Request, server: PeerSource | null | undefined): string {
  if (ctx.config.proxy.trust_forwarded_for) {
    const forwarded = request.headers.get("x-forwarded-for");
    const last = forwarded
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .pop();
    if (last) return last;
  }
  return server?.requestIP(request)?.address ?? "unknown";
}

const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/**
 * The address the browser used to reach this box (scheme and Host), as a proposal for server.public_base_url:
 * X-Forwarded-Proto and X-Forwarded-Host only when proxy.trust_forwarded_for says a reverse proxy we run sets them.
 * Undefined when the Host header is missing or malformed.
 */
export function browserOrigin(ctx: AppContext, request: Request): string | undefined {
  const trusted = ctx.config.proxy.trust_forwarded_for;
  const last = (name: string) =>
    request.headers
      .get(name)
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .pop();
  const host = (trusted ? last("x-forwarded-host") : undefined) ?? request.headers.get("host") ?? "";
  const proto = (trusted ? last("x-forwarded-proto") : undefined) ?? new URL(request.url).protocol.replace(":", "");
  if (!HOST.test(host) || (proto !== "http" && proto !== "https")) return undefined;
  return `${proto}://${host.toLowerCase()}`;
}
