import type { Config } from "../../config/schema";
import { safeFetch } from "../../net/safe-fetch";
import type { TrendItem } from "./facts";
import { parseFeed } from "./parse-feed";

const FEED_TYPES = ["application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/feed+json", "text/plain"];

/** Reads the newest items of each configured feed; a feed that fails is reported, not fatal. */
export async function readFeeds(
  fetchCfg: Config["fetch"],
  feeds: string[],
  maxItems: number,
): Promise<{ items: TrendItem[]; problems: string[] }> {
  const items: TrendItem[] = [];
  const problems: string[] = [];
  for (const feed of feeds) {
    try {
      const res = await safeFetch(fetchCfg, feed, { accept: FEED_TYPES, maxBytes: 2_000_000 });
      const found = parseFeed(res.text(), res.url, maxItems);
      if (found.length === 0) problems.push(`The feed ${feed} has no items we could read (is it RSS or Atom?).`);
      items.push(...found);
    } catch (e) {
      problems.push(`Could not read the feed ${feed}: ${e instanceof Error ? e.message : e}`);
    }
  }
  return { items, problems };
}
