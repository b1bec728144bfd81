import { formatCount } from "../lib/format";
import type { PlatformId } from "../platforms/ids";
import { PLATFORM_RULES } from "../platforms/rules";

/** The counters a report compares, in the order the totals grid shows them. */
export const REPORT_METRICS = ["posts", "views", "likes", "comments", "shares", "saves", "clicks"] as const;

/** One of the counters a report compares. */
export type ReportMetric = (typeof REPORT_METRICS)[number];

/** Each counter's name in the report and the email ("clicks" are visits through our short links). */
export const METRIC_LABELS: Record<ReportMetric, string> = {
  posts: "Posts",
  views: "Views",
  likes: "Likes",
  comments: "Comments",
  shares: "Shares",
  saves: "Saves",
  clicks: "Link visits",
};

/** The change from `previous` to `current` as a fraction (0.34 = +34%); null when there was nothing before to compare with. */
export function changeOf(current: number, previous: number): number | null {
  return previous > 0 ? (current - previous) / previous : null;
}

/** A change as people read it: "+34%", "−12%", "no change", or "new" when the previous period had none. */
export function formatChange(current: number, previous: number): string {
  const c = changeOf(current, previous);
  if (c === null) return current > 0 ? "new" : "no change";
  const pct = Math.round(c * 100);
  if (pct === 0) return "no change";
  return pct > 0 ? `+${formatCount(pct)}%` : `−${formatCount(-pct)}%`;
}

/** A signed count: "+1,200", "−40". */
export function formatDelta(n: number): string {
  return n >= 0 ? `+${formatCount(n)}` : `−${formatCount(-n)}`;
}

/** An engagement rate (a fraction) as a percentage with one decimal, or "–" when there is none. */
export function formatRate(rate: number | null): string {
  return rate === null || !Number.isFinite(rate) ? "–" : `${(rate * 100).toFixed(1)}%`;
}

/** A platform's name as people know it ("TikTok", "YouTube Shorts"). */
export function platformName(p: PlatformId): string {
  return PLATFORM_RULES[p]?.label ?? p;
}
