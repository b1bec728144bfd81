import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { type AnalyticsFilter, analyticsPosts, analyticsSummary, type Totals } from "../../src/analytics/query";
import { recordClick } from "../../src/clicks/store";
import { localDate, zonedTime } from "../../src/lib/zoned-time";
import { makeTestContext } from "../support/context";
import { makeUser, makeWebapp } from "../support/content-factories";
import { seedPost } from "./fixtures";

let ctx: ReturnType<typeof makeTestContext>;
beforeEach(() => {
  ctx = makeTestContext();
});
afterEach(() => ctx.cleanup());

// The direct computation the kept hourly totals must equal: every post of the period with its latest metric_snapshots row
// at or before the end and its link_clicks up to the end, summed per local day, platform and web app.
function direct(f: AnalyticsFilter) {
  const posts = ctx.db.$client
    .query<
      {
        itemId: number;
        webappId: number;
        platform: string;
        publishedAt: number;
        views: number | null;
        likes: number | null;
        comments: number | null;
        shares: number | null;
        saves: number | null;
        watch: number | null;
        clicks: number;
      },
      [number, number, number, number, number]
    >(
      `SELECT mc.item_id AS itemId, c.webapp_id AS webappId, mc.platform AS platform, mc.published_at AS publishedAt,
         s.views, s.likes, s.comments, s.shares, s.saves, s.watch_time_seconds AS watch,
         (SELECT count(*) FROM link_clicks k WHERE k.item_id = mc.item_id AND k.clicked_at <= ?1) AS clicks
       FROM metric_collection mc JOIN content_items c ON c.id = mc.item_id
       LEFT JOIN metric_snapshots s ON s.id = (SELECT id FROM metric_snapshots l WHERE l.item_id = mc.item_id AND l.taken_at <= ?2
         ORDER BY l.taken_at DESC, l.id DESC LIMIT 1)
       WHERE mc.user_id = ?3 AND mc.published_at >= ?4 AND mc.published_at < ?5`,
    )
    .all(f.to.getTime(), f.to.getTime(), f.userId, f.from.getTime(), f.to.getTime())
    .filter(
      (p) =>
        (!f.webappIds?.length || f.webappIds.includes(p.webappId)) && (!f.platforms?.length || f.platforms.includes(p.platform as never)),
    );
  const sum = (ps: typeof posts): Totals => {
    let engaged = 0;
    let rated = 0;
    const t = { posts: ps.length, views: 0, likes: 0, comments: 0, shares: 0, saves: 0, clicks: 0, watchTimeSeconds: 0, watchedPosts: 0 };
    for (const p of ps) {
      t.views += p.views ?? 0;
      t.likes += p.likes ?? 0;
      t.comments += p.comments ?? 0;
      t.shares += p.shares ?? 0;
      t.saves += p.saves ?? 0;
      t.clicks += p.clicks;
      if (p.watch !== null) {
        t.watchTimeSeconds += p.watch;
        t.watchedPosts++;
      }
      if (p.views && p.views > 0) {
        engaged += (p.likes ?? 0) + (p.comments ?? 0) + (p.shares ?? 0) + (p.saves ?? 0);
        rated += p.views;
      }
    }
    return { ...t, engagementRate: rated > 0 ? engaged / rated : null };
  };
  const group = <K>(key: (p: (typeof posts)[number]) => K) => {
    const m = new Map<K, typeof posts>();
    for (const p of posts) m.set(key(p), [...(m.get(key(p)) ?? []), p]);
    return new Map([...m].map(([k, ps]) => [k, sum(ps)]));
  };
  return {
    totals: sum(posts),
    byDay: group((p) => localDate(new Date(p.publishedAt), f.timeZone)),
    byPlatform: group((p) => p.platform),
    byWebapp: group((p) => p.webappId),
  };
}

function expectSame(f: AnalyticsFilter) {
  const s = analyticsSummary(ctx.db, f);
  const d = direct(f);
  expect(d.totals.posts).toBeGreaterThan(0);
  expect(s.totals).toEqual(d.totals);
  expect(new Map(s.byPlatform.map(({ platform, ...t }) => [platform as string, t]))).toEqual(d.byPlatform);
  expect(new Map(s.byWebapp.map(({ webappId, webappName: _, ...t }) => [webappId, t]))).toEqual(d.byWebapp);
  for (const { day, ...t } of s.daily) expect(t).toEqual(d.byDay.get(day) ?? { ...empty });
  expect([...d.byDay.keys()].every((day) => s.daily.some((x) => x.day === day))).toBe(true);
  return s;
}

const empty: Totals = {
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
};

