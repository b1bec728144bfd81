import { afterEach, describe, expect, test } from "bun:test";
import { readingTimes } from "../../src/metrics/cadence";
import { followerHistory } from "../../src/metrics/store";
import { SCHEDULES } from "../../src/server/schedules";
import { youtubeWorld } from "../platforms/youtube-helpers";
import { collect, collectDeps, metricEvents, metricsOf, publishedItem } from "./helpers";

let w: ReturnType<typeof youtubeWorld>;
afterEach(() => w?.close());

const statsCalls = () => w.fake.calls.filter((c) => c.path === "/youtube/v3/videos").length;

describe("a YouTube post from publication to the end of its 90-day schedule (fake clock)", () => {
  test("85 readings at the cadence's times, each holding exactly what the fake reported then; then no more calls", async () => {
    w = youtubeWorld();
    const item = w.item();
    await w.run();
    const published = w.get(item.id);
    expect(published.status).toBe("published");
    const deps = collectDeps(w.ctx);
    await collect(w.ctx, deps); // puts it on the schedule; nothing is due yet
    const state = metricsOf(w.ctx, item.id).state!;
    expect(state.state).toBe("collecting");
    expect(state.remoteId).toBe(published.remoteId);
    const slots = readingTimes(state.publishedAt);
    expect(slots).toHaveLength(85);
    const reported: { views: number; likes: number; comments: number }[] = [];
    for (let step = 0; ; step++) {
      const due = metricsOf(w.ctx, item.id).state!;
      if (due.state !== "collecting") break;
      w.ctx.clock.set(due.nextDueAt!);
      const stats = { viewCount: 100 * step + 7, likeCount: 3 * step, commentCount: step % 5 };
      w.fake.setStats(published.remoteId!, stats);
      reported.push({ views: stats.viewCount, likes: stats.likeCount, comments: stats.commentCount });
      const r = await collect(w.ctx, deps);
      expect(r.read).toBe(1);
    }
    const { state: end, snapshots } = metricsOf(w.ctx, item.id);
    expect(end!.state).toBe("done");
    expect(end!.nextDueAt).toBeNull();
    expect(snapshots.map((s) => s.takenAt.getTime())).toEqual(slots.map((s) => s.getTime()));
    expect(snapshots.map((s) => ({ views: s.views, likes: s.likes, comments: s.comments }))).toEqual(reported);
    // YouTube's Data API gives no reach, saves or watch time: null, never 0.
    expect(snapshots.every((s) => s.reach === null && s.saves === null && s.watchTimeSeconds === null)).toBe(true);
    expect(end!.lastGoodAt).toEqual(slots.at(-1)!);
    const calls = statsCalls();
    w.ctx.clock.advance(30 * 86_400_000);
    const r = await collect(w.ctx, deps);
    expect(r.read).toBe(0);
    expect(statsCalls()).toBe(calls);
    expect(metricEvents(w.ctx, item.id)).toEqual([]);
    // One subscriber count per UTC day the collector ran: 3 hourly days, 28 daily, 9 weekly, and the last run.
    const followers = followerHistory(w.ctx.db, w.conn.id);
    expect(followers.map((f) => f.day)).toEqual([...new Set([...slots, w.ctx.clock.now()].map((d) => d.toISOString().slice(0, 10)))]);
    expect(followers).toHaveLength(41);
    expect(followers[0]!.followers).toBe(w.fake.subscribers);
  });

  test("120 posts of one channel are read in 3 videos.list calls (50 ids each, 1 quota unit per call)", async () => {
    w = youtubeWorld();
    const items = Array.from({ length: 120 }, (_, i) => {
      const id = w.fake.addVideo(`video ${i}`);
      w.fake.setStats(id, { viewCount: i, likeCount: 1, commentCount: 0 });
      return publishedItem(w.ctx, w.owner, "youtube", { remoteId: id });
    });
    const deps = collectDeps(w.ctx);
    await collect(w.ctx, deps);
    w.ctx.clock.advance(3600_000);
    const before = w.fake.unitsUsed;
    const r = await collect(w.ctx, deps);
    expect(r.read).toBe(120);
    // 3 statistics calls (today's subscriber count was read by the first run).
    expect(w.fake.unitsUsed - before).toBe(3);
    expect(items.map((it) => metricsOf(w.ctx, it.id).snapshots[0]!.views)).toEqual(items.map((_, i) => i));
  });

  test("the declared metrics-collection schedule runs the collector every 10 minutes and says what it did", async () => {
    w = youtubeWorld();
    const schedule = SCHEDULES.find((s) => s.name === "metrics-collection")!;
    expect(schedule.cron).toBe("*/10 * * * *");
    const videoId = w.fake.addVideo();
    w.fake.setStats(videoId, { viewCount: 5, likeCount: 1, commentCount: 0 });
    const item = publishedItem(w.ctx, w.owner, "youtube", { remoteId: videoId });
    expect(await schedule.handler(w.ctx)).toBe("0 read, 0 problems, 0 removed, 0 refused, 0 waiting, 1 follower counts");
    w.ctx.clock.advance(3600_000);
    expect(await schedule.handler(w.ctx)).toStartWith("1 read, 0 problems");
    expect(metricsOf(w.ctx, item.id).snapshots[0]!.views).toBe(5);
  });
});
