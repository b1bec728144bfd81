import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { analyticsPosts, analyticsSummary, type AnalyticsFilter } from "../../src/analytics/query";
import { makeTestContext } from "../support/context";
import { seedWorld } from "./fixtures";

let ctx: ReturnType<typeof makeTestContext>;
beforeEach(() => {
  ctx = makeTestContext();
});
afterEach(() => ctx.cleanup());

// 1-7 March in New York: [28 Feb 20:30 UTC-5 is outside] -> from 1 Mar 05:00Z to 8 Mar 05:00Z.
const period = (userId: number, to = "2026-03-08T05:00:00Z"): AnalyticsFilter => ({
  userId,
  from: new Date("2026-02-28T05:00:00Z"),
  to: new Date(to),
  timeZone: "America/New_York",
});

describe("analytics summary", () => {
  test("each post counts once with its latest reading at or before the end; clicks to the end; previous period by the same length", () => {
    const w = seedWorld(ctx);
    const s = analyticsSummary(ctx.db, period(w.user.id, "2026-03-07T05:00:00Z"));
    // a at 3 Mar (400/20/4/2), b (1000/30/10/0/10), c unread; old (published 25 Feb) is before `from`.
    expect(s.totals).toEqual({
      posts: 3,
      views: 1400,
      likes: 50,
      comments: 14,
      shares: 2,
      saves: 10,
      clicks: 2,
      engagementRate: 76 / 1400,
      watchTimeSeconds: 0,
      watchedPosts: 0,
    });
    // Previous: 21 Feb 05:00Z to 28 Feb 05:00Z holds `old`, read as it stood at 28 Feb 05:00Z (50 views).
    expect(s.previous).toEqual({
      posts: 1,
      views: 50,
      likes: 5,
      comments: 0,
      shares: 0,
      saves: 0,
      clicks: 0,
      engagementRate: 0.1,
      watchTimeSeconds: 0,
      watchedPosts: 0,
    });
    expect(s.byPlatform.map((p) => [p.platform, p.posts, p.views])).toEqual([
      ["youtube", 1, 1000],
      ["x", 2, 400],
    ]);
    expect(s.byWebapp.map((p) => [p.webappName, p.posts, p.views, p.clicks])).toEqual([
      ["Acme Tasks", 2, 1000, 0],
      ["Acme Notes", 1, 400, 2],
    ]);
    expect(s.daily.map((d) => d.day)).toEqual([
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
      "2026-03-03",
      "2026-03-04",
      "2026-03-05",
      "2026-03-06",
    ]);
    expect(s.daily[0]).toMatchObject({ posts: 1, views: 400 }); // a: published 28 Feb 20:30 local
    expect(s.daily[5]).toMatchObject({ posts: 1, views: 1000 });
    expect(s.daily[6]).toMatchObject({ posts: 1, views: 0, engagementRate: null });
  });

  test("the later end reads the later snapshot, never a sum of the series", () => {
    const w = seedWorld(ctx);
    const s = analyticsSummary(ctx.db, { ...period(w.user.id, "2026-03-28T04:00:00Z") });
    expect(s.totals.views).toBe(900 + 1000);
    expect(s.totals.clicks).toBe(3);
  });

  test("filters by web app and platform; an empty period has zeros and no rate, never NaN", () => {
    const w = seedWorld(ctx);
    const f = period(w.user.id);
    expect(analyticsSummary(ctx.db, { ...f, webappIds: [w.notes.id] }).totals).toMatchObject({ posts: 1, views: 400 });
    expect(analyticsSummary(ctx.db, { ...f, platforms: ["x"] }).totals).toMatchObject({ posts: 2, views: 400 });
    const empty = analyticsSummary(ctx.db, { ...f, platforms: ["tiktok"] });
    expect(empty.totals).toEqual({
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
    });
    expect(JSON.stringify(empty)).not.toContain("NaN");
  });
});

describe("analytics posts", () => {
  test("ranked by views, engagement, clicks or time, with the post's details and unknown figures as null", () => {
    const w = seedWorld(ctx);
    const f = period(w.user.id);
    expect(analyticsPosts(ctx.db, f, "views").map((p) => p.itemId)).toEqual([w.b.id, w.a.id, w.c.id]);
    expect(analyticsPosts(ctx.db, f, "engagement").map((p) => p.itemId)).toEqual([w.a.id, w.b.id, w.c.id]);
    expect(analyticsPosts(ctx.db, f, "clicks").map((p) => p.itemId)).toEqual([w.a.id, w.c.id, w.b.id]);
    expect(analyticsPosts(ctx.db, f, "time", 2).map((p) => p.itemId)).toEqual([w.c.id, w.b.id]);
    const [a] = analyticsPosts(ctx.db, f, "engagement", 1);
    expect(a).toMatchObject({
      views: 400,
      likes: 20,
      comments: 4,
      shares: 2,
      saves: null,
      clicks: 2,
      webappName: "Acme Notes",
      platform: "x",
    });
    expect(a!.engagementRate).toBeCloseTo(26 / 400, 10);
    expect(a!.lastReadAt).toEqual(new Date("2026-03-03T02:30:00Z"));
    const c = analyticsPosts(ctx.db, f, "views").at(-1)!;
    expect(c).toMatchObject({ views: null, engagementRate: null, lastReadAt: null, removed: false });
  });
});
