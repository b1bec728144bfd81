import { afterEach, describe, expect, test } from "bun:test";
import { createAdapters } from "../../src/publishing/adapters";
import { getConnectionRow, openConnection } from "../../src/publishing/connections";
import { refreshDueTokens } from "../../src/publishing/handlers";
import { finishConnect, oauthProviders, startConnect } from "../../src/connections/oauth";
import { FakeMeta } from "../fakes/meta";
import { makeTestContext } from "../support/context";
import { makeConnection, makeItem, makeOwner, makeVideoFile, publishQueue, recordPublishEvents } from "../support/publishing-factories";

function world(opts: { processingMs?: number } = {}) {
  const ctxBox: { now: () => number } = { now: Date.now };
  const fake = new FakeMeta({ processingMs: opts.processingMs ?? 30, clock: () => ctxBox.now() }).start();
  const ctx = makeTestContext(fake.env());
  ctxBox.now = () => ctx.clock.now().getTime();
  const owner = makeOwner(ctx);
  const token = fake.issueLongToken();
  const conn = makeConnection(ctx, owner.userId, "instagram", {
    accessToken: token,
    refreshToken: token,
    expiresAt: new Date(ctx.clock.now().getTime() + 60 * 86_400_000),
    accountId: fake.ig.id,
    accountName: "@exampleapp",
    extra: { username: fake.ig.username, pageId: fake.page.id },
  });
  const deps = { adapters: createAdapters(ctx, { sleep: (ms: number) => Bun.sleep(ms / 500) }), random: () => 0.5 };
  const events = recordPublishEvents(ctx);
  const video = makeVideoFile(ctx, "reel.mp4", 200 * 1024);
  return {
    fake,
    ctx,
    owner,
    conn,
    deps,
    events,
    item: (o: Parameters<typeof makeItem>[2] = {}) => makeItem(ctx, owner, { platform: "instagram", video, ...o }),
    ...publishQueue(ctx, deps),
    close() {
      fake.stop();
      ctx.cleanup();
    },
  };
}

let w: ReturnType<typeof world>;
afterEach(() => w?.close());

