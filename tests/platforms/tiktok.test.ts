import { afterEach, describe, expect, test } from "bun:test";
import { createAdapters } from "../../src/publishing/adapters";
import { tiktokChunks } from "../../src/platforms/tiktok/adapter";
import { getConnectionRow, openConnection } from "../../src/publishing/connections";
import { refreshDueTokens } from "../../src/publishing/handlers";
import { finishConnect, oauthProviders, startConnect } from "../../src/connections/oauth";
import { FakeTikTok } from "../fakes/tiktok";
import { makeTestContext } from "../support/context";
import { makeConnection, makeItem, makeOwner, makeVideoFile, publishQueue, recordPublishEvents } from "../support/publishing-factories";

const MB = 1024 * 1024;

function world(env: Record<string, string> = {}, processingMs = 30) {
  const fake = new FakeTikTok({ processingMs }).start();
  const ctx = makeTestContext({ ...fake.env(), AMARKTAI_PLATFORM_TIKTOK_CHUNK_BYTES: String(5 * MB), ...env });
  const owner = makeOwner(ctx);
  const t = fake.issueTokens();
  const conn = makeConnection(ctx, owner.userId, "tiktok", {
    accessToken: t.accessToken,
    refreshToken: t.refreshToken,
    expiresAt: new Date(ctx.clock.now().getTime() + t.expiresIn * 1000),
    accountId: fake.user.open_id,
    accountName: fake.user.display_name,
    // Login Kit gives no handle with our scopes: the permalink must take it from creator_info.
    extra: {},
  });
  const deps = { adapters: createAdapters(ctx, { sleep: (ms: number) => Bun.sleep(ms / 1000) }), random: () => 0.5 };
  const events = recordPublishEvents(ctx);
  return {
    fake,
    ctx,
    owner,
    conn,
    deps,
    events,
    item: (o: Parameters<typeof makeItem>[2] = {}, bytes = 1 * MB) =>
      makeItem(ctx, owner, { platform: "tiktok", video: makeVideoFile(ctx, `t${Math.random().toString(36).slice(2)}.mp4`, bytes), ...o }),
    ...publishQueue(ctx, deps),
    close() {
      fake.stop();
      ctx.cleanup();
    },
  };
}

let w: ReturnType<typeof world>;
afterEach(() => w?.close());

