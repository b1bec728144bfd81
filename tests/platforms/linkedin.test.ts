import { afterEach, describe, expect, test } from "bun:test";
import { littleText, plainText } from "../../src/platforms/linkedin/client";
import { createAdapters } from "../../src/publishing/adapters";
import { getConnectionRow, openConnection } from "../../src/publishing/connections";
import { finishConnect, oauthProviders, startConnect } from "../../src/connections/oauth";
import { FakeLinkedIn } from "../fakes/linkedin";
import { makeTestContext } from "../support/context";
import { makeConnection, makeItem, makeOwner, makeVideoFile, publishQueue, recordPublishEvents } from "../support/publishing-factories";

function world(opts: { processingMs?: number } = {}) {
  const fake = new FakeLinkedIn({ processingMs: opts.processingMs ?? 30, partSize: 256 * 1024 }).start();
  const ctx = makeTestContext(fake.env());
  const owner = makeOwner(ctx);
  const t = fake.issueTokens();
  const conn = makeConnection(ctx, owner.userId, "linkedin", {
    accessToken: t.accessToken,
    refreshToken: t.refreshToken,
    expiresAt: new Date(ctx.clock.now().getTime() + t.expiresIn * 1000),
    accountId: fake.member.sub,
    accountName: fake.member.name,
    extra: { author: `urn:li:person:${fake.member.sub}` },
  });
  const deps = { adapters: createAdapters(ctx, { sleep: (ms: number) => Bun.sleep(ms / 500) }), random: () => 0.5 };
  const events = recordPublishEvents(ctx);
  return {
    fake,
    ctx,
    owner,
    conn,
    deps,
    events,
    item: (o: Parameters<typeof makeItem>[2] = {}) =>
      makeItem(ctx, owner, {
        platform: "linkedin",
        video: makeVideoFile(ctx, `l${Math.random().toString(36).slice(2)}.mp4`, 600 * 1024),
        hashtags: ["build_in_public", "saas"],
        ...o,
      }),
    ...publishQueue(ctx, deps),
    close() {
      fake.stop();
      ctx.cleanup();
    },
  };
}

let w: ReturnType<typeof world>;
afterEach(() => w?.close());

describe("LinkedIn through fetch against the fake", () => {
  test("initializeUpload, PUT parts with ETags, finalizeUpload, poll AVAILABLE, POST /rest/posts; versioned headers on every call", async () => {
    w = world({ processingMs: 40 });
    const item = w.item({ caption: "Ship faster (really) with Example App" });
    await w.run();
    const got = w.get(item.id);
    expect(got.status).toBe("published");
    const post = w.fake.posts[0]!;
    expect(got.remoteId).toBe(post.urn);
    expect(got.permalink).toBe(`https://www.linkedin.com/feed/update/${post.urn}/`);
    expect(post.media).toMatch(/^urn:li:video:/);
    expect(post.commentary).toContain("Ship faster \\(really\\) with Example App");
    expect(post.commentary).toContain("{hashtag|\\#|build\\_in\\_public}");
    expect(w.fake.calls.filter((c) => c.path.startsWith("/upload/"))).toHaveLength(3);
    const rest = w.fake.calls.filter((c) => c.path.startsWith("/rest/"));
    expect(rest.every((c) => c.version === w.ctx.config.platform_linkedin.version && c.restli === "2.0.0")).toBe(true);
  });

  test("little text round-trips to the words we posted", () => {
    const text = "Hi (all) @team, issue#4: see https://a.example/x_(y)?utm_content=amk1\n\n#build_in_public #saas";
    expect(plainText(littleText(text))).toBe(text);
  });

  test("expired token -> refresh, then the post goes out", async () => {
    w = world();
    w.fake.fail("init", "expired_token");
    const before = openConnection(w.ctx, getConnectionRow(w.ctx, w.conn.id)!);
    const item = w.item();
    await w.run();
    expect(w.get(item.id).status).toBe("published");
    expect(openConnection(w.ctx, getConnectionRow(w.ctx, w.conn.id)!).accessToken).not.toBe(before.accessToken);
  });

  test("revoked (65601) -> reconnect_needed and the user is told", async () => {
    w = world();
    w.fake.fail("init", "revoked");
    const item = w.item();
    await w.run();
    expect(w.get(item.id).status).toBe("failed");
    expect(getConnectionRow(w.ctx, w.conn.id)!.status).toBe("reconnect_needed");
    expect(w.events).toEqual(["connection.revoked", "content.attention"]);
  });

  test("429 with Retry-After waits that long; a daily-limit 429 waits until midnight UTC", async () => {
    w = world();
    w.fake.fail("create", "rate_limit_retry_after");
    const a = w.item();
    const t0 = w.ctx.clock.now().getTime();
    await w.run();
    expect(w.job(a.id).runAt.getTime() - t0).toBe(300_000);
    w.ctx.clock.advance(300_000);
    w.fake.fail("create", "daily_limit");
    await w.run();
    expect(w.get(a.id).status).toBe("scheduled");
    expect(w.job(a.id).runAt.toISOString()).toBe("2026-03-03T00:01:00.000Z");
    w.ctx.clock.set(new Date("2026-03-03T00:01:00.000Z"));
    await w.run();
    expect(w.get(a.id).status).toBe("published");
    expect(w.fake.posts).toHaveLength(1);
  });

  test("PROCESSING_FAILED fails with the reason; a 426 says which config key to change", async () => {
    w = world();
    w.fake.fail("status", "processing_failed");
    const a = w.item();
    await w.run();
    expect(w.get(a.id).failure).toContain("could not process the video");
    w.fake.fail("init", "old_version");
    const b = w.item();
    await w.run();
    expect(w.get(b.id).failure).toContain("platform_linkedin.version");
    expect(w.fake.createCalls).toBe(0);
  });

  test("422 DUPLICATE_POST after a lost answer is reconciled to the existing post, no second post", async () => {
    w = world();
    w.fake.fail("create", "accept_then_503");
    const item = w.item();
    await w.run();
    expect(w.get(item.id).status).toBe("publishing");
    w.ctx.clock.advance(61_000);
    await w.run();
    expect(w.get(item.id).status).toBe("published");
    expect(w.get(item.id).remoteId).toBe(w.fake.posts[0]!.urn);
    expect(w.fake.posts).toHaveLength(1);
  });

  test("OAuth connect (state checked, no PKCE: LinkedIn web apps use the client secret) reads the member", async () => {
    w = world();
    const user = makeOwner(w.ctx);
    const p = oauthProviders(w.ctx).linkedin!;
    const res = await fetch(startConnect(w.ctx, p, user.userId), { redirect: "manual" });
    const back = new URL(res.headers.get("location")!).searchParams;
    const [row] = await finishConnect(w.ctx, p, user.userId, { state: back.get("state")!, code: back.get("code")! });
    expect(row!.accountName).toBe("Ada Example");
    expect(openConnection(w.ctx, row!).extra.author).toBe(`urn:li:person:${w.fake.member.sub}`);
  });
});
