import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { Config } from "../config/schema";
import { isMetadataAddress, privateAddressReason } from "../net/address";
import { FetchProblem, safeFetch, type SafeFetchOptions } from "../net/safe-fetch";

/** Checks a user URL is http(s) and, unless config allows it, not on a private network. Returns a reason or undefined. */
export async function urlProblem(config: Config, url: string): Promise<string | undefined> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `not a valid URL: ${url}`;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return `only http(s) URLs are fetched: ${url}`;
  const host = u.hostname.replace(/^\[|\]$/g, "");
  const addrs = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (!addrs.length) return `cannot resolve ${host}`;
  if (addrs.some(isMetadataAddress)) return `${host} is the cloud metadata address, which is never fetched`;
  if (config.fetch.allow_private_networks) return undefined;
  const reason = addrs.map(privateAddressReason).find(Boolean);
  return reason ? `${host} is on ${reason} (set fetch.allow_private_networks to allow it)` : undefined;
}

/** The image types the studio reads from a site (what sharp decodes; SVG is left out, it can reference other URLs). */
export const REMOTE_IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif", "image/avif"];

/**
 * Downloads an image from a user's URL (the app's og:image) through safeFetch: every redirect hop is checked
 * for private and metadata addresses (fetch.allow_private_networks), with the fetch time limit, a byte cap
 * (fetch.max_bytes) and an image content-type check. Throws with a sentence saying what was wrong.
 */
export async function fetchImage(
  config: Config,
  url: string,
  signal?: AbortSignal,
  o: Pick<SafeFetchOptions, "resolve" | "maxBytes"> = {},
): Promise<Buffer> {
  try {
    const res = await safeFetch(config.fetch, url, { accept: REMOTE_IMAGE_TYPES, signal, ...o });
    return Buffer.from(res.body);
  } catch (e) {
    if (e instanceof FetchProblem) throw new Error(e.message);
    throw e;
  }
}
