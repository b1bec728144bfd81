// The numbers of the analytics page, its API, the CSV and the PDF report: one user's published posts in a period, each
// with its latest reading at or before the period's end (a time series is never summed), and the clicks counted by then.
import type { Db } from "../db/client";
import { zonedTime } from "../lib/zoned-time";
import { ENGAGEMENT_RATE_TEXT, type EngagementCounters, engagementRateOf } from "../model/engagement";
import type { PlatformId } from "../platforms/ids";
import { type PostFigures, postDetails, postFigures, webappNames } from "./store";

/** Which posts the numbers cover: one user's, published in [from, to), optionally some web apps and platforms; days in `timeZone`. */
export interface AnalyticsFilter {
  userId: number;
  from: Date;
  to: Date;
  webappIds?: number[];
  platforms?: PlatformId[];
  timeZone: string;
}

/** The sum of some posts' latest figures (a counter the platform does not give adds nothing) and their engagement rate. */
export interface Totals {
  posts: number;
  views: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  clicks: number;
  engagementRate: number | null;
  /** Total watch time in seconds of the posts whose platform reports it, and how many of them do. */
  watchTimeSeconds: number;
  watchedPosts: number;
}

/** One post of the ranked table and the CSV: its latest figures (null where unknown) and where it lives. */
export interface PostRow {
  itemId: number;
  webappId: number;
  webappName: string;
  platform: PlatformId;
  publishedAt: Date;
  caption: string;
  thumbnailPath: string | null;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  /** Video figures where the platform gives them: total watch time and average view duration (seconds), completion 0..1. */
  watchTimeSeconds: number | null;
  avgViewSeconds: number | null;
  completionRate: number | null;
  clicks: number;
  engagementRate: number | null;
  url: string | null;
  lastReadAt: Date | null;
  removed: boolean;
}

/** Everything the analytics page shows above the posts table. */
export interface Summary {
  filter: AnalyticsFilter;
  totals: Totals;
  previous: Totals;
  byPlatform: Array<{ platform: PlatformId } & Totals>;
  byWebapp: Array<{ webappId: number; webappName: string } & Totals>;
  daily: Array<{ day: string /* YYYY-MM-DD in timeZone */ } & Totals>;
}

/** The one definition of engagement rate: shown on the page, in the CSV's note and in the PDF (written in model/ so views can show it). */
export const ENGAGEMENT_RATE_DEFINITION: string = ENGAGEMENT_RATE_TEXT;

/** A post's engagement rate by the one definition (null when its views are unknown or 0). */
export const engagementRate: (p: EngagementCounters) => number | null = engagementRateOf;

/** The period of the same length just before a filter's: what "previous" compares with. */
export function previousPeriod(f: AnalyticsFilter): AnalyticsFilter {
  const length = f.to.getTime() - f.from.getTime();
  return { ...f, from: new Date(f.from.getTime() - length), to: f.from };
}

/** Totals, the previous period's totals, and the breakdowns per platform, web app and local day. */
export function analyticsSummary(db: Db, f: AnalyticsFilter): Summary {
  return summaryOf(db, f, postFigures(db, f));
}

/** The period's posts ranked by a figure (highest first; unknown figures last, then newest first), at most `limit` of them. */
export function analyticsPosts(db: Db, f: AnalyticsFilter, sort: "views" | "engagement" | "clicks" | "time", limit = 50): PostRow[] {
  return postsOf(db, f, postFigures(db, f), sort, limit);
}

/** The summary and the ranked posts together (what the page shows), reading the period's posts once. */
export function analyticsPage(
  db: Db,
  f: AnalyticsFilter,
  sort: "views" | "engagement" | "clicks" | "time",
  limit: number,
): { summary: Summary; posts: PostRow[] } {
  const figures = postFigures(db, f);
  return { summary: summaryOf(db, f, figures), posts: postsOf(db, f, figures, sort, limit) };
}

function summaryOf(db: Db, f: AnalyticsFilter, posts: PostFigures[]): Summary {
  const names = new Map(webappNames(db, f.userId).map((w) => [w.id, w.name]));
  const byPlatform = groupBy(posts, (p) => p.platform);
  const byWebapp = groupBy(posts, (p) => p.webappId);
  const days = dayStarts(f);
  const byDay = groupBy(posts, (p) => days[dayIndex(days, p.publishedAt)]!.day);
  return {
    filter: f,
    totals: totalsOf(posts),
    previous: totalsOf(postFigures(db, previousPeriod(f))),
    byPlatform: [...byPlatform].map(([platform, ps]) => ({ platform: platform as PlatformId, ...totalsOf(ps) })).sort(byViews),
    byWebapp: [...byWebapp]
      .map(([webappId, ps]) => ({ webappId, webappName: names.get(webappId) ?? `Web app ${webappId}`, ...totalsOf(ps) }))
      .sort(byViews),
    daily: days.map(({ day }) => ({ day, ...totalsOf(byDay.get(day) ?? []) })),
  };
}