// Posts of two web apps on three platforms in March 2026, some sharing an hour, with readings and clicks before and after
// 10 March (the end of the earlier periods), and one whose collection row was made after its readings (a post marked
// as posted by hand).
function seed(timeZone: string) {
  const user = makeUser(ctx, { timezone: timeZone });
  const notes = makeWebapp(ctx, user.id, "Acme Notes");
  const tasks = makeWebapp(ctx, user.id, "Acme Tasks");
  const reading = (at: string, views: number, extra: Record<string, number> = {}) => ({
    at,
    views,
    likes: Math.floor(views / 10),
    comments: Math.floor(views / 50),
    ...extra,
  });
  const posts = [
    seedPost(ctx, {
      userId: user.id,
      webappId: notes.id,
      platform: "x",
      publishedAt: "2026-03-02T18:10:00Z",
      readings: [reading("2026-03-02T19:10:00Z", 100), reading("2026-03-04T19:10:00Z", 400), reading("2026-03-12T00:00:00Z", 900)],
      clicks: ["2026-03-02T20:00:00Z", "2026-03-11T08:00:00Z"],
    }),
    // The same hour, app and platform as the first: one hourly row holds both.
    seedPost(ctx, {
      userId: user.id,
      webappId: notes.id,
      platform: "x",
      publishedAt: "2026-03-02T18:40:00Z",
      readings: [reading("2026-03-03T18:40:00Z", 50, { shares: 2 })],
    }),
    seedPost(ctx, {
      userId: user.id,
      webappId: tasks.id,
      platform: "youtube",
      publishedAt: "2026-03-05T00:20:00Z",
      readings: [reading("2026-03-06T00:20:00Z", 1000, { saves: 7 })],
      clicks: ["2026-03-05T01:00:00Z"],
    }),
    // Never read: a post with no figures.
    seedPost(ctx, { userId: user.id, webappId: tasks.id, platform: "linkedin", publishedAt: "2026-03-07T23:50:00Z" }),
    // Published just before the local midnight of India (18:30 UTC) and just after, in the same UTC hour.
    seedPost(ctx, {
      userId: user.id,
      webappId: notes.id,
      platform: "linkedin",
      publishedAt: "2026-03-08T18:15:00Z",
      readings: [reading("2026-03-09T10:00:00Z", 70)],
    }),
    seedPost(ctx, {
      userId: user.id,
      webappId: notes.id,
      platform: "linkedin",
      publishedAt: "2026-03-08T18:45:00Z",
      readings: [reading("2026-03-09T10:00:00Z", 30), reading("2026-03-15T10:00:00Z", 60)],
    }),
  ];
  // The YouTube post's later reading, with watch time (the fixture's readings have none), as the collector inserts it.
  ctx.db.$client.run(
    `INSERT INTO metric_snapshots (item_id, user_id, webapp_id, platform, taken_at, views, likes, comments, saves, watch_time_seconds)
     VALUES (?, ?, ?, 'youtube', ?, 3000, 300, 60, 9, 1234.5)`,
    [posts[2]!.id, user.id, tasks.id, Date.parse("2026-03-20T00:20:00Z")],
  );
  return { user, notes, tasks, posts };
}

const at = (day: string, tz: string) => zonedTime(day, 0, 0, tz);

describe("the kept hourly totals", () => {
  for (const tz of ["Europe/Berlin", "Asia/Kolkata", "America/New_York"])
    test(`equal a direct computation from metric_snapshots in ${tz}: a period ending now, earlier ends with posts collected late`, () => {
      const w = seed(tz);
      // A period that ends now (after every reading and click): the kept figures alone.
      const now = { userId: w.user.id, from: at("2026-03-01", tz), to: at("2026-03-31", tz), timeZone: tz };
      const s = expectSame(now);
      expect(s.totals.posts).toBe(6);
      // Ends before some posts' later readings and clicks (collected late): their figures as they stood then.
      expectSame({ ...now, to: at("2026-03-10", tz) });
      expectSame({ ...now, to: new Date("2026-03-05T00:50:00Z") }); // mid-hour end, inside the YouTube post's hour
      expectSame({ ...now, from: new Date("2026-03-02T18:30:00Z"), to: at("2026-03-16", tz) }); // mid-hour start
      expectSame({ ...now, webappIds: [w.notes.id], to: at("2026-03-10", tz) });
      expectSame({ ...now, platforms: ["linkedin", "youtube"] });
    });

  test("follow new readings, clicks and deleted posts in the writing transaction", () => {
    const tz = "Asia/Kolkata";
    const w = seed(tz);
    const f = { userId: w.user.id, from: at("2026-03-01", tz), to: at("2026-03-31", tz), timeZone: tz };
    ctx.db.$client.run(
      "INSERT INTO metric_snapshots (item_id, user_id, webapp_id, platform, taken_at, views, likes) VALUES (?, ?, ?, 'x', ?, 5000, 400)",
      [w.posts[1]!.id, w.user.id, w.notes.id, Date.parse("2026-03-25T00:00:00Z")],
    );
    recordClick(ctx.db, { itemId: w.posts[3]!.id, day: "2026-03-26", visitor: "v-new", code: "c" }, new Date("2026-03-26T00:00:00Z"));
    expect(expectSame(f).totals.clicks).toBe(4);
    ctx.db.$client.run("DELETE FROM content_items WHERE id = ?", [w.posts[0]!.id]);
    expect(expectSame(f).totals.posts).toBe(5);
    ctx.db.$client.run("DELETE FROM webapps WHERE id = ?", [w.tasks.id]);
    expect(expectSame(f).byWebapp.map((b) => b.webappId)).toEqual([w.notes.id]);
    const left = ctx.db.$client.query<{ n: number }, [number]>("SELECT count(*) AS n FROM metric_hourly_totals WHERE webapp_id = ?");
    expect(left.get(w.tasks.id)!.n).toBe(0);
  });

  test("the ranked posts of a period ending before later readings rank by the figures at its end", () => {
    const tz = "UTC";
    const w = seed(tz);
    const f = { userId: w.user.id, from: at("2026-03-01", tz), to: at("2026-03-10", tz), timeZone: tz };
    // By 10 March post 0 had 400 views, post 2 1000; later 900 and 3000 (not counted).
    const ranked = analyticsPosts(ctx.db, f, "views", 3);
    expect(ranked.map((p) => [p.itemId, p.views])).toEqual([
      [w.posts[2]!.id, 1000],
      [w.posts[0]!.id, 400],
      [w.posts[4]!.id, 70],
    ]);
    const later = analyticsPosts(ctx.db, { ...f, to: at("2026-03-31", tz) }, "views", 2, 1);
    expect(later.map((p) => [p.itemId, p.views])).toEqual([
      [w.posts[0]!.id, 900],
      [w.posts[4]!.id, 70],
    ]);
  });
});
