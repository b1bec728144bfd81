import { expect, test } from "bun:test";
import type { PostRow, Summary, Totals } from "../../src/analytics/query";
import type { PlatformId } from "../../src/platforms/ids";
import { observe } from "../../src/reports/observations";

const totals = (o: Partial<Totals> = {}): Totals => {
  const t = {
    posts: 0,
    views: 0,
    likes: 0,
    comments: 0,
    shares: 0,
    saves: 0,
    clicks: 0,
    engagementRate: null,
    watchTimeSeconds: 0,
    watchedPosts: 0,
    ...o,
  };
  const engaged = t.likes + t.comments + t.shares + t.saves;
  return { ...t, engagementRate: o.engagementRate !== undefined ? o.engagementRate : t.views > 0 ? engaged / t.views : null };
};

function summary(byPlatform: Array<[PlatformId, Partial<Totals>]>, daily: number[] = []): Summary {
  const rows = byPlatform.map(([platform, t]) => ({ platform, ...totals(t) }));
  const sum = (k: "posts" | "views" | "likes" | "comments" | "shares" | "saves" | "clicks") => rows.reduce((n, r) => n + r[k], 0);
  const all = totals({
    posts: sum("posts"),
    views: sum("views"),
    likes: sum("likes"),
    comments: sum("comments"),
    shares: sum("shares"),
    saves: sum("saves"),
    clicks: sum("clicks"),
  });
  return {
    filter: { userId: 1, from: new Date(0), to: new Date(0), timeZone: "UTC" },
    totals: all,
    previous: totals(),
    byPlatform: rows,
    byWebapp: [{ webappId: 1, webappName: "A", ...all }],
    daily: daily.map((views, i) => ({ day: `2026-03-0${i + 2}`, ...totals({ views }) })),
    trend: [],
  };
}

const post = (views: number, platform: PlatformId = "x", caption = "A post"): PostRow => ({
  itemId: views,
  webappId: 1,
  webappName: "A",
  platform,
  publishedAt: new Date(0),
  caption,
  thumbnailPath: null,
  views,
  watchTimeSeconds: null,
  avgViewSeconds: null,
  completionRate: null,
  likes: 0,
  comments: 0,
  shares: 0,
  saves: 0,
  clicks: 0,
  engagementRate: null,
  url: null,
  lastReadAt: null,
  removed: false,
});

const previousName = "the previous week";

test("too few posts, or posts without readings: no sentence at all, and the report says why", () => {
  const two = summary([["x", { posts: 2, views: 5000, likes: 50 }]]);
  expect(observe({ current: two, previous: summary([]), posts: [], previousName })).toEqual({
    lines: [],
    tooThin: "Too little data for observations: 2 posts in this period (they start from 3).",
  });
  const unread = summary([["x", { posts: 6 }]]);
  expect(observe({ current: unread, previous: summary([]), posts: [], previousName }).tooThin).toBe(
    "Too little data for observations: no metrics were read for this period's posts yet.",
  );
});

test("a change in views names the platform only when it carries most of the change", () => {
  const before = summary([
    ["tiktok", { posts: 3, views: 1000 }],
    ["x", { posts: 3, views: 1000 }],
  ]);
  const mostlyTiktok = summary([
    ["tiktok", { posts: 3, views: 2200 }],
    ["x", { posts: 3, views: 1000 }],
  ]);
  expect(observe({ current: mostlyTiktok, previous: before, posts: [], previousName }).lines).toContain(
    "Views rose 60% against the previous week, mostly on TikTok (+1,200).",
  );
  const spread = summary([
    ["tiktok", { posts: 3, views: 1500 }],
    ["x", { posts: 3, views: 1500 }],
  ]);
  expect(observe({ current: spread, previous: before, posts: [], previousName }).lines).toContain(
    "Views rose 50% against the previous week.",
  );
  const fell = summary([
    ["tiktok", { posts: 3, views: 1000 }],
    ["x", { posts: 3, views: 100 }],
  ]);
  expect(observe({ current: fell, previous: before, posts: [], previousName }).lines).toContain(
    "Views fell 45% against the previous week, mostly on X (−900).",
  );
});

test("small changes and small baselines say nothing; nothing is written that the figures do not show", () => {
  const before = summary([["x", { posts: 4, views: 1000 }]]);
  const flat = summary([["x", { posts: 4, views: 1050 }]]);
  expect(observe({ current: flat, previous: before, posts: [], previousName }).lines).toEqual([]);
  const tinyBefore = summary([["x", { posts: 4, views: 40 }]]);
  const big = summary([["x", { posts: 4, views: 400 }]]);
  expect(observe({ current: big, previous: tinyBefore, posts: [], previousName }).lines.join(" ")).not.toContain("Views rose");
});

test("a platform that engages far better, one post that brought most views, the peak day, the posting volume and clicks", () => {
  const current = summary(
    [
      ["instagram", { posts: 3, views: 1000, likes: 200 }],
      ["x", { posts: 5, views: 9000, likes: 90, clicks: 45 }],
    ],
    [500, 600, 7000, 400, 500, 500, 500],
  );
  const previous = summary([["x", { posts: 4, views: 9800, clicks: 30 }]]);
  const posts = [post(6000, "x", "Launch day: the new planner"), post(1500), post(1000), post(800), post(700)];
  expect(observe({ current, previous, posts, previousName }).lines).toEqual([
    "Posts on Instagram engaged best: 20.0% against 2.9% overall.",
    "One post brought 60% of all views: “Launch day: the new planner” on X (6,000 views).",
    "45 visits reached your web app through post links, one for every 222 views (up 50% against the previous week).",
    "Views peaked on Wednesday 4 Mar with 7,000, 4.9 times the daily average.",
    "You published 8 posts, 4 more than the previous week.",
  ]);
});
