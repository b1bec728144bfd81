import { isIP } from "node:net";
import type { Config } from "../config/schema";
import { privateAddressReason } from "../net/address";

/**
 * Why the audience cannot reach public_base_url (localhost, a private address, a .local name), in words for the settings
 * and approval pages, or undefined when it looks reachable from the internet.
 */
export function unreachableBaseUrlReason(publicBaseUrl: string): string | undefined {
  let host: string;
  try {
    host = new URL(publicBaseUrl).hostname.toLowerCase().replace(/^\[|\]$/g, "");
  } catch {
    return `The public address "${publicBaseUrl}" is not a URL.`;
  }
  const where = `The public address ${publicBaseUrl}`;
  if (host === "localhost" || host.endsWith(".localhost"))
    return `${where} is this machine only, so short links would not work for your audience.`;
  if (
    host.endsWith(".local") ||
    host.endsWith(".internal") ||
    host.endsWith(".lan") ||
    host.endsWith(".home.arpa") ||
    (!host.includes(".") && !isIP(host))
  )
    return `${where} is a local network name, so short links would not work for your audience.`;
  if (isIP(host)) {
    const reason = privateAddressReason(host);
    if (reason) return `${where} is in ${reason}, so short links would not work for your audience.`;
  }
  return undefined;
}

/** True when new posts get short links: tracking.short_links is on and public_base_url is reachable from the internet. */
export function shortLinksActive(config: Pick<Config, "tracking" | "server">): boolean {
  return config.tracking.short_links && unreachableBaseUrlReason(config.server.public_base_url) === undefined;
}
