import { afterEach, describe, expect, test } from "bun:test";
import { metricRefusalsOf } from "../../src/metrics/store";
import { saveConnection } from "../../src/publishing/connections";
import { xWorld } from "../platforms/x-helpers";
import { youtubeWorld } from "../platforms/youtube-helpers";
import { collect, collectDeps, metricEvents, metricsOf, publishedItem } from "./helpers";

const HOUR = 3600_000;
let close: (() => void) | undefined;
afterEach(() => close?.());

/** A YouTube channel with one published video, on the schedule, with one good reading (views 10). */
async function youtubeWithReading() {
  const w = youtubeWorld();
  close = () => w.close();
  const videoId = w.fake.addVideo();
  w.fake.setStats(videoId, { viewCount: 10, likeCount: 2, commentCount: 1 });
  const item = publishedItem(w.ctx, w.owner, "youtube", { remoteId: videoId });
  const deps = collectDeps(w.ctx);
  await collect(w.ctx, deps);
  w.ctx.clock.advance(HOUR);
  expect((await collect(w.ctx, deps)).read).toBe(1);
  const next = async () => {
    w.ctx.clock.set(metricsOf(w.ctx, item.id).state!.nextDueAt!);
    return collect(w.ctx, deps);
  };
  return { w, item, videoId, deps, next, m: () => metricsOf(w.ctx, item.id) };
}

/** An X account with one post on the schedule. */
async function xWithPost() {
  const w = xWorld();
  close = () => w.close();
  const postId = w.fake.addPost("launch day");
  w.fake.setMetrics(postId, { impression_count: 50, like_count: 3 });
  const item = publishedItem(w.ctx, w.owner, "x", { remoteId: postId });
  const deps = collectDeps(w.ctx);
  await collect(w.ctx, deps);
  const next = async () => {
    w.ctx.clock.set(metricsOf(w.ctx, item.id).state!.nextDueAt!);
    return collect(w.ctx, deps);
  };
  return { w, item, postId, deps, next, m: () => metricsOf(w.ctx, item.id) };
}

describe("garbage answers keep the last good reading and record the problem once", () => {
  test("strings, negatives and missing fields are refused; never stored, never NaN; a good answer clears the problem", async () => {
    const { w, item, videoId, next, m } = await youtubeWithReading();
    w.fake.setRawStats(videoId, { viewCount: "12abc", likeCount: "3", commentCount: "1" });
    expect((await next()).read).toBe(0);
    expect(m().snapshots).toHaveLength(1);
    expect(m().state!.problem).toContain('views = "12abc"');
    expect(m().state!.lastGoodAt).toEqual(m().snapshots[0]!.takenAt);
    // The same garbage again: no second history line.
    await next();
    expect(metricEvents(w.ctx, item.id)).toHaveLength(1);
    w.fake.setRawStats(videoId, { viewCount: -5, likeCount: "3", commentCount: "1" });
    await next();
    expect(m().state!.problem).toContain("views = -5");
    w.fake.setRawStats(videoId, { viewCount: "20" });
    await next();
    expect(m().state!.problem).toContain("left out counters it gave before (likes, comments)");
    w.fake.setRawStats(videoId, {});
    await next();
    expect(m().state!.problem).toContain("held no counters");
    expect(m().snapshots).toHaveLength(1);
    expect(metricEvents(w.ctx, item.id).map((e) => e.action)).toEqual(Array(4).fill("metrics.problem"));
    w.fake.setRawStats(videoId, { viewCount: "30", likeCount: "4", commentCount: "2" });
    expect((await next()).read).toBe(1);
    expect(m().state!.problem).toBeNull();
    expect(m().snapshots.map((s) => [s.views, s.likes, s.comments])).toEqual([
      [10, 2, 1],
      [30, 4, 2],
    ]);
    const stored = m()
      .snapshots.flatMap((s) => Object.values(s))
      .filter((v) => typeof v === "number");
    expect(stored.every((v) => Number.isFinite(v))).toBe(true);
  });
});

