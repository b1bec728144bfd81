// The numbers of the analytics page, its API, the CSV and the PDF report: one user's published posts in a period, each
// with its latest reading at or before the period's end (a time series is never summed), and the clicks counted by then.
import type { Db } from "../db/client";
import { zonedTime } from "../lib/zoned-time";
import { ENGAGEMENT_RATE_TEXT, type EngagementCounters, engagementRateOf } from "../model/engagement";
import type { PlatformId } from "../platforms/ids";
import { countPosts, type PostFigures, postDetails, postFigures, rankedFigures, webappNames } from "./store";
import { type HourTotals, hourTotals, lastActivityIn, latePosts } from "./totals-store";

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
  /** The trend's bars: one per local day, or one per 7 days (the last one shorter) for periods over TREND_DAYS_MAX days. */
  trend: Array<{ first: string; last: string /* YYYY-MM-DD in timeZone, inclusive */ } & Totals>;
}

/** The longest period whose trend shows a bar per day; longer ones show a bar per week. */
export const TREND_DAYS_MAX = 60;

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
  return summaryOf(db, f, sumPeriod(db, f));
}

/** The period's posts ranked by a figure (highest first; unknown figures last, then newest first), at most `limit` of them after `offset`. */
export function analyticsPosts(db: Db, f: AnalyticsFilter, sort: Sort, limit = 50, offset = 0): PostRow[] {
  const last = lastActivityIn(db, f.userId, f.from, f.to);
  return postsOf(db, f, last !== null && last > f.to.getTime(), sort, limit, offset);
}

/** How many posts the period has under the filter (the posts table's length). */
export function postCount(db: Db, f: AnalyticsFilter): number {
  return countPosts(db, f);
}

/** The summary and one page of the ranked posts together (what the page shows). */
export function analyticsPage(db: Db, f: AnalyticsFilter, sort: Sort, limit: number, offset = 0): { summary: Summary; posts: PostRow[] } {
  const sums = sumPeriod(db, f);
  return { summary: summaryOf(db, f, sums), posts: postsOf(db, f, sums.late, sort, limit, offset) };
}

type Sort = "views" | "engagement" | "clicks" | "time";

// Sums of some posts' figures, from which Totals follow (a group's rate needs its engaged counters and their views).
interface Sums {
  posts: number;
  views: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  clicks: number;
  watch: number;
  watched: number;
  engaged: number;
  ratedViews: number;
}

const noSums = (): Sums => ({
  posts: 0,
  views: 0,
  likes: 0,
  comments: 0,
  shares: 0,
  saves: 0,
  clicks: 0,
  watch: 0,
  watched: 0,
  engaged: 0,
  ratedViews: 0,
});

function addHour(s: Sums, h: HourTotals): void {
  s.posts += h.posts;
  s.views += h.views;
  s.likes += h.likes;
  s.comments += h.comments;
  s.shares += h.shares;
  s.saves += h.saves;
  s.clicks += h.clicks;
  s.watch += h.watchSeconds;
  s.watched += h.watchedPosts;
  s.engaged += h.engaged;
  s.ratedViews += h.ratedViews;
}

type Counted = Pick<PostFigures, "views" | "likes" | "comments" | "shares" | "saves" | "watchTimeSeconds" | "clicks">;

// One post's part of a sum (sign -1 takes it away): the same rules as the triggers that keep the hourly totals.
function addPost(s: Sums, p: Counted, sign: 1 | -1): void {
  const engaged = (p.likes ?? 0) + (p.comments ?? 0) + (p.shares ?? 0) + (p.saves ?? 0);
  s.posts += sign;
  s.views += sign * (p.views ?? 0);
  s.likes += sign * (p.likes ?? 0);
  s.comments += sign * (p.comments ?? 0);
  s.shares += sign * (p.shares ?? 0);
  s.saves += sign * (p.saves ?? 0);
  s.clicks += sign * p.clicks;
  if (p.watchTimeSeconds !== null) {
    s.watch += sign * p.watchTimeSeconds;
    s.watched += sign;
  }
  if (p.views && p.views > 0) {
    s.engaged += sign * engaged;
    s.ratedViews += sign * p.views;
  }
}