describe("Instagram Reels through the Graph API against the fake", () => {
  test("resumable container, bytes to the upload URI, status_code polled to FINISHED, media_publish, permalink", async () => {
    w = world({ processingMs: 40 });
    const item = w.item();
    await w.run();
    const got = w.get(item.id);
    expect(got.status).toBe("published");
    expect(got.remoteId).toBe(w.fake.media[0]!.id);
    expect(got.permalink).toStartWith("https://www.instagram.com/reel/");
    expect(w.fake.calls.filter((c) => c.path.startsWith("/ig-api-upload/"))).toHaveLength(1);
    expect(w.fake.calls.filter((c) => c.path === `/${w.fake.ig.id}/content_publishing_limit`).length).toBeGreaterThan(0);
  });

  test("40 items for one account with a cap of 25 spread over two days; none fail, the fake never refuses", async () => {
    w = world({ processingMs: 0 });
    w.fake.quotaTotal = 25;
    const items = Array.from({ length: 40 }, (_, i) => w.item({ caption: `Reel number ${i} for Example App` }));
    await w.run();
    const count = (s: string) => items.filter((i) => w.get(i.id).status === s).length;
    expect(count("published")).toBe(25);
    expect(count("scheduled")).toBe(15);
    w.ctx.clock.advance(24 * 3600_000 + 60_000);
    await w.run();
    expect(count("published")).toBe(40);
    expect(count("failed")).toBe(0);
    expect(w.fake.publishCalls).toBe(40);
  }, 30_000);

  test("the live cap answer (2207042) delays; an expired session is renewed by exchange; a removed app needs reconnect", async () => {
    w = world();
    w.fake.fail("publish", "publish_cap");
    const a = w.item();
    await w.run();
    expect(w.get(a.id).status).toBe("scheduled");
    expect(w.fake.media).toHaveLength(0);

    w.fake.fail("container", "expired_token");
    const before = openConnection(w.ctx, getConnectionRow(w.ctx, w.conn.id)!).accessToken;
    const b = w.item({ caption: "second" });
    w.ctx.clock.advance(25 * 3600_000);
    await w.run();
    expect(w.get(b.id).status).toBe("published");
    expect(openConnection(w.ctx, getConnectionRow(w.ctx, w.conn.id)!).accessToken).not.toBe(before);

    w.fake.fail("container", "revoked");
    const c = w.item({ caption: "third" });
    await w.run();
    expect(w.get(c.id).status).toBe("failed");
    expect(getConnectionRow(w.ctx, w.conn.id)!.status).toBe("reconnect_needed");
    expect(w.events).toContain("connection.revoked");
  });

  test("throttling: code 4 backs off; 80002 waits estimated_time_to_regain_access", async () => {
    w = world();
    w.fake.fail("container", "rate_limit");
    const a = w.item();
    const t0 = w.ctx.clock.now().getTime();
    await w.run();
    expect(w.job(a.id).runAt.getTime() - t0).toBe(60_000);
    w.ctx.clock.advance(60_000);
    w.fake.fail("container", "rate_limit_buc");
    await w.run();
    expect(w.job(a.id).runAt.getTime() - w.ctx.clock.now().getTime()).toBe(7 * 60_000);
  });

  test("a container in ERROR fails with Instagram's reason; a lost media_publish answer is reconciled by caption", async () => {
    w = world();
    w.fake.fail("status", "media_rejected");
    const a = w.item();
    await w.run();
    expect(w.get(a.id).status).toBe("failed");
    expect(w.get(a.id).failure).toContain("Unsupported video format");

    w.fake.fail("publish", "accept_then_500");
    const b = w.item({ caption: "lost answer" });
    await w.run();
    expect(w.get(b.id).status).toBe("publishing");
    w.ctx.clock.advance(61_000);
    await w.run();
    expect(w.get(b.id).status).toBe("published");
    expect(w.fake.publishCalls).toBe(1);
  });

  test("a container that reports EXPIRED is made again on the next attempt, never published as it is", async () => {
    w = world();
    w.fake.fail("status", "container_expired");
    const a = w.item();
    await w.run();
    expect(w.get(a.id).status).toBe("scheduled");
    expect(w.job(a.id).lastError).toContain("the Instagram container expired before publishing");
    expect(w.fake.media).toHaveLength(0);
    w.ctx.clock.advance(w.job(a.id).runAt.getTime() - w.ctx.clock.now().getTime());
    await w.run();
    expect(w.get(a.id).status).toBe("published");
    expect(w.fake.publishCalls).toBe(1);
    expect(w.fake.media[0]!.container).not.toBe(
      w.fake.calls
        .find((c) => c.path.startsWith("/ig-api-upload/"))!
        .path.split("/")
        .at(-1),
    );
  }, 10_000);

  test("a container left unpublished for 24 hours reports EXPIRED and cannot be published (the fake follows Instagram's rule)", async () => {
    w = world({ processingMs: 0 });
    const token = w.fake.issueLongToken();
    const graph = async (method: string, path: string, params: Record<string, string>) => {
      const q = new URLSearchParams({ ...params, access_token: token });
      const r =
        method === "GET"
          ? await fetch(`${w.fake.origin}/v23.0${path}?${q}`)
          : await fetch(`${w.fake.origin}/v23.0${path}`, { method, body: q });
      return (await r.json()) as Record<string, unknown>;
    };
    const created = await graph("POST", `/${w.fake.ig.id}/media`, { media_type: "REELS", upload_type: "resumable", caption: "late" });
    expect((await graph("GET", `/${created.id}`, { fields: "status_code" })).status_code).toBe("IN_PROGRESS");
    w.ctx.clock.advance(24 * 3600_000);
    expect((await graph("GET", `/${created.id}`, { fields: "status_code" })).status_code).toBe("EXPIRED");
    const publish = await graph("POST", `/${w.fake.ig.id}/media_publish`, { creation_id: String(created.id) });
    expect(publish.error).toBeDefined();
    expect(w.fake.media).toHaveLength(0);
  });

  test("Facebook Login: state checked, long-lived token, IG accounts of the Pages offered; renewal ahead of expiry", async () => {
    w = world();
    const user = makeOwner(w.ctx);
    const p = oauthProviders(w.ctx).instagram!;
    const res = await fetch(startConnect(w.ctx, p, user.userId), { redirect: "manual" });
    const back = new URL(res.headers.get("location")!).searchParams;
    const [row] = await finishConnect(w.ctx, p, user.userId, { state: back.get("state")!, code: back.get("code")! });
    expect(row!.accountId).toBe(w.fake.ig.id);
    expect(row!.accountName).toBe("@exampleapp (via Example App Page)");
    w.ctx.clock.advance(60 * 86_400_000 - 10 * 60_000);
    const out = await refreshDueTokens(w.ctx, w.ctx.clock.now(), w.deps);
    expect(out.refreshed).toBeGreaterThanOrEqual(1);
    expect(getConnectionRow(w.ctx, row!.id)!.status).toBe("ok");
  });
});