describe("permanent refusals are recorded on the connection; transient failures back off", () => {
  test("X answering client-not-enrolled (the plan lacks posts lookup): recorded with what to add, no more calls until reconnected", async () => {
    const { w, item, postId, next, m } = await xWithPost();
    w.fake.fail("read", "not_enrolled");
    await next();
    const [refusal] = metricRefusalsOf(w.ctx.db, w.owner.userId);
    expect(refusal).toMatchObject({ connectionId: w.conn.id, platform: "x", needs: "an X API plan that includes posts lookup" });
    expect(refusal!.reason).toContain("attached to a Project");
    expect(m().state!.problem).toContain("does not give post metrics to this app");
    expect(m().state!.state).toBe("collecting");
    const lookups = () => w.fake.calls.filter((c) => c.path === "/2/tweets" && c.method === "GET").length;
    const before = lookups();
    await next();
    await next();
    expect(lookups()).toBe(before);
    expect(metricEvents(w.ctx, item.id)).toHaveLength(1);
    // Reconnecting (new tokens) lifts the refusal: the next reading asks again and clears it.
    const t = w.fake.issueTokens();
    w.ctx.clock.advance(1);
    saveConnection(
      w.ctx,
      {
        userId: w.owner.userId,
        platform: "x",
        accountId: w.fake.user.id,
        accountName: "Amarktai Test",
        tokens: { accessToken: t.accessToken, refreshToken: t.refreshToken, expiresAt: new Date(w.ctx.clock.now().getTime() + 7200_000) },
      },
      w.ctx.clock.now(),
    );
    w.fake.setMetrics(postId, { impression_count: 80 });
    expect((await next()).read).toBe(1);
    expect(lookups()).toBe(before + 1);
    expect(metricRefusalsOf(w.ctx.db, w.owner.userId)).toEqual([]);
    expect(m().snapshots.at(-1)!.views).toBe(80);
  });

  test("YouTube answering insufficientPermissions names the scope to add", async () => {
    const { w, next } = await youtubeWithReading();
    w.fake.fail("read", "insufficient_scope");
    await next();
    expect(metricRefusalsOf(w.ctx.db, w.owner.userId)[0]!.needs).toBe("https://www.googleapis.com/auth/youtube.readonly");
  });

  test("a 503 backs off 5, then 10 minutes, and records the problem once; a good reading resets it", async () => {
    const { w, item, next, m } = await xWithPost();
    w.fake.fail("read", "server_error");
    w.fake.fail("read", "server_error");
    const t1 = (await next(), w.ctx.clock.now());
    expect(m().state!.failures).toBe(1);
    expect(m().state!.nextDueAt).toEqual(new Date(t1.getTime() + 5 * 60_000));
    const t2 = (await next(), w.ctx.clock.now());
    expect(m().state!.failures).toBe(2);
    expect(m().state!.nextDueAt).toEqual(new Date(t2.getTime() + 10 * 60_000));
    expect(metricEvents(w.ctx, item.id)).toHaveLength(1);
    expect(m().state!.problem).toContain("503");
    expect((await next()).read).toBe(1);
    expect(m().state).toMatchObject({ failures: 0, problem: null });
    expect(metricRefusalsOf(w.ctx.db, w.owner.userId)).toEqual([]);
  });

  test("an X rate limit waits for x-rate-limit-reset without recording a problem", async () => {
    const { w, next, m } = await xWithPost();
    w.fake.fail("read", "rate_limit_reset");
    const r = await next();
    expect(r.waiting).toBe(1);
    expect(m().state!.problem).toBeNull();
    const wait = m().state!.nextDueAt!.getTime() - Date.now();
    expect(wait).toBeGreaterThan(14 * 60_000);
    expect(wait).toBeLessThanOrEqual(15 * 60_000 + 1000);
  });

  test("YouTube's daily quota used up: the posts say so and wait for the quota reset (08:05 UTC)", async () => {
    const { w, next, m } = await youtubeWithReading();
    w.fake.dailyUnits = w.fake.unitsUsed;
    const r = await next();
    expect(r.waiting).toBe(1);
    expect(m().state!.problem).toContain("quota");
    expect(m().state!.nextDueAt!.toISOString()).toMatch(/T08:05:00.000Z$/);
    expect(m().state!.nextDueAt! > w.ctx.clock.now()).toBe(true);
  });

  test("X's monthly post cap (free plan: 1,500 posts a month) used up: a notice and a wait for the first of next month", async () => {
    const { w, next, m } = await xWithPost();
    w.fake.monthlyPostCap = w.fake.postsRead;
    await next();
    expect(m().state!.problem).toContain("monthly post cap");
    expect(m().state!.nextDueAt!.toISOString()).toBe("2026-04-01T00:00:00.000Z");
  });
});

