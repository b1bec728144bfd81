import { afterEach, describe, expect, test } from "bun:test";
import { metricRefusalsOf } from "../../src/metrics/store";
import type { PlatformId } from "../../src/platforms/ids";
import { FakeMeta } from "../fakes/meta";
import { makeTestContext } from "../support/context";
import { makeConnection, makeOwner } from "../support/publishing-factories";
import { collect, collectDeps, metricsOf, publishedItem } from "./helpers";

let close: (() => void) | undefined;
afterEach(() => close?.());

/** A fake Graph API and an owner connected to Instagram or a Facebook Page. */
function metaWorld(platform: Extract<PlatformId, "instagram" | "facebook">) {
  const fake = new FakeMeta({ processingMs: 0 }).start();
  const ctx = makeTestContext(fake.env());
  close = () => (fake.stop(), ctx.cleanup());
  const owner = makeOwner(ctx);
  const ig = platform === "instagram";
  const token = ig ? fake.issueLongToken() : fake.issuePageToken();
  makeConnection(ctx, owner.userId, platform, {
    accessToken: token,
    refreshToken: ig ? token : fake.issueLongToken(),
    expiresAt: new Date(ctx.clock.now().getTime() + 60 * 86_400_000),
    accountId: ig ? fake.ig.id : fake.page.id,
  });
  const deps = collectDeps(ctx);
  /** Reads every due post twice an hour apart (the first reading is due an hour after publishing). */
  const read = async () => {
    await collect(ctx, deps);
    ctx.clock.advance(3600_000);
    return collect(ctx, deps);
  };
  return { fake, ctx, owner, read };
}

describe("Instagram: each media type's documented insights", () => {
  test("a reel's watch times (ms) become seconds; a feed post's profile visits; neither asks the other's metrics", async () => {
    const w = metaWorld("instagram");
    const reel = "17900000000000101";
    const photo = "17900000000000102";
    w.fake.media.push({ id: reel, igUser: w.fake.ig.id, caption: "reel", timestamp: new Date(), container: "c1", productType: "REELS" });
    w.fake.media.push({ id: photo, igUser: w.fake.ig.id, caption: "photo", timestamp: new Date(), container: "c2", productType: "FEED" });
    Object.assign(w.fake.engagement.of(reel), { views: 900, reach: 700, likes: 40, avgWatchMs: 6400, totalWatchMs: 5_760_000 });
    Object.assign(w.fake.engagement.of(photo), { views: 300, reach: 250, likes: 20, profileVisits: 17 });
    const r = publishedItem(w.ctx, w.owner, "instagram", { remoteId: reel });
    const p = publishedItem(w.ctx, w.owner, "instagram", { remoteId: photo });
    expect(await w.read()).toMatchObject({ read: 2, problems: 0 });
    expect(metricsOf(w.ctx, r.id).snapshots[0]).toMatchObject({
      views: 900,
      reach: 700,
      avgViewSeconds: 6.4,
      watchTimeSeconds: 5760,
      profileVisits: null,
    });
    expect(metricsOf(w.ctx, p.id).snapshots[0]).toMatchObject({
      views: 300,
      reach: 250,
      profileVisits: 17,
      avgViewSeconds: null,
      watchTimeSeconds: null,
    });
  });
});

describe("Facebook: a Reel's video_insights beside its counters", () => {
  function reel(w: ReturnType<typeof metaWorld>) {
    const id = "1200000000077";
    w.fake.reels.push({ id, description: "reel", created: new Date(), size: 1, received: 1, finishedAt: Date.now() });
    Object.assign(w.fake.engagement.of(id), {
      views: 520,
      likes: 31,
      reel: { plays: 640, reach: 410, avgWatchMs: 8800, totalWatchMs: 4_576_000 },
    });
    return publishedItem(w.ctx, w.owner, "facebook", { remoteId: id });
  }

  test("reach, average and total watch time (ms to seconds) stored with views, likes and comments", async () => {
    const w = metaWorld("facebook");
    const item = reel(w);
    expect((await w.read()).read).toBe(1);
    expect(metricsOf(w.ctx, item.id).snapshots[0]).toMatchObject({
      views: 520,
      likes: 31,
      comments: 0,
      reach: 410,
      avgViewSeconds: 8.8,
      watchTimeSeconds: 4576,
    });
  });

  test("insights refused for the Page's permissions: the counters still stored, /platforms told to add read_insights", async () => {
    const w = metaWorld("facebook");
    w.fake.engagement.pageInsightsGranted = false;
    const item = reel(w);
    expect(await w.read()).toMatchObject({ read: 1, refused: 0 });
    expect(metricsOf(w.ctx, item.id).snapshots[0]).toMatchObject({ views: 520, likes: 31, reach: null, watchTimeSeconds: null });
    expect(metricRefusalsOf(w.ctx.db, w.owner.userId)).toMatchObject([{ platform: "facebook", partial: true, needs: "read_insights" }]);
  });
});
