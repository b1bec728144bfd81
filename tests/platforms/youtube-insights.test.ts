import { afterEach, describe, expect, test } from "bun:test";
import { PlatformError } from "../../src/platforms/types";
import { getConnectionRow, openConnection } from "../../src/publishing/connections";
import { youtubeWorld } from "./youtube-helpers";

let w: ReturnType<typeof youtubeWorld>;
afterEach(() => w?.close());

async function published() {
  w = youtubeWorld();
  const item = w.item();
  await w.run();
  const conn = openConnection(w.ctx, getConnectionRow(w.ctx, w.conn.id)!);
  return { yt: w.deps.adapters.youtube!, conn, id: w.get(item.id).remoteId! };
}

describe("YouTube statistics and comments through googleapis against the fake", () => {
  test("fetchMetrics reads videos.list part=statistics (string counters become numbers)", async () => {
    const { yt, conn, id } = await published();
    w.fake.setStats(id, { viewCount: 4321, likeCount: 55, commentCount: 3 });
    expect(await yt.fetchMetrics!(conn, id)).toEqual({ views: 4321, likes: 55, comments: 3, fetchedAt: w.ctx.clock.now() });
  });

  test("fetchMetrics on a video YouTube no longer lists says so", async () => {
    const { yt, conn } = await published();
    const e = await yt.fetchMetrics!(conn, "nope").catch((x) => x);
    expect(e).toBeInstanceOf(PlatformError);
    expect(e.message).toContain("does not exist");
  });

  test("fetchComments lists commentThreads newest first, filtered by since", async () => {
    const { yt, conn, id } = await published();
    w.fake.addComment(id, "Ada", "old one", new Date(Date.now() - 7200_000));
    w.fake.addComment(id, "Bob", "love it");
    const all = await yt.fetchComments!(conn, id);
    expect(all.map((c) => [c.author, c.text])).toEqual([
      ["Bob", "love it"],
      ["Ada", "old one"],
    ]);
    expect(all[0]!.id).toMatch(/^Ug/);
    expect((await yt.fetchComments!(conn, id, new Date(Date.now() - 3600_000))).map((c) => c.text)).toEqual(["love it"]);
  });

  test("comments turned off give an empty list; a missing video and an expired token come back as PlatformErrors", async () => {
    const { yt, conn, id } = await published();
    w.fake.disableComments(id);
    expect(await yt.fetchComments!(conn, id)).toEqual([]);
    w.fake.fail("read", "expired_token");
    expect((await yt.fetchMetrics!(conn, id).catch((x) => x)).kind).toBe("auth_expired");
    const missing = await yt.fetchComments!(conn, "gone").catch((x) => x);
    expect(missing.kind).toBe("rejected");
    expect(missing.message).toContain("could not be found");
  });
});
