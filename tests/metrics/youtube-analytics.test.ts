import { afterEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { users } from "../../src/db/schema/accounts";
import { metricRefusalsOf } from "../../src/metrics/store";
import { createApp } from "../../src/server/app";
import { youtubeWorld } from "../platforms/youtube-helpers";
import { clientFor } from "../support/accounts";
import { collect, collectDeps, metricsOf, publishedItem } from "./helpers";

const HOUR = 3600_000;
let close: (() => void) | undefined;
afterEach(() => close?.());

/** A channel with one published video whose Data API counters and Analytics figures are set, read once on its schedule. */
async function videoRead(figures = true) {
  const w = youtubeWorld();
  close = () => w.close();
  const videoId = w.fake.addVideo();
  w.fake.setStats(videoId, { viewCount: 1500, likeCount: 80, commentCount: 12 });
  if (figures)
    w.fake.analytics.figures.set(videoId, {
      views: 1480,
      estimatedMinutesWatched: 125,
      averageViewDuration: 41,
      averageViewPercentage: 63.5,
      shares: 9,
    });
  const item = publishedItem(w.ctx, w.owner, "youtube", { remoteId: videoId });
  const deps = collectDeps(w.ctx);
  await collect(w.ctx, deps);
  w.ctx.clock.advance(HOUR);
  const report = await collect(w.ctx, deps);
  const next = async () => {
    w.ctx.clock.set(metricsOf(w.ctx, item.id).state!.nextDueAt!);
    return collect(w.ctx, deps);
  };
  return { w, item, videoId, report, next, m: () => metricsOf(w.ctx, item.id) };
}

function pageOf(w: ReturnType<typeof youtubeWorld>, path: string) {
  const user = w.ctx.db.select().from(users).where(eq(users.id, w.owner.userId)).get()!;
  return clientFor(w.ctx, user, createApp(w.ctx)).get(path);
}

describe("YouTube watch time from the Analytics API beside the Data API counters", () => {
  test("the snapshot holds watch time, average view duration, completion and shares as the report gave them", async () => {
    const { w, item, report, m } = await videoRead();
    expect(report.read).toBe(1);
    expect(m().snapshots.at(-1)).toMatchObject({
      views: 1500, // the Data API's live count, not the Analytics API's (a day behind)
      likes: 80,
      comments: 12,
      shares: 9,
      watchTimeSeconds: 125 * 60,
      avgViewSeconds: 41,
      completionRate: 0.635,
    });
    // One report per batch, apart from the Data API's units.
    expect(w.fake.analytics.queries).toBe(1);
    const page = await pageOf(w, `/content/${item.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Watch time: 2 h 05 min");
    expect(page.text).toContain("Average view duration: 41 s");
    expect(page.text).toContain("Completion: 63.5 %");
    expect(page.text).toContain("Shares: 9");
    // /analytics: the totals card and the post's row hold the same figures.
    const analytics = (await pageOf(w, "/analytics")).text;
    expect(analytics).toContain('<span class="label">Watch time</span><span class="value">2 h 05 min</span>');
    expect(analytics).toMatch(
      /<td data-label="Watch time" title="2 h 05 min watched in total · average view 41 s · completion 63\.5 %">2 h 05 min<\/td>/,
    );
  });

  test("a video with no analytics rows yet (its first day) is read from the Data API alone, without a problem", async () => {
    const { report, m } = await videoRead(false);
    expect(report).toMatchObject({ read: 1, problems: 0 });
    expect(m().snapshots.at(-1)).toMatchObject({ views: 1500, watchTimeSeconds: null, avgViewSeconds: null, completionRate: null });
  });

  test("without yt-analytics.readonly the Data API numbers keep coming and /platforms names the scope to add", async () => {
    const { w, videoId, next, m } = await videoRead();
    w.fake.analytics.granted = false;
    w.fake.setStats(videoId, { viewCount: 1600 });
    // The watch time given before is now left out: that reading is refused as incomplete, the last good one stays.
    await next();
    expect(m().snapshots).toHaveLength(1);
    const refusal = metricRefusalsOf(w.ctx.db, w.owner.userId);
    expect(refusal).toMatchObject([{ platform: "youtube", partial: true, needs: "https://www.googleapis.com/auth/yt-analytics.readonly" }]);
    const page = await pageOf(w, "/platforms");
    expect(page.text).toContain("Some metrics refused");
    expect(page.text).toContain("Reconnect and allow https://www.googleapis.com/auth/yt-analytics.readonly");
  });

  test("a channel that never granted the scope: every reading stored from the Data API, the refusal partial, reading goes on", async () => {
    const w = youtubeWorld();
    close = () => w.close();
    w.fake.analytics.granted = false;
    const videoId = w.fake.addVideo();
    w.fake.setStats(videoId, { viewCount: 10, likeCount: 1, commentCount: 0 });
    const item = publishedItem(w.ctx, w.owner, "youtube", { remoteId: videoId });
    const deps = collectDeps(w.ctx);
    await collect(w.ctx, deps);
    for (const views of [20, 30]) {
      w.fake.setStats(videoId, { viewCount: views });
      w.ctx.clock.set(metricsOf(w.ctx, item.id).state!.nextDueAt!);
      expect(await collect(w.ctx, deps)).toMatchObject({ read: 1, refused: 0 });
    }
    expect(metricsOf(w.ctx, item.id).snapshots.map((s) => [s.views, s.watchTimeSeconds])).toEqual([
      [20, null],
      [30, null],
    ]);
    expect(metricRefusalsOf(w.ctx.db, w.owner.userId)[0]).toMatchObject({ partial: true });
    // Granted again (reconnected): the figures come and the notice goes.
    w.fake.analytics.granted = true;
    w.fake.analytics.figures.set(videoId, {
      views: 30,
      estimatedMinutesWatched: 2,
      averageViewDuration: 4,
      averageViewPercentage: 20,
      shares: 0,
    });
    w.ctx.clock.set(metricsOf(w.ctx, item.id).state!.nextDueAt!);
    await collect(w.ctx, deps);
    expect(metricsOf(w.ctx, item.id).snapshots.at(-1)).toMatchObject({ watchTimeSeconds: 120, completionRate: 0.2 });
    expect(metricRefusalsOf(w.ctx.db, w.owner.userId)).toEqual([]);
  });

  test("the Analytics quota used up waits for YouTube's daily reset; a lasting 429 waits, then reading resumes", async () => {
    const { w, next, m } = await videoRead();
    w.fake.analytics.faults.push("quota");
    const r = await next();
    expect(r.waiting).toBe(1);
    expect(m().state!.problem).toContain("YouTube Analytics API");
    expect(m().state!.problem).toContain("quota");
    const due = m().state!.nextDueAt!;
    expect(due.getUTCHours()).toBe(8); // midnight in Pacific time, as YouTube's quotas reset
    expect(due.getTime() - w.ctx.clock.now().getTime()).toBeLessThanOrEqual(24 * HOUR);
    expect(m().snapshots).toHaveLength(1);
    w.ctx.clock.set(due);
    // googleapis retries a 429 three times itself: one that persists reaches the collector.
    w.fake.analytics.faults.push("rate_limit", "rate_limit", "rate_limit", "rate_limit");
    const before = w.ctx.clock.now().getTime();
    expect((await collect(w.ctx, collectDeps(w.ctx))).waiting).toBe(1);
    expect(m().state!.nextDueAt!.getTime()).toBeGreaterThan(before);
    w.ctx.clock.set(m().state!.nextDueAt!);
    expect((await collect(w.ctx, collectDeps(w.ctx))).read).toBe(1);
    expect(m().snapshots).toHaveLength(2);
  });
});
