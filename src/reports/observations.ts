import type { PostRow, Summary, Totals } from "../analytics/query";
import { formatCount } from "../lib/format";
import { changeOf, formatDelta, formatRate, platformName } from "./figures";

/** What a report says in words: sentences computed from the figures, or why there are none. */
export interface Observations {
  lines: string[];
  /** Set when the data is too thin for any sentence: says what was missing. */
  tooThin?: string;
}

/** The least a period needs before any sentence is written about it. */
export const MIN_POSTS = 3;
/** A change in views is only worth a sentence from this baseline on... */
export const MIN_BASELINE_VIEWS = 100;
/** ...and from this size on (10%). */
export const MIN_CHANGE = 0.1;

interface Input {
  current: Summary;
  /** The period before, same filter: its by-platform totals explain where a change came from. */
  previous: Summary;
  /** The period's posts, most viewed first. */
  posts: PostRow[];
  previousName: string;
}

type Rule = (i: Input) => string | undefined;

/** "Views rose 34% against the previous week, mostly on TikTok (+1,200)": the platform must carry most of the change. */
const viewsChange: Rule = ({ current, previous, previousName }) => {
  const now = current.totals.views;
  const before = previous.totals.views;
  const c = changeOf(now, before);
  if (c === null || before < MIN_BASELINE_VIEWS || Math.abs(c) < MIN_CHANGE) return undefined;
  const delta = now - before;
  const verb = delta > 0 ? "rose" : "fell";
  const prevBy = new Map(previous.byPlatform.map((p) => [p.platform, p.views]));
  const moves = current.byPlatform.map((p) => ({ platform: p.platform, delta: p.views - (prevBy.get(p.platform) ?? 0) }));
  for (const p of previous.byPlatform)
    if (!moves.some((m) => m.platform === p.platform)) moves.push({ platform: p.platform, delta: -p.views });
  const main = moves.filter((m) => Math.sign(m.delta) === Math.sign(delta)).sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))[0];
  const mostly =
    main && Math.abs(main.delta) > Math.abs(delta) / 2 ? `, mostly on ${platformName(main.platform)} (${formatDelta(main.delta)})` : "";
  return `Views ${verb} ${Math.round(Math.abs(c) * 100)}% against ${previousName}${mostly}.`;
};

/** One platform's engagement rate stands out: at least 3 posts there and 1.5 times the overall rate. */
const bestPlatform: Rule = ({ current }) => {
  const overall = current.totals.engagementRate;
  if (overall === null || overall <= 0 || current.byPlatform.length < 2) return undefined;
  const best = current.byPlatform
    .filter((p) => p.posts >= MIN_POSTS && p.engagementRate !== null)
    .sort((a, b) => b.engagementRate! - a.engagementRate!)[0];
  if (!best || best.engagementRate! < overall * 1.5) return undefined;
  return `Posts on ${platformName(best.platform)} engaged best: ${formatRate(best.engagementRate)} against ${formatRate(overall)} overall.`;
};

/** One post brought at least 30% of all views (from 5 posts on, where that says something). */
const topPostShare: Rule = ({ current, posts }) => {
  const total = current.totals.views;
  const top = posts[0];
  if (posts.length < 5 || total <= 0 || !top?.views || top.views < total * 0.3) return undefined;
  const caption = top.caption.length > 60 ? `${top.caption.slice(0, 57).trimEnd()}…` : top.caption;
  return `One post brought ${Math.round((top.views / total) * 100)}% of all views: “${caption}” on ${platformName(top.platform)} (${formatCount(top.views)} views).`;
};

/** Clicks to the web apps and how many views each took; compared when the previous period had 10 or more. */
const clicks: Rule = ({ current, previous, previousName }) => {
  const { clicks: now, views } = current.totals;
  if (now <= 0) return undefined;
  const per = views > 0 ? `, one for every ${formatCount(Math.max(1, Math.round(views / now)))} views` : "";
  const c = changeOf(now, previous.totals.clicks);
  const against =
    c !== null && previous.totals.clicks >= 10 && Math.abs(c) >= MIN_CHANGE
      ? ` (${c > 0 ? "up" : "down"} ${Math.round(Math.abs(c) * 100)}% against ${previousName})`
      : "";
  return `${formatCount(now)} visit${now === 1 ? "" : "s"} reached your web app${current.byWebapp.length === 1 ? "" : "s"} through post links${per}${against}.`;
};

/** The day with the most views, when it had at least twice the daily average over 3 or more days with views. */
const peakDay: Rule = ({ current }) => {
  const days = current.daily.filter((d) => d.views > 0);
  if (days.length < 3) return undefined;
  const avg = current.totals.views / current.daily.length;
  const peak = [...days].sort((a, b) => b.views - a.views)[0]!;
  if (peak.views < avg * 2) return undefined;
  const name = new Date(`${peak.day}T12:00:00Z`).toLocaleDateString("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
  return `Views peaked on ${name} with ${formatCount(peak.views)}, ${(peak.views / avg).toFixed(1)} times the daily average.`;
};

/** More or fewer posts than the period before (a change of at least a quarter and 2 posts). */
const postingVolume: Rule = ({ current, previous, previousName }) => {
  const now = current.totals.posts;
  const before = previous.totals.posts;
  if (before === 0 || Math.abs(now - before) < 2 || Math.abs(now - before) < before * 0.25) return undefined;
  return `You published ${formatCount(now)} posts, ${formatCount(Math.abs(now - before))} ${now > before ? "more" : "fewer"} than ${previousName}.`;
};

const RULES: Rule[] = [viewsChange, bestPlatform, topPostShare, clicks, peakDay, postingVolume];

/** True when a period has posts but no counters read yet (every view, like and comment unknown or zero). */
function nothingRead(t: Totals): boolean {
  return t.views + t.likes + t.comments + t.shares + t.saves + t.clicks === 0;
}

/**
 * The report's sentences, each from one rule over the figures (docs/reports.md lists them). Too few posts or no
 * readings give no sentence at all, and say so instead.
 */
export function observe(input: Input): Observations {
  const t = input.current.totals;
  if (t.posts < MIN_POSTS)
    return {
      lines: [],
      tooThin: `Too little data for observations: ${t.posts === 0 ? "no posts" : t.posts === 1 ? "1 post" : `${t.posts} posts`} in this period (they start from ${MIN_POSTS}).`,
    };
  if (nothingRead(t)) return { lines: [], tooThin: "Too little data for observations: no metrics were read for this period's posts yet." };
  return { lines: RULES.map((r) => r(input)).filter((s): s is string => s !== undefined) };
}
