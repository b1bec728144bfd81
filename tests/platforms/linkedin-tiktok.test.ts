import { afterEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import type { AppContext } from "../../src/app/context";
import { contentItems } from "../../src/db/schema/content";
import type { PlatformId } from "../../src/platforms/ids";
import { createAdapters } from "../../src/publishing/adapters";
import { PlatformError } from "../../src/platforms/types";
import { getConnectionRow, openConnection } from "../../src/publishing/connections";
import { publishHandlers } from "../../src/publishing/handlers";
import { runDuePublishJobs } from "../../src/publishing/runner";
import { schedulePublishing } from "../../src/publishing/schedule";
import { FakeLinkedIn } from "../fakes/linkedin";
import { FakeTikTok } from "../fakes/tiktok";
import { makeTestContext } from "../support/context";
import { makeConnection, makeImageFile, makeItem, makeOwner, makeVideoFile } from "../support/publishing-factories";

let close: (() => void) | undefined;
afterEach(() => close?.());

/** Publishes one video item through the queue to `platform` and returns the adapter, connection and remote id. */
async function publishOne(
  ctx: AppContext,
  platform: PlatformId,
  t: { accessToken: string; refreshToken: string; expiresIn: number },
  accountId: string,
  extra: Record<string, string>,
) {
  const owner = makeOwner(ctx);
  const row = makeConnection(ctx, owner.userId, platform, {
    accessToken: t.accessToken,
    refreshToken: t.refreshToken,
    expiresAt: new Date(ctx.clock.now().getTime() + t.expiresIn * 1000),
    accountId,
    extra,
  });
  const deps = { adapters: createAdapters(ctx, { sleep: (ms: number) => Bun.sleep(ms / 1000) }), random: () => 0.5 };
  const item = makeItem(ctx, owner, { platform, video: makeVideoFile(ctx, "v.mp4", 300 * 1024) });
  schedulePublishing(ctx, ctx.clock.now());
  await runDuePublishJobs(ctx, publishHandlers(ctx, deps));
  const id = ctx.db.select().from(contentItems).where(eq(contentItems.id, item.id)).get()!.remoteId!;
  expect(id).toBeTruthy();
  return { adapter: deps.adapters[platform]!, conn: openConnection(ctx, getConnectionRow(ctx, row.id)!), id };
}

async function linkedin() {
  const fake = new FakeLinkedIn({ processingMs: 0, partSize: 256 * 1024 }).start();
  const ctx = makeTestContext(fake.env());
  close = () => (fake.stop(), ctx.cleanup());
  return {
    fake,
    ctx,
    ...(await publishOne(ctx, "linkedin", fake.issueTokens(), fake.member.sub, { author: `urn:li:person:${fake.member.sub}` })),
  };
}

async function tiktok() {
  const fake = new FakeTikTok({ processingMs: 0 }).start();
  const ctx = makeTestContext(fake.env());
  close = () => (fake.stop(), ctx.cleanup());
  return { fake, ctx, ...(await publishOne(ctx, "tiktok", fake.issueTokens(), fake.user.open_id, { username: "exampleapp" })) };
}

describe("LinkedIn social actions through the versioned REST fake", () => {
  test("fetchMetrics reads the likes and comments summaries of the post URN", async () => {
    const w = await linkedin();
    w.fake.setLikes(w.id, 17);
    w.fake.addComment(w.id, "congrats!");
    expect(await w.adapter.fetchMetrics!(w.conn, w.id)).toEqual({ likes: 17, comments: 1, fetchedAt: w.ctx.clock.now() });
    const call = w.fake.calls.find((c) => c.path.startsWith("/rest/socialActions/"))!;
    expect(call.version).toMatch(/^\d{6}$/);
    expect(call.restli).toBe("2.0.0");
  });

  test("fetchComments lists the post's comments newest first with the commenter's URN, filtered by since", async () => {
    const w = await linkedin();
    w.fake.addComment(w.id, "older", Date.now() - 7200_000, "urn:li:person:aaa");
    w.fake.addComment(w.id, "newer", Date.now(), "urn:li:organization:42");
    const all = await w.adapter.fetchComments!(w.conn, w.id);
    expect(all.map((c) => [c.author, c.text])).toEqual([
      ["urn:li:organization:42", "newer"],
      ["urn:li:person:aaa", "older"],
    ]);
    expect((await w.adapter.fetchComments!(w.conn, w.id, new Date(Date.now() - 3600_000))).map((c) => c.text)).toEqual(["newer"]);
  });

  test("a missing permission (403), a throttle (429) and an unknown post (404) come back as PlatformErrors", async () => {
    const w = await linkedin();
    w.fake.fail("read", "forbidden");
    const denied = await w.adapter.fetchComments!(w.conn, w.id).catch((e) => e);
    expect(denied).toBeInstanceOf(PlatformError);
    expect(denied.message).toContain("Not enough permissions");
    w.fake.fail("read", "rate_limit_retry_after");
    expect((await w.adapter.fetchMetrics!(w.conn, w.id).catch((e) => e)).kind).toBe("rate_limited");
    expect((await w.adapter.fetchMetrics!(w.conn, "urn:li:share:1").catch((e) => e)).status).toBe(404);
  });
});

describe("TikTok video counters through /v2/video/query/", () => {
  test("fetchMetrics reads like, comment, share and view counts; there is no fetchComments", async () => {
    const w = await tiktok();
    w.fake.setStats(w.id, { like_count: 90, comment_count: 4, share_count: 3, view_count: 2500 });
    expect(await w.adapter.fetchMetrics!(w.conn, w.id)).toEqual({
      views: 2500,
      likes: 90,
      comments: 4,
      shares: 3,
      fetchedAt: w.ctx.clock.now(),
    });
    expect(w.adapter.fetchComments).toBeUndefined();
  });

  test("a video not listed for the account, a rate limit and an expired token are PlatformErrors", async () => {
    const w = await tiktok();
    const gone = await w.adapter.fetchMetrics!(w.conn, "7000000000000000001").catch((e) => e);
    expect(gone).toBeInstanceOf(PlatformError);
    expect(gone.message).toContain("does not list video");
    w.fake.fail("query", "rate_limit");
    expect((await w.adapter.fetchMetrics!(w.conn, w.id).catch((e) => e)).kind).toBe("rate_limited");
    w.fake.fail("query", "expired_token");
    expect((await w.adapter.fetchMetrics!(w.conn, w.id).catch((e) => e)).kind).toBe("auth_expired");
  });
});

describe("LinkedIn image posts: Images API initializeUpload, PUT, then the post with content.media", () => {
  test("an image item uploads its picture and posts it with the image URN", async () => {
    const fake = new FakeLinkedIn({ processingMs: 0, partSize: 256 * 1024 }).start();
    const ctx = makeTestContext(fake.env());
    close = () => (fake.stop(), ctx.cleanup());
    const owner = makeOwner(ctx);
    const t = fake.issueTokens();
    makeConnection(ctx, owner.userId, "linkedin", {
      accessToken: t.accessToken,
      refreshToken: t.refreshToken,
      expiresAt: new Date(ctx.clock.now().getTime() + t.expiresIn * 1000),
      accountId: fake.member.sub,
      extra: { author: `urn:li:person:${fake.member.sub}` },
    });
    const img = await makeImageFile(ctx, "li.jpg", 1200, 627);
    const item = makeItem(ctx, owner, { platform: "linkedin", format: "image", images: [img] });
    schedulePublishing(ctx, ctx.clock.now());
    await runDuePublishJobs(
      ctx,
      publishHandlers(ctx, { adapters: createAdapters(ctx, { sleep: (ms: number) => Bun.sleep(ms / 1000) }), random: () => 0.5 }),
    );
    const got = ctx.db.select().from(contentItems).where(eq(contentItems.id, item.id)).get()!;
    expect(got.status).toBe("published");
    expect(fake.posts).toHaveLength(1);
    const urn = fake.posts[0]!.media!;
    expect(urn).toStartWith("urn:li:image:");
    expect(fake.images.get(urn)).toEqual({
      owner: `urn:li:person:${fake.member.sub}`,
      bytes: Bun.file(`${ctx.config.storage.media_dir}/${img.path}`).size,
      type: "image/jpeg",
    });
    expect(got.remoteId).toBe(fake.posts[0]!.urn);
  });
});