function postsOf(db: Db, f: AnalyticsFilter, figures: PostFigures[], sort: keyof typeof SORT_KEYS, limit: number): PostRow[] {
  const key = SORT_KEYS[sort];
  const ranked = figures
    .map((p) => ({ p, k: key(p) }))
    .sort((a, b) => (b.k ?? -1) - (a.k ?? -1) || b.p.publishedAt - a.p.publishedAt || b.p.itemId - a.p.itemId)
    .slice(0, Math.max(0, limit))
    .map((r) => r.p);
  const details = postDetails(
    db,
    f.userId,
    ranked.map((p) => p.itemId),
  );
  return ranked.map((p) => {
    const d = details.get(p.itemId);
    return {
      itemId: p.itemId,
      webappId: p.webappId,
      webappName: d?.webappName ?? "",
      platform: p.platform as PlatformId,
      publishedAt: new Date(p.publishedAt),
      caption: d ? d.caption || d.title : "",
      thumbnailPath: d?.cover ?? d?.firstImage ?? null,
      views: p.views,
      likes: p.likes,
      comments: p.comments,
      shares: p.shares,
      saves: p.saves,
      watchTimeSeconds: p.watchTimeSeconds,
      avgViewSeconds: p.avgViewSeconds,
      completionRate: p.completionRate,
      clicks: p.clicks,
      engagementRate: engagementRate(p),
      url: d?.permalink || null,
      lastReadAt: p.readAt === null ? null : new Date(p.readAt),
      removed: p.removed,
    };
  });
}

const SORT_KEYS: Record<"views" | "engagement" | "clicks" | "time", (p: PostFigures) => number | null> = {
  views: (p) => p.views,
  engagement: engagementRate,
  clicks: (p) => p.clicks,
  time: (p) => p.publishedAt,
};

function totalsOf(posts: PostFigures[]): Totals {
  const t: Totals = {
    posts: posts.length,
    views: 0,
    likes: 0,
    comments: 0,
    shares: 0,
    saves: 0,
    clicks: 0,
    engagementRate: null,
    watchTimeSeconds: 0,
    watchedPosts: 0,
  };
  let rated = 0;
  let ratedViews = 0;
  for (const p of posts) {
    t.views += p.views ?? 0;
    t.likes += p.likes ?? 0;
    t.comments += p.comments ?? 0;
    t.shares += p.shares ?? 0;
    t.saves += p.saves ?? 0;
    t.clicks += p.clicks;
    if (p.watchTimeSeconds !== null) {
      t.watchTimeSeconds += p.watchTimeSeconds;
      t.watchedPosts++;
    }
    if (p.views && p.views > 0) {
      ratedViews += p.views;
      rated += (p.likes ?? 0) + (p.comments ?? 0) + (p.shares ?? 0) + (p.saves ?? 0);
    }
  }
  t.engagementRate = ratedViews > 0 ? rated / ratedViews : null;
  return t;
}

function groupBy<K>(posts: PostFigures[], key: (p: PostFigures) => K): Map<K, PostFigures[]> {
  const out = new Map<K, PostFigures[]>();
  for (const p of posts) {
    const k = key(p);
    const list = out.get(k);
    if (list) list.push(p);
    else out.set(k, [p]);
  }
  return out;
}

const byViews = (a: Totals, b: Totals) => b.views - a.views || b.posts - a.posts;

// The local days a period touches, each with the instant it starts (the first one clamped to `from`).
function dayStarts(f: AnalyticsFilter): { day: string; start: number }[] {
  const out: { day: string; start: number }[] = [];
  let day = new Date(f.from.getTime()).toISOString().slice(0, 10);
  // Start a day early in UTC so a zone ahead of UTC still finds the local day `from` falls in.
  day = addDays(day, -1);
  let start = zonedTime(day, 0, 0, f.timeZone).getTime();
  for (let i = 0; i < 450 && start < f.to.getTime(); i++) {
    const nextDay = addDays(day, 1);
    const next = zonedTime(nextDay, 0, 0, f.timeZone).getTime();
    if (next > f.from.getTime()) out.push({ day, start: Math.max(start, f.from.getTime()) });
    day = nextDay;
    start = next;
  }
  return out;
}

function dayIndex(days: { start: number }[], at: number): number {
  let lo = 0;
  let hi = days.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (days[mid]!.start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
