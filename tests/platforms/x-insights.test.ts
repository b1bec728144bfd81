import { afterEach, describe, expect, test } from "bun:test";
import { getConnectionRow, openConnection } from "../../src/publishing/connections";
import { PlatformError } from "../../src/platforms/types";
import { xWorld } from "./x-helpers";

let w: ReturnType<typeof xWorld>;
afterEach(() => w?.close());

/** Publishes one item through the queue and returns the adapter, the connection and the post's id. */
async function published() {
  w = xWorld();
  const item = w.item();
  await w.run();
  const conn = openConnection(w.ctx, getConnectionRow(w.ctx, w.conn.id)!);
  return { x: w.deps.adapters.x!, conn, id: w.get(item.id).remoteId! };
}

describe("X metrics and replies through twitter-api-v2 against the fake", () => {
  test("fetchMetrics looks the post up (GET /2/tweets?ids=) for public_metrics and, while it is young, non_public_metrics", async () => {
    const { x, conn, id } = await published();
    w.fake.setMetrics(id, { like_count: 7, retweet_count: 2, quote_count: 1, impression_count: 1234, bookmark_count: 4 });
    w.fake.tweets.find((t) => t.id === id)!.profileClicks = 9;
    w.fake.addReply(id, "nice one");
    const m = await x.fetchMetrics!(conn, id);
    expect(m).toEqual({
      views: 1234,
      impressions: 1234,
      likes: 7,
      comments: 1,
      shares: 3,
      saves: 4,
      profileVisits: 9,
      fetchedAt: w.ctx.clock.now(),
    });
    expect(w.fake.calls.some((c) => c.method === "GET" && c.path === "/2/tweets")).toBe(true);
  });

  test("fetchComments lists the conversation's replies with their authors, newest first, honouring since", async () => {
    const { x, conn, id } = await published();
    const old = new Date(Date.now() - 3 * 3600_000);
    w.fake.addReply(id, "first!", old);
    const r2 = w.fake.addReply(id, "where can I try it?");
    const all = await x.fetchComments!(conn, id);
    expect(all.map((c) => c.text)).toEqual(["where can I try it?", "first!"]);
    expect(all[0]).toMatchObject({ id: r2, author: "replier_one" });
    expect(all[0]!.createdAt).toBeInstanceOf(Date);
    const recent = await x.fetchComments!(conn, id, new Date(Date.now() - 3600_000));
    expect(recent.map((c) => c.text)).toEqual(["where can I try it?"]);
  });

  test("a post without replies gives an empty list", async () => {
    const { x, conn, id } = await published();
    expect(await x.fetchComments!(conn, id)).toEqual([]);
  });

  test("a deleted post, an expired token and a rate limit come back as PlatformErrors the caller can act on", async () => {
    const { x, conn, id } = await published();
    const missing = await x.fetchMetrics!(conn, "999").catch((e) => e);
    expect(missing).toBeInstanceOf(PlatformError);
    expect(missing.kind).toBe("not_found");
    expect(missing.message).toContain("does not exist");
    w.fake.fail("read", "expired_token");
    expect((await x.fetchMetrics!(conn, id).catch((e) => e)).kind).toBe("auth_expired");
    w.fake.fail("read", "rate_limit_reset");
    const rl = await x.fetchComments!(conn, id).catch((e) => e);
    expect(rl.kind).toBe("rate_limited");
    expect(rl.retryAt).toBeInstanceOf(Date);
  });
});
