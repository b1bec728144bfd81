import { afterEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { contentItems } from "../../src/db/schema/content";
import type { PlatformId } from "../../src/platforms/ids";
import { createAdapters } from "../../src/publishing/adapters";
import { PlatformError } from "../../src/platforms/types";
import { getConnectionRow, openConnection } from "../../src/publishing/connections";
import { publishHandlers } from "../../src/publishing/handlers";
import { runDuePublishJobs } from "../../src/publishing/runner";
import { schedulePublishing } from "../../src/publishing/schedule";
import { FakeMeta } from "../fakes/meta";
import { makeTestContext } from "../support/context";
import { makeConnection, makeItem, makeOwner, makeVideoFile } from "../support/publishing-factories";

let close: (() => void) | undefined;
afterEach(() => close?.());

/** Publishes one Reel to Instagram or a Facebook Page through the queue, then hands back the adapter and the post. */
async function published(platform: Extract<PlatformId, "instagram" | "facebook">) {
  const fake = new FakeMeta({ processingMs: 0 }).start();
  const ctx = makeTestContext(fake.env());
  close = () => (fake.stop(), ctx.cleanup());
  const owner = makeOwner(ctx);
  const ig = platform === "instagram";
  const token = ig ? fake.issueLongToken() : fake.issuePageToken();
  const row = makeConnection(ctx, owner.userId, platform, {
    accessToken: token,
    refreshToken: ig ? token : fake.issueLongToken(),
    expiresAt: new Date(ctx.clock.now().getTime() + 60 * 86_400_000),
    accountId: ig ? fake.ig.id : fake.page.id,
    extra: ig ? { username: fake.ig.username } : {},
  });
  const deps = { adapters: createAdapters(ctx, { sleep: (ms: number) => Bun.sleep(ms / 500) }), random: () => 0.5 };
  const item = makeItem(ctx, owner, { platform, video: makeVideoFile(ctx, "reel.mp4", 100 * 1024) });
  schedulePublishing(ctx, ctx.clock.now());
  await runDuePublishJobs(ctx, publishHandlers(ctx, deps));
  const id = ctx.db.select().from(contentItems).where(eq(contentItems.id, item.id)).get()!.remoteId!;
  expect(id).toBeTruthy();
  return { fake, ctx, adapter: deps.adapters[platform]!, conn: openConnection(ctx, getConnectionRow(ctx, row.id)!), id };
}

describe("Instagram insights and comments through the Graph API fake", () => {
  test("fetchMetrics reads a reel's /{media-id}/insights lifetime values, watch times in ms turned to seconds", async () => {
    const w = await published("instagram");
    Object.assign(w.fake.engagement.of(w.id), {
      views: 900,
      likes: 40,
      shares: 5,
      reach: 700,
      saved: 12,
      avgWatchMs: 7250,
      totalWatchMs: 6_525_000,
    });
    w.fake.engagement.comment(w.id, "fan1", "wow");
    expect(await w.adapter.fetchMetrics!(w.conn, w.id)).toEqual({
      views: 900,
      reach: 700,
      likes: 40,
      comments: 1,
      shares: 5,
      saves: 12,
      avgViewSeconds: 7.25,
      watchTimeSeconds: 6525,
      fetchedAt: w.ctx.clock.now(),
    });
  });

  test("a deleted media (100/33) is not_found; a missing permission (#10) is a refusal naming instagram_manage_insights", async () => {
    const w = await published("instagram");
    w.fake.fail("read", "no_permission");
    const refused = await w.adapter.fetchMetrics!(w.conn, w.id).catch((e) => e);
    expect(refused).toMatchObject({ kind: "forbidden", needs: "instagram_manage_insights" });
    w.fake.media.splice(0, 1);
    const gone = await w.adapter.fetchMetrics!(w.conn, w.id).catch((e) => e);
    expect(gone.kind).toBe("not_found");
    expect(gone.message).toContain("does not exist");
  });

  test("fetchFollowers reads followers_count of the Instagram account and of the Page (with the Page token)", async () => {
    const ig = await published("instagram");
    expect(await ig.adapter.fetchFollowers!(ig.conn)).toBe(ig.fake.followers.ig);
    close?.();
    const fb = await published("facebook");
    expect(await fb.adapter.fetchFollowers!(fb.conn)).toBe(fb.fake.followers.page);
  });

  test("fetchComments reads /{media-id}/comments newest first, filtered by since", async () => {
    const w = await published("instagram");
    w.fake.engagement.comment(w.id, "early_bird", "first", new Date(Date.now() - 7200_000));
    w.fake.engagement.comment(w.id, "fan1", "link please?");
    const all = await w.adapter.fetchComments!(w.conn, w.id);
    expect(all.map((c) => [c.author, c.text])).toEqual([
      ["fan1", "link please?"],
      ["early_bird", "first"],
    ]);
    expect((await w.adapter.fetchComments!(w.conn, w.id, new Date(Date.now() - 3600_000))).map((c) => c.author)).toEqual(["fan1"]);
  });

  test("too few viewers (#10), throttling (#4) and an expired session (190) come back as PlatformErrors", async () => {
    const w = await published("instagram");
    w.fake.engagement.of(w.id).tooFewViewers = true;
    const few = await w.adapter.fetchMetrics!(w.conn, w.id).catch((e) => e);
    expect(few).toBeInstanceOf(PlatformError);
    expect(few.kind).toBe("rejected");
    expect(few.message).toContain("Not enough viewers");
    w.fake.fail("read", "rate_limit");
    expect((await w.adapter.fetchComments!(w.conn, w.id).catch((e) => e)).kind).toBe("rate_limited");
    w.fake.fail("read", "expired_token");
    expect((await w.adapter.fetchComments!(w.conn, w.id).catch((e) => e)).kind).toBe("auth_expired");
  });
});

describe("Facebook Page Reel counters and comments through the Graph API fake", () => {
  test("fetchMetrics reads the video's views and likes/comments summaries, then its video_insights, with the Page token", async () => {
    const w = await published("facebook");
    Object.assign(w.fake.engagement.of(w.id), {
      views: 321,
      likes: 12,
      reel: { plays: 400, reach: 250, avgWatchMs: 5000, totalWatchMs: 1_605_000 },
    });
    w.fake.engagement.comment(w.id, "Jane Doe", "great");
    expect(await w.adapter.fetchMetrics!(w.conn, w.id)).toEqual({
      views: 321,
      likes: 12,
      comments: 1,
      reach: 250,
      avgViewSeconds: 5,
      watchTimeSeconds: 1605,
      fetchedAt: w.ctx.clock.now(),
    });
  });

  test("fetchComments reads /{video-id}/comments in reverse chronological order with the commenter's name", async () => {
    const w = await published("facebook");
    w.fake.engagement.comment(w.id, "Old Timer", "hello", new Date(Date.now() - 7200_000));
    w.fake.engagement.comment(w.id, "Jane Doe", "how much is it?");
    const all = await w.adapter.fetchComments!(w.conn, w.id);
    expect(all.map((c) => [c.author, c.text])).toEqual([
      ["Jane Doe", "how much is it?"],
      ["Old Timer", "hello"],
    ]);
    expect(all[0]!.id).toStartWith(`${w.id}_`);
    expect((await w.adapter.fetchComments!(w.conn, w.id, new Date(Date.now() - 3600_000))).length).toBe(1);
  });

  test("a revoked Page token is reported as auth_revoked", async () => {
    const w = await published("facebook");
    w.fake.fail("read", "revoked");
    expect((await w.adapter.fetchMetrics!(w.conn, w.id).catch((e) => e)).kind).toBe("auth_revoked");
  });
});