describe("a post deleted on the platform is marked removed and never asked for again", () => {
  test("YouTube leaves the video out of videos.list: removed on YouTube, history says so, no more ids sent", async () => {
    const { w, item, videoId, next, m } = await youtubeWithReading();
    w.fake.deleteVideo(videoId);
    expect((await next()).removed).toBe(1);
    expect(m().state).toMatchObject({ state: "removed", nextDueAt: null, problem: "removed on YouTube Shorts" });
    expect(metricEvents(w.ctx, item.id).map((e) => e.action)).toEqual(["metrics.removed"]);
    const calls = w.fake.calls.length;
    w.ctx.clock.advance(48 * HOUR);
    expect((await collect(w.ctx, collectDeps(w.ctx))).read).toBe(0);
    expect(w.fake.calls.slice(calls).filter((c) => c.path === "/youtube/v3/videos")).toEqual([]);
    expect(m().snapshots).toHaveLength(1);
  });

  test("X answers resource-not-found for one of two posts in a lookup: that one is removed, the other read", async () => {
    const { w, item, postId, next, m } = await xWithPost();
    const other = w.fake.addPost("second");
    const item2 = publishedItem(w.ctx, w.owner, "x", { remoteId: other });
    await collect(w.ctx, collectDeps(w.ctx));
    w.fake.tweets.splice(
      w.fake.tweets.findIndex((t) => t.id === postId),
      1,
    );
    await next();
    expect(m().state!.state).toBe("removed");
    expect(m().state!.problem).toBe("removed on X");
    expect(metricsOf(w.ctx, item2.id).snapshots).toHaveLength(1);
    expect(item.id).not.toBe(item2.id);
  });
});

describe("posts marked as posted by hand", () => {
  test("an X address is read by the id in it; an Instagram address cannot be, and says so", async () => {
    const { w } = await xWithPost();
    const postId = w.fake.addPost("posted by hand");
    w.fake.setMetrics(postId, { impression_count: 77 });
    const manual = publishedItem(w.ctx, w.owner, "x", { permalink: `https://x.com/amarktai_test/status/${postId}` });
    const ig = publishedItem(w.ctx, w.owner, "instagram", { permalink: "https://www.instagram.com/p/C0dEfGhIjKl/" });
    await collect(w.ctx, collectDeps(w.ctx));
    expect(metricsOf(w.ctx, manual.id).state!.remoteId).toBe(postId);
    w.ctx.clock.advance(HOUR);
    await collect(w.ctx, collectDeps(w.ctx), manual.id);
    expect(metricsOf(w.ctx, manual.id).snapshots[0]!.views).toBe(77);
    expect(metricsOf(w.ctx, ig.id).state).toMatchObject({ state: "unreadable" });
    expect(metricsOf(w.ctx, ig.id).state!.problem).toContain("cannot read a post by its address");
  });
});
