import type { Config } from "../config/schema";
import type { Db } from "../db/client";
import { newShortCode } from "./code";
import { shortLinksActive } from "./reach";
import { insertShortLink } from "./store";

/** The link a new post carries: a short link (its code saved once the item exists) or the plain UTM URL. */
export interface PlannedLink {
  linkUrl: string;
  code?: string;
  targetUrl: string;
}

/** The address of a short link on this box. */
export function shortLinkUrl(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl.replace(/\/+$/, "")}/r/${code}`;
}

/** Chooses a post's link before its item exists: a fresh short link when they are on and reachable, else the UTM URL itself. */
export function planLink(config: Pick<Config, "tracking" | "server">, targetUrl: string): PlannedLink {
  if (!shortLinksActive(config)) return { linkUrl: targetUrl, targetUrl };
  const code = newShortCode();
  return { linkUrl: shortLinkUrl(config.server.public_base_url, code), code, targetUrl };
}

/** Saves a planned short link for the item that now carries it (nothing for a plain UTM URL). */
export function saveLink(db: Db, link: PlannedLink, item: { id: number; userId: number }, now: Date): void {
  if (link.code) insertShortLink(db, { code: link.code, itemId: item.id, userId: item.userId, targetUrl: link.targetUrl }, now);
}
