import type { Config } from "../config/schema";
import { FetchProblem, safeFetch, type SafeFetchOptions } from "../net/safe-fetch";

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