function totalsOf(s: Sums): Totals {
  return {
    posts: s.posts,
    views: s.views,
    likes: s.likes,
    comments: s.comments,
    shares: s.shares,
    saves: s.saves,
    clicks: s.clicks,
    engagementRate: s.ratedViews > 0 ? s.engaged / s.ratedViews : null,
    watchTimeSeconds: s.watch,
    watchedPosts: s.watched,
  };
}

function mergeSums(into: Sums, from: Sums): void {
  for (const k of Object.keys(into) as (keyof Sums)[]) into[k] += from[k];
}

/** A period's sums: whole, per platform, per web app and per local day; `late` when some post was read or clicked after its end. */
interface PeriodSums {
  total: Sums;
  byPlatform: Map<string, Sums>;
  byWebapp: Map<number, Sums>;
  days: { day: string; start: number }[];
  byDay: Sums[];
  late: boolean;
}

const HOUR = 3_600_000;

// The hourly totals cover the hours wholly inside the period that hold no local midnight (a half-hour zone's day starts
// inside an hour); the posts of the other hours are read one by one. Totals hold each post's latest figures, so the posts
// read or clicked after the period's end (marked by an hour's last activity) have their latest figures swapped for those
// at the end.
function sumPeriod(db: Db, f: AnalyticsFilter, totalsOnly = false): PeriodSums {
  // Totals alone (the previous period's) need no local days: every whole hour inside the period is summed as kept.
  const days = totalsOnly ? [{ day: "", start: f.from.getTime() }] : dayStarts(f);
  const out: PeriodSums = { total: noSums(), byPlatform: new Map(), byWebapp: new Map(), days, byDay: days.map(noSums), late: false };
  const fullFrom = Math.ceil(f.from.getTime() / HOUR);
  const fullTo = Math.max(fullFrom, Math.floor(f.to.getTime() / HOUR));
  const ragged = [
    ...new Set(
      days
        .slice(1)
        .filter((d) => d.start % HOUR !== 0)
        .map((d) => Math.floor(d.start / HOUR)),
    ),
  ].filter((h) => h >= fullFrom && h < fullTo);
  const kept = (at: number) => {
    const h = Math.floor(at / HOUR);
    return h >= fullFrom && h < fullTo && !ragged.includes(h);
  };
  const groups = (webappId: number, platform: string, at: number): Sums[] => [
    out.total,
    getOr(out.byPlatform, platform),
    getOr(out.byWebapp, webappId),
    out.byDay[dayIndex(days, at)]!,
  ];
  for (const h of hourTotals(db, f, fullFrom, fullTo, ragged)) {
    addHour(out.total, h);
    addHour(getOr(out.byPlatform, h.platform), h);
    addHour(getOr(out.byWebapp, h.webappId), h);
    addHour(out.byDay[dayIndex(days, h.hour * HOUR)]!, h);
    if (h.lastActivity !== null && h.lastActivity > f.to.getTime()) out.late = true;
  }
  const ranges: [number, number][] = [
    [f.from.getTime(), Math.min(f.to.getTime(), fullFrom * HOUR)],
    [Math.max(f.from.getTime(), fullTo * HOUR), f.to.getTime()],
    ...ragged.map((h): [number, number] => [h * HOUR, (h + 1) * HOUR]),
  ];
  for (const [from, to] of ranges) {
    if (to <= from) continue;
    for (const p of postFigures(db, { ...f, from: new Date(from), to: new Date(to) }, { at: f.to })) {
      for (const s of groups(p.webappId, p.platform, p.publishedAt)) addPost(s, p, 1);
      if (p.late) out.late = true;
    }
  }
  if (out.late) {
    const latest = latePosts(db, f, f.to);
    for (const p of postFigures(db, f, { lateOnly: true })) {
      const was = latest.get(p.itemId);
      if (!was || !kept(p.publishedAt)) continue;
      for (const s of groups(p.webappId, p.platform, p.publishedAt)) {
        addPost(s, { ...was }, -1);
        addPost(s, p, 1);
      }
    }
  }
  return out;
}

