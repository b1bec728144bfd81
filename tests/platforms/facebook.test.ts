import { afterEach, describe, expect, test } from "bun:test";
import { createAdapters } from "../../src/publishing/adapters";
import { getConnectionRow, openConnection } from "../../src/publishing/connections";
import { refreshDueTokens } from "../../src/publishing/handlers";
import { finishConnect, oauthProviders, startConnect } from "../../src/connections/oauth";
import { FakeMeta } from "../fakes/meta";
import { makeTestContext } from "../support/context";
import { makeConnection, makeItem, makeOwner, makeVideoFile, publishQueue, recordPublishEvents } from "../support/publishing-factories";

function world() {
  const fake = new FakeMeta({ processingMs: 30 }).start();
  const ctx = makeTestContext(fake.env());
  const owner = makeOwner(ctx);
  const conn = makeConnection(ctx, owner.userId, "facebook", {
    accessToken: fake.issuePageToken(),
    refreshToken: fake.issueLongToken(),
    expiresAt: new Date(ctx.clock.now().getTime() + 60 * 86_400_000),
    accountId: fake.page.id,
    accountName: fake.page.name,
  });
  const deps = { adapters: createAdapters(ctx, { sleep: (ms: number) => Bun.sleep(ms / 500) }), random: () => 0.5 };
  const events = recordPublishEvents(ctx);
  const video = makeVideoFile(ctx, "reel.mp4", 150 * 1024);
  return {
    fake,
    ctx,
    owner,
    conn,
    deps,
    events,
    item: (o: Parameters<typeof makeItem>[2] = {}) => makeItem(ctx, owner, { platform: "facebook", video, ...o }),
    ...publishQueue(ctx, deps),
    close() {
      fake.stop();
      ctx.cleanup();
    },
  };
}

let w: ReturnType<typeof world>;
afterEach(() => w?.close());

describe("Facebook Page Reels through the Graph API against the fake", () => {
  test("start, upload to the returned URL, finish PUBLISHED, poll until published; permalink", async () => {
    w = world();
    const item = w.item();
    await w.run();
    const got = w.get(item.id);
    expect(got.status).toBe("published");
    expect(got.remoteId).toBe(w.fake.reels[0]!.id);
    expect(got.permalink).toBe(`https://www.facebook.com/reel/${w.fake.reels[0]!.id}/`);
    expect(w.fake.reels[0]!.description).toContain("utm_content=amk");
    expect(w.fake.calls.filter((c) => c.path.startsWith("/video-upload/"))).toHaveLength(1);
  });

  test("a Reel rejected in processing fails with Facebook's reason; throttling (code 4) delays", async () => {
    w = world();
    w.fake.fail("reel_status", "media_rejected");
    const a = w.item();
    await w.run();
    expect(w.get(a.id).status).toBe("failed");
    expect(w.get(a.id).failure).toContain("at least 3 seconds");
    w.fake.fail("reel_start", "rate_limit");
    const b = w.item({ caption: "b" });
    await w.run();
    expect(w.get(b.id).status).toBe("scheduled");
  });

  test("a lost answer to finish is reconciled from the Page's reels; a removed app needs reconnect", async () => {
    w = world();
    w.fake.fail("reel_finish", "accept_then_500");
    const a = w.item();
    await w.run();
    expect(w.get(a.id).status).toBe("publishing");
    w.ctx.clock.advance(61_000);
    await w.run();
    expect(w.get(a.id).status).toBe("published");
    expect(w.fake.reelFinishCalls).toBe(1);
    w.fake.fail("reel_start", "revoked");
    const b = w.item({ caption: "b" });
    await w.run();
    expect(w.get(b.id).status).toBe("failed");
    expect(getConnectionRow(w.ctx, w.conn.id)!.status).toBe("reconnect_needed");
    expect(w.events).toContain("connection.revoked");
  });

  test("reconciliation finds the Reel even when the Page's photo list fails at that moment", async () => {
    w = world();
    w.fake.fail("reel_finish", "accept_then_500");
    const a = w.item();
    await w.run();
    expect(w.get(a.id).status).toBe("publishing");
    w.ctx.clock.advance(61_000);
    w.fake.fail("photo_list", "server_error");
    await w.run();
    expect(w.get(a.id).status).toBe("published");
    expect(w.get(a.id).remoteId).toBe(w.fake.reels[0]!.id);
    expect(w.fake.calls.some((c) => c.method === "GET" && c.path.endsWith("/photos"))).toBe(true);
  });

  test("Facebook Login offers each managed Page with its own token; renewal re-reads the Page token", async () => {
    w = world();
    const user = makeOwner(w.ctx);
    const p = oauthProviders(w.ctx).facebook!;
    const res = await fetch(startConnect(w.ctx, p, user.userId), { redirect: "manual" });
    const back = new URL(res.headers.get("location")!).searchParams;
    const [row] = await finishConnect(w.ctx, p, user.userId, { state: back.get("state")!, code: back.get("code")! });
    expect(row!.accountName).toBe("Example App Page");
    const first = openConnection(w.ctx, row!).accessToken;
    expect(first).toStartWith("EAAP");
    w.ctx.clock.advance(60 * 86_400_000 - 10 * 60_000);
    await refreshDueTokens(w.ctx, w.ctx.clock.now(), w.deps);
    const after = openConnection(w.ctx, getConnectionRow(w.ctx, row!.id)!);
    expect(after.accessToken).toStartWith("EAAP");
    expect(after.accessToken).not.toBe(first);
  });
});
