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