function getOr<K>(m: Map<K, Sums>, k: K): Sums {
  let s = m.get(k);
  if (!s) m.set(k, (s = noSums()));
  return s;
}

function summaryOf(db: Db, f: AnalyticsFilter, sums: PeriodSums): Summary {
  const names = new Map(webappNames(db, f.userId).map((w) => [w.id, w.name]));
  const present = (s: Sums) => s.posts > 0;
  const daily = sums.days.map(({ day }, i) => ({ day, ...totalsOf(sums.byDay[i]!) }));
  return {
    filter: f,
    totals: totalsOf(sums.total),
    previous: totalsOf(sumPeriod(db, previousPeriod(f), true).total),
    byPlatform: [...sums.byPlatform]
      .filter(([, s]) => present(s))
      .map(([platform, s]) => ({ platform: platform as PlatformId, ...totalsOf(s) }))
      .sort(byViews),
    byWebapp: [...sums.byWebapp]
      .filter(([, s]) => present(s))
      .map(([webappId, s]) => ({ webappId, webappName: names.get(webappId) ?? `Web app ${webappId}`, ...totalsOf(s) }))
      .sort(byViews),
    daily,
    trend: trendOf(sums),
  };
}

// A bar per day up to TREND_DAYS_MAX days, else a bar per 7 days from the first.
function trendOf(sums: PeriodSums): Summary["trend"] {
  const step = sums.days.length > TREND_DAYS_MAX ? 7 : 1;
  const out: Summary["trend"] = [];
  for (let i = 0; i < sums.days.length; i += step) {
    const s = noSums();
    const end = Math.min(sums.days.length, i + step);
    for (let j = i; j < end; j++) mergeSums(s, sums.byDay[j]!);
    out.push({ first: sums.days[i]!.day, last: sums.days[end - 1]!.day, ...totalsOf(s) });
  }
  return out;
}

function postsOf(db: Db, f: AnalyticsFilter, late: boolean, sort: Sort, limit: number, offset: number): PostRow[] {
  const n = Math.max(0, limit);
  const ranked = late ? rankInMemory(postFigures(db, f), sort).slice(offset, offset + n) : rankedFigures(db, f, sort, n, offset);
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

// The ranking of rankedFigures' SQL, in memory: for periods whose figures are not all the latest ones.
function rankInMemory(figures: PostFigures[], sort: Sort): PostFigures[] {
  const key = SORT_KEYS[sort];
  return figures
    .map((p) => ({ p, k: key(p) }))
    .sort((a, b) => (b.k ?? -1) - (a.k ?? -1) || b.p.publishedAt - a.p.publishedAt || b.p.itemId - a.p.itemId)
    .map((r) => r.p);
}

const SORT_KEYS: Record<"views" | "engagement" | "clicks" | "time", (p: PostFigures) => number | null> = {
  views: (p) => p.views,
  engagement: engagementRate,
  clicks: (p) => p.clicks,
  time: (p) => p.publishedAt,
};

const byViews = (a: Totals, b: Totals) => b.views - a.views || b.posts - a.posts;

// A period's days are the same for every request of it (and cost two time zone conversions a day): kept for a few periods.
const dayStartsKept = new Map<string, { day: string; start: number }[]>();

// The local days a period touches, each with the instant it starts (the first one clamped to `from`).
function dayStarts(f: AnalyticsFilter): { day: string; start: number }[] {
  const key = `${f.timeZone} ${f.from.getTime()} ${f.to.getTime()}`;
  const kept = dayStartsKept.get(key);
  if (kept) return kept;
  const days = computeDayStarts(f);
  dayStartsKept.set(key, days);
  if (dayStartsKept.size > 32) dayStartsKept.delete(dayStartsKept.keys().next().value!);
  return days;
}

function computeDayStarts(f: AnalyticsFilter): { day: string; start: number }[] {
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
