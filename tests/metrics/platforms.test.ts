import { afterEach, describe, expect, test } from "bun:test";
import { followerHistory, metricRefusalsOf } from "../../src/metrics/store";
import { FakeMeta } from "../fakes/meta";
import { FakeTikTok } from "../fakes/tiktok";
import { makeTestContext } from "../support/context";
import { makeConnection, makeOwner } from "../support/publishing-factories";
import { collect, collectDeps, metricsOf, publishedItem } from "./helpers";

let close: (() => void) | undefined;
afterEach(() => close?.());

function tiktokWorld() {
  const fake = new FakeTikTok().start();
  const ctx = makeTestContext(fake.env());
  close = () => (fake.stop(), ctx.cleanup());
  const owner = makeOwner(ctx);
  const t = fake.issueTokens();
  const conn = makeConnection(ctx, owner.userId, "tiktok", {
    accessToken: t.accessToken,
    refreshToken: t.refreshToken,
    expiresAt: new Date(ctx.clock.now().getTime() + t.expiresIn * 1000),
    accountId: fake.user.open_id,
  });
  return { fake, ctx, owner, conn, deps: collectDeps(ctx) };
}

describe("the collector on each platform's documented batch and follower endpoints", () => {
  test("TikTok: 45 videos in 3 video/query calls (20 ids each); a deleted one removed; the follower count daily", async () => {
    const w = tiktokWorld();
    const ids = Array.from({ length: 45 }, (_, i) => {
      const id = w.fake.addVideo(`clip ${i}`);
      w.fake.setStats(id, { view_count: 100 + i, like_count: i, comment_count: 1, share_count: 2 });
      return id;
    });
    const items = ids.map((id) => publishedItem(w.ctx, w.owner, "tiktok", { remoteId: id }));
    w.fake.deleteVideo(ids[0]!);
    await collect(w.ctx, w.deps);
    w.ctx.clock.advance(3600_000);
    const queries = () => w.fake.calls.filter((c) => c.path === "/v2/video/query/").length;
    const r = await collect(w.ctx, w.deps);
    expect(queries()).toBe(3);
    expect(r).toMatchObject({ read: 44, removed: 1 });
    expect(metricsOf(w.ctx, items[0]!.id).state!.problem).toBe("removed on TikTok");
    expect(metricsOf(w.ctx, items[7]!.id).snapshots[0]).toMatchObject({ views: 107, likes: 7, comments: 1, shares: 2, saves: null });
    expect(followerHistory(w.ctx.db, w.conn.id).map((f) => f.followers)).toEqual([w.fake.followers]);
  });

  test("TikTok without user.info.stats: no follower count, a warning, and the post metrics still read", async () => {
    const w = tiktokWorld();
    w.fake.statsScope = false;
    const id = w.fake.addVideo();
    const item = publishedItem(w.ctx, w.owner, "tiktok", { remoteId: id });
    await collect(w.ctx, w.deps);
    w.ctx.clock.advance(3600_000);
    expect((await collect(w.ctx, w.deps)).read).toBe(1);
    expect(followerHistory(w.ctx.db, w.conn.id)).toEqual([]);
    expect(w.ctx.logLines.some((l) => l.includes("follower count") && l.includes("grant"))).toBe(true);
    expect(metricsOf(w.ctx, item.id).snapshots).toHaveLength(1);
  });

  test("Instagram: reach and saves stored as given; a missing insights permission recorded on the connection", async () => {
    const fake = new FakeMeta({ processingMs: 0 }).start();
    const ctx = makeTestContext(fake.env());
    close = () => (fake.stop(), ctx.cleanup());
    const owner = makeOwner(ctx);
    const token = fake.issueLongToken();
    const conn = makeConnection(ctx, owner.userId, "instagram", {
      accessToken: token,
      refreshToken: token,
      expiresAt: new Date(ctx.clock.now().getTime() + 60 * 86_400_000),
      accountId: fake.ig.id,
    });
    const mediaId = "17900000000000042";
    fake.media.push({ id: mediaId, igUser: fake.ig.id, caption: "hello", timestamp: new Date(), container: "c1" });
    Object.assign(fake.engagement.of(mediaId), { views: 900, likes: 40, shares: 5, reach: 700, saved: 12 });
    const item = publishedItem(ctx, owner, "instagram", { remoteId: mediaId });
    const deps = collectDeps(ctx);
    await collect(ctx, deps);
    ctx.clock.advance(3600_000);
    await collect(ctx, deps);
    expect(metricsOf(ctx, item.id).snapshots[0]).toMatchObject({ views: 900, reach: 700, likes: 40, shares: 5, saves: 12, comments: 0 });
    expect(followerHistory(ctx.db, conn.id)[0]!.followers).toBe(fake.followers.ig);
    fake.fail("read", "no_permission");
    ctx.clock.advance(3600_000);
    await collect(ctx, deps);
    expect(metricRefusalsOf(ctx.db, owner.userId)).toMatchObject([{ platform: "instagram", needs: "instagram_manage_insights" }]);
    expect(metricsOf(ctx, item.id).snapshots).toHaveLength(1);
  });
});
