import type { TrendItem } from "./facts";
import { clean } from "./parse-page";

/** Reads the items of an RSS 2.0 or Atom feed (title, link, date), newest first as the feed lists them. */
export function parseFeed(xml: string, feedUrl: string, max: number): TrendItem[] {
  const blocks = [...xml.matchAll(/<(item|entry)\b[^>]*>([\s\S]*?)<\/\1>/gi)].map((m) => m[2]!);
  const out: TrendItem[] = [];
  for (const b of blocks) {
    const title = text(tag(b, "title"));
    const link = atomLink(b) ?? text(tag(b, "link")) ?? "";
    const date = text(tag(b, "pubDate") ?? tag(b, "updated") ?? tag(b, "published") ?? tag(b, "dc:date"));
    if (!title) continue;
    out.push({ title, url: absolute(link, feedUrl), publishedAt: normalizeDate(date), feed: feedUrl });
    if (out.length >= max) break;
  }
  return out;
}

function tag(block: string, name: string): string | undefined {
  const m = block.match(new RegExp(`<${name}\\b[^>]*>([\\s\\S]*?)</${name}>`, "i"));
  return m?.[1];
}

function text(raw: string | undefined): string {
  if (raw === undefined) return "";
  const unwrapped = raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1").replace(/<[^>]+>/g, " ");
  return clean(unwrapped);
}

function atomLink(block: string): string | undefined {
  const links = [...block.matchAll(/<link\b([^>]*?)\/?>/gi)].map((m) => m[1]!);
  const pick = links.find((a) => /rel=["']alternate["']/i.test(a)) ?? links.find((a) => !/rel=/i.test(a) && /href=/i.test(a));
  return pick?.match(/href=["']([^"']+)["']/i)?.[1];
}

function absolute(link: string, base: string): string {
  try {
    return new URL(clean(link), base).toString();
  } catch {
    return "";
  }
}

function normalizeDate(s: string): string {
  const t = Date.parse(s);
  return Number.isFinite(t) ? new Date(t).toISOString() : "";
}
