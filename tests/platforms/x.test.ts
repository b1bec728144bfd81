import { afterEach, describe, expect, test } from "bun:test";
import { getConnectionRow, openConnection } from "../../src/publishing/connections";
import { xWorld } from "./x-helpers";

let w: ReturnType<typeof xWorld>;
afterEach(() => w?.close());

describe("X publishing through twitter-api-v2 against the fake", () => {
  test("uploads in chunks, waits for processing, creates the post and records it", async () => {
    w = xWorld({ processingMs: 40 });
    const item = w.item();
    await w.run();
    const got = w.get(item.id);
    expect(got.status).toBe("published");
    expect(w.fake.tweets).toHaveLength(1);
    const tweet = w.fake.tweets[0]!;
    expect(got.remoteId).toBe(tweet.id);
    expect(got.permalink).toBe(`https://x.com/amarktai_test/status/${tweet.id}`);
    expect(tweet.mediaIds).toHaveLength(1);
    expect(tweet.text).toContain("utm_content=amk");
    // 300 KiB in 100 KiB segments = 3 APPEND calls, and at least one STATUS poll while processing.
    expect(w.fake.calls.filter((c) => c.path.endsWith("/append"))).toHaveLength(3);
    expect(w.fake.calls.filter((c) => c.path === "/2/media/upload" && c.method === "GET").length).toBeGreaterThan(0);
    expect(w.history(item.id)).toEqual(
      expect.arrayContaining([
        "publish.scheduled",
        "publish.started",
        "publish.prepared",
        "publish.media_uploaded",
        "publish.create_sent",
        "publish.published",
      ]),
    );
    expect(getConnectionRow(w.ctx, w.conn.id)!.postsTotal).toBe(1);
  });

  test("an expired access token is refreshed (rotating the refresh token) and the post goes out", async () => {
    w = xWorld();
    const before = openConnection(w.ctx, getConnectionRow(w.ctx, w.conn.id)!);
    w.fake.fail("create", "expired_token");
    const item = w.item();
    await w.run();
    expect(w.get(item.id).status).toBe("published");
    expect(w.fake.tweets).toHaveLength(1);
    const after = openConnection(w.ctx, getConnectionRow(w.ctx, w.conn.id)!);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).toBeDefined();
    expect(after.refreshToken).not.toBe(before.refreshToken);
  });

  test("a revoked grant marks the connection reconnect_needed, tells the user and fails the item", async () => {
    w = xWorld();
    w.fake.fail("initialize", "revoked");
    const item = w.item();
    await w.run();
    const got = w.get(item.id);
    expect(got.status).toBe("failed");
    expect(got.failure).toContain("needs to be reconnected");
    expect(getConnectionRow(w.ctx, w.conn.id)!.status).toBe("reconnect_needed");
    expect(w.events.map((e) => e.name)).toEqual(["connection.revoked", "content.attention"]);
    expect(w.fake.tweets).toHaveLength(0);
  });

  test("429 with a reset header delays the job to that time, then publishes once", async () => {
    w = xWorld();
    w.fake.fail("create", "rate_limit_reset");
    const item = w.item();
    await w.run();
    expect(w.get(item.id).status).toBe("scheduled");
    const job = w.job(item.id);
    expect(job.status).toBe("queued");
    const resetMs = job.runAt.getTime();
    expect(Math.abs(resetMs - (Date.now() + 900_000))).toBeLessThan(5_000);
    w.ctx.clock.set(new Date(resetMs + 1000));
    await w.run();
    expect(w.get(item.id).status).toBe("published");
    expect(w.fake.tweets).toHaveLength(1);
  });

  test("429 without reset headers backs off on our own and does not fail", async () => {
    w = xWorld();
    w.fake.fail("create", "rate_limit_plain");
    const item = w.item();
    const t0 = w.ctx.clock.now().getTime();
    await w.run();
    const job = w.job(item.id);
    expect(job.status).toBe("queued");
    // backoff(1) = 60 s with jitter 0.5..1.5 (random() = 0.5 in tests: exactly 60 s)
    expect(job.runAt.getTime() - t0).toBe(60_000);
    w.ctx.clock.advance(60_000);
    await w.run();
    expect(w.get(item.id).status).toBe("published");
  });

  test("the daily cap answer delays until X's 24-hour reset", async () => {
    w = xWorld();
    w.fake.fail("create", "daily_cap");
    const item = w.item();
    await w.run();
    const job = w.job(item.id);
    expect(w.get(item.id).status).toBe("scheduled");
    expect(Math.abs(job.runAt.getTime() - (Date.now() + 6 * 3600_000))).toBeLessThan(5_000);
    expect(w.history(item.id)).toContain("publish.waiting");
  });

  test("media rejected by processing fails the item with the reason", async () => {
    w = xWorld();
    w.fake.fail("finalize", "media_rejected");
    const item = w.item();
    await w.run();
    const got = w.get(item.id);
    expect(got.status).toBe("failed");
    expect(got.failure).toContain("longer than 140 seconds");
    expect(w.fake.createCalls).toBe(0);
    expect(w.events.map((e) => e.name)).toEqual(["content.attention"]);
  });

  test("a caption over 280 weighted characters fails before any call", async () => {
    w = xWorld();
    const item = w.item({ caption: "x".repeat(300) });
    await w.run();
    expect(w.get(item.id).status).toBe("failed");
    expect(w.get(item.id).failure).toContain("X allows 280 characters");
    expect(w.fake.calls).toHaveLength(0);
  });

  test("a lost answer to an accepted create is reconciled: published once, never reposted", async () => {
    w = xWorld();
    w.fake.fail("create", "accept_then_503");
    const item = w.item();
    await w.run();
    expect(w.get(item.id).status).toBe("publishing");
    w.ctx.clock.advance(61_000);
    await w.run();
    const got = w.get(item.id);
    expect(got.status).toBe("published");
    expect(got.remoteId).toBe(w.fake.tweets[0]!.id);
    expect(w.fake.tweets).toHaveLength(1);
    expect(w.fake.createCalls).toBe(1);
  });

  test("'duplicate content' with no matching post ends in needs_check, not a repost", async () => {
    w = xWorld();
    w.fake.fail("create", "duplicate");
    const item = w.item();
    await w.run();
    w.ctx.clock.advance(61_000);
    await w.run();
    const got = w.get(item.id);
    expect(got.status).toBe("needs_check");
    expect(got.failure).toContain("will not be posted again automatically");
    expect(w.fake.createCalls).toBe(0);
    expect(w.events.map((e) => e.name)).toEqual(["content.attention"]);
  });

  test("transient 503s before the create retry with backoff, then fail clearly after max_attempts", async () => {
    w = xWorld();
    for (let i = 0; i < 6; i++) w.fake.fail("initialize", "server_error");
    const item = w.item();
    for (let i = 0; i < 6; i++) {
      await w.run();
      w.ctx.clock.advance(2 * 3600_000);
    }
    const got = w.get(item.id);
    expect(got.status).toBe("failed");
    expect(got.failure).toContain("failed 6 times");
    expect(w.fake.createCalls).toBe(0);
  });

  test("a 503 then success publishes on the retry", async () => {
    w = xWorld();
    w.fake.fail("append", "server_error");
    const item = w.item();
    await w.run();
    expect(w.get(item.id).status).toBe("scheduled");
    w.ctx.clock.advance(60_000);
    await w.run();
    expect(w.get(item.id).status).toBe("published");
    expect(w.fake.tweets).toHaveLength(1);
  });
});
