import { afterEach, describe, expect, test } from "bun:test";
import { getConnectionRow, openConnection } from "../../src/publishing/connections";
import { refreshDueTokens } from "../../src/publishing/handlers";
import { finishConnect, oauthProviders, startConnect } from "../../src/connections/oauth";
import { makeOwner } from "../support/publishing-factories";
import { youtubeWorld } from "./youtube-helpers";

let w: ReturnType<typeof youtubeWorld>;
afterEach(() => w?.close());

describe("YouTube Shorts through googleapis against the fake", () => {
  test("resumable upload in 256 KiB chunks (308 until the last), waits for processing, records the Short", async () => {
    w = youtubeWorld({ processingMs: 40 });
    const item = w.item();
    await w.run();
    const got = w.get(item.id);
    expect(got.status).toBe("published");
    expect(w.fake.videos).toHaveLength(1);
    expect(got.remoteId).toBe(w.fake.videos[0]!.id);
    expect(got.permalink).toBe(`https://www.youtube.com/shorts/${w.fake.videos[0]!.id}`);
    const puts = w.fake.calls.filter((c) => c.method === "PUT");
    expect(puts.map((c) => c.range)).toEqual([`bytes 0-262143/614400`, `bytes 262144-524287/614400`, `bytes 524288-614399/614400`]);
    expect(w.fake.videos[0]!.description).toContain("utm_content=amk");
    expect(w.fake.calls.filter((c) => c.path === "/youtube/v3/videos").length).toBeGreaterThan(1);
  });

  test("an expired token is refreshed (Google keeps the refresh token) and the upload goes through", async () => {
    w = youtubeWorld();
    const before = openConnection(w.ctx, getConnectionRow(w.ctx, w.conn.id)!);
    w.fake.fail("start", "expired_token");
    const item = w.item();
    await w.run();
    expect(w.get(item.id).status).toBe("published");
    const after = openConnection(w.ctx, getConnectionRow(w.ctx, w.conn.id)!);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).toBe(before.refreshToken);
  });

  test("revoked: invalid_grant marks reconnect_needed, raises the event, fails the item", async () => {
    w = youtubeWorld();
    w.fake.fail("start", "revoked");
    const item = w.item();
    await w.run();
    expect(w.get(item.id).status).toBe("failed");
    expect(getConnectionRow(w.ctx, w.conn.id)!.status).toBe("reconnect_needed");
    expect(w.events).toEqual(["connection.revoked", "content.attention"]);
  });

  test("429 with Retry-After waits exactly that long; without it we back off ourselves", async () => {
    w = youtubeWorld();
    w.fake.fail("start", "rate_limit_retry_after");
    const a = w.item();
    const t0 = w.ctx.clock.now().getTime();
    await w.run();
    expect(w.job(a.id).runAt.getTime() - t0).toBe(120_000);
    w.ctx.clock.advance(120_000);
    w.fake.fail("start", "rate_limit_plain");
    await w.run();
    expect(w.get(a.id).status).toBe("scheduled");
    expect(w.job(a.id).runAt.getTime() - w.ctx.clock.now().getTime()).toBe(120_000); // second 429: 60 s * 2
    w.ctx.clock.advance(120_000);
    await w.run();
    expect(w.get(a.id).status).toBe("published");
  });

  test("uploadLimitExceeded (daily cap) delays, never fails", async () => {
    w = youtubeWorld();
    w.fake.fail("start", "upload_limit");
    const item = w.item();
    await w.run();
    expect(w.get(item.id).status).toBe("scheduled");
    expect(w.job(item.id).runAt.getTime()).toBeGreaterThan(w.ctx.clock.now().getTime() + 3600_000);
  });

  test("a video rejected in processing fails with YouTube's reason; a duplicate says so", async () => {
    w = youtubeWorld();
    w.fake.fail("status", "media_rejected");
    w.fake.fail("status", "duplicate");
    const a = w.item();
    await w.run();
    const b = w.item();
    await w.run();
    expect(w.get(a.id).status).toBe("failed");
    expect(w.get(a.id).failure).toContain("too long");
    expect(w.get(b.id).failure).toContain("duplicate");
    expect(w.fake.createCount).toBe(2);
  });

  test("a lost answer to the last chunk: reconciled from the uploads playlist, one video", async () => {
    w = youtubeWorld();
    w.fake.fail("final", "accept_then_503");
    const item = w.item();
    await w.run();
    expect(w.get(item.id).status).toBe("publishing");
    w.ctx.clock.advance(61_000);
    await w.run();
    expect(w.get(item.id).status).toBe("published");
    expect(w.get(item.id).remoteId).toBe(w.fake.videos[0]!.id);
    expect(w.fake.createCount).toBe(1);
  });

  test("a lost answer to the last chunk: the upload session's status gives the video even when the uploads list fails", async () => {
    w = youtubeWorld();
    w.fake.fail("final", "accept_then_503");
    const item = w.item();
    await w.run();
    expect(w.get(item.id).status).toBe("publishing");
    w.fake.fail("list", "server_error");
    w.ctx.clock.advance(61_000);
    await w.run();
    expect(w.get(item.id).status).toBe("published");
    expect(w.get(item.id).remoteId).toBe(w.fake.videos[0]!.id);
    expect(w.fake.calls.some((c) => c.range === "bytes */614400")).toBe(true);
    expect(w.fake.createCount).toBe(1);
  });

  test("a 5xx on the last chunk that YouTube never stored: the session says 308, the upload resumes, one video", async () => {
    w = youtubeWorld();
    w.fake.fail("final", "server_error");
    const item = w.item();
    await w.run();
    expect(w.get(item.id).status).toBe("publishing");
    w.ctx.clock.advance(61_000);
    await w.run();
    expect(w.get(item.id).status).toBe("published");
    expect(w.fake.createCount).toBe(1);
    expect(w.fake.calls.filter((c) => c.method === "POST" && c.path.startsWith("/upload"))).toHaveLength(1);
  });

  test("a 503 mid-upload resumes the same session from YouTube's Range", async () => {
    w = youtubeWorld();
    w.fake.fail("chunk", "server_error");
    const item = w.item();
    await w.run();
    expect(w.get(item.id).status).toBe("scheduled");
    w.ctx.clock.advance(60_000);
    await w.run();
    expect(w.get(item.id).status).toBe("published");
    expect(w.fake.calls.filter((c) => c.method === "POST" && c.path.startsWith("/upload"))).toHaveLength(1);
    expect(w.fake.calls.some((c) => c.range === "bytes */614400")).toBe(true);
  });

  test("a title over 100 characters or with < > fails before any call", async () => {
    w = youtubeWorld();
    const item = w.item();
    w.ctx.db.$client.run("UPDATE content_items SET title = ? WHERE id = ?", ["<b>" + "t".repeat(120), item.id]);
    await w.run();
    expect(w.get(item.id).status).toBe("failed");
    expect(w.get(item.id).failure).toContain("titles must be 2-100 characters");
    expect(w.fake.calls).toHaveLength(0);
  });

  test("OAuth: offline access with PKCE, channel read, refresh ahead of expiry", async () => {
    w = youtubeWorld();
    const user = makeOwner(w.ctx);
    const p = oauthProviders(w.ctx).youtube!;
    const res = await fetch(startConnect(w.ctx, p, user.userId), { redirect: "manual" });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get("location")!).searchParams;
    const [row] = await finishConnect(w.ctx, p, user.userId, { state: back.get("state")!, code: back.get("code")! });
    expect(row!.accountName).toBe("Amarktai Demo Channel");
    const conn = openConnection(w.ctx, row!);
    expect(conn.refreshToken).toMatch(/^1\/\//);
    expect(conn.extra.uploads).toBe(w.fake.channel.uploads);
    w.ctx.clock.advance(3599_000 - 10 * 60_000);
    const out = await refreshDueTokens(w.ctx, w.ctx.clock.now(), w.deps);
    expect(out.refreshed).toBe(2);
    expect(openConnection(w.ctx, getConnectionRow(w.ctx, row!.id)!).refreshToken).toBe(conn.refreshToken);
  });
});