describe("TikTok through the Content Posting API against the fake", () => {
  test("chunking follows TikTok's rule: one chunk under 5 MB, else the remainder rides on the last chunk", () => {
    expect(tiktokChunks(3 * MB, 10 * MB)).toEqual({ chunkSize: 3 * MB, count: 1 });
    expect(tiktokChunks(12 * MB, 5 * MB)).toEqual({ chunkSize: 5 * MB, count: 2 });
  });

  test("creator_info, video/init FILE_UPLOAD, PUT chunks with Content-Range (206 then 201), status/fetch to PUBLISH_COMPLETE", async () => {
    w = world();
    const item = w.item({}, 11 * MB);
    await w.run();
    const got = w.get(item.id);
    expect(got.status).toBe("published");
    // A 19-digit int64 id, kept digit for digit (as a double it would end in ...000).
    expect(w.fake.posts[0]!.id).toMatch(/^\d{19}$/);
    expect(got.remoteId).toBe(w.fake.posts[0]!.id);
    expect(got.permalink).toBe(`https://www.tiktok.com/@exampleapp/video/${w.fake.posts[0]!.id}`);
    expect(w.fake.calls.filter((c) => c.method === "PUT").map((c) => c.range)).toEqual([
      `bytes 0-${5 * MB - 1}/${11 * MB}`,
      `bytes ${5 * MB}-${11 * MB - 1}/${11 * MB}`,
    ]);
    expect(w.fake.calls[0]!.path).toBe("/v2/post/publish/creator_info/query/");
  });

  test("expired token -> refresh (new refresh token stored) -> published; revoked -> reconnect_needed", async () => {
    w = world();
    const before = openConnection(w.ctx, getConnectionRow(w.ctx, w.conn.id)!);
    w.fake.fail("init", "expired_token");
    const a = w.item();
    await w.run();
    expect(w.get(a.id).status).toBe("published");
    const after = openConnection(w.ctx, getConnectionRow(w.ctx, w.conn.id)!);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    w.fake.fail("creator", "revoked");
    const b = w.item({ caption: "b" });
    await w.run();
    expect(w.get(b.id).status).toBe("failed");
    expect(getConnectionRow(w.ctx, w.conn.id)!.status).toBe("reconnect_needed");
    expect(w.events).toEqual(["connection.revoked", "content.attention"]);
  });

  test("429 waits a minute; spam_risk_too_many_posts (the daily cap) delays, never fails", async () => {
    w = world();
    w.fake.fail("init", "rate_limit");
    const a = w.item();
    const t0 = w.ctx.clock.now().getTime();
    await w.run();
    expect(w.job(a.id).runAt.getTime() - t0).toBe(60_000);
    w.ctx.clock.advance(60_000);
    w.fake.fail("init", "spam_cap");
    await w.run();
    expect(w.get(a.id).status).toBe("scheduled");
    expect(w.job(a.id).runAt.getTime() - w.ctx.clock.now().getTime()).toBeGreaterThan(3600_000);
  });

  test("FAILED with a fail_reason fails the item with it; a privacy level the account lacks says which key to change", async () => {
    w = world({ AMARKTAI_PLATFORM_TIKTOK_PRIVACY_LEVEL: "FOLLOWER_OF_CREATOR" });
    const b = w.item();
    await w.run();
    expect(w.get(b.id).failure).toContain("platform_tiktok.privacy_level");
    w.close();
    w = world();
    w.fake.fail("status", "media_rejected");
    const a = w.item();
    await w.run();
    expect(w.get(a.id).status).toBe("failed");
    expect(w.get(a.id).failure).toContain("duration check failed");
  });

  test("a lost answer to the last chunk is reconciled from video/list; one post", async () => {
    w = world();
    w.fake.fail("final", "accept_then_500");
    const a = w.item();
    await w.run();
    expect(w.get(a.id).status).toBe("publishing");
    w.ctx.clock.advance(61_000);
    await w.run();
    expect(w.get(a.id).status).toBe("published");
    expect(w.fake.completions).toBe(1);
  });

  test("a lost answer to the last chunk: status/fetch with the saved publish_id gives the post even when video/list fails", async () => {
    w = world({}, 0);
    w.fake.fail("final", "accept_then_500");
    const a = w.item();
    await w.run();
    expect(w.get(a.id).status).toBe("publishing");
    w.fake.fail("list", "server_error");
    w.ctx.clock.advance(61_000);
    await w.run();
    expect(w.get(a.id).status).toBe("published");
    expect(w.get(a.id).remoteId).toBe(w.fake.posts[0]!.id);
    expect(w.fake.completions).toBe(1);
  });

  test("a lost answer, then TikTok's status says FAILED: the item fails with TikTok's reason, not needs_check", async () => {
    w = world({}, 0);
    w.fake.fail("status", "media_rejected");
    w.fake.fail("final", "accept_then_500");
    const a = w.item();
    await w.run();
    w.ctx.clock.advance(61_000);
    await w.run();
    expect(w.get(a.id).status).toBe("failed");
    expect(w.get(a.id).failure).toContain("duration check failed");
  });

  test("Login Kit: state checked, code exchanged, creator read; refresh ahead of expiry", async () => {
    w = world();
    const user = makeOwner(w.ctx);
    const p = oauthProviders(w.ctx).tiktok!;
    const res = await fetch(startConnect(w.ctx, p, user.userId), { redirect: "manual" });
    const back = new URL(res.headers.get("location")!).searchParams;
    const [row] = await finishConnect(w.ctx, p, user.userId, { state: back.get("state")!, code: back.get("code")! });
    expect(row!.accountName).toBe("Example App");
    w.ctx.clock.advance(86_400_000 - 10 * 60_000);
    expect((await refreshDueTokens(w.ctx, w.ctx.clock.now(), w.deps)).refreshed).toBe(2);
  });
});
