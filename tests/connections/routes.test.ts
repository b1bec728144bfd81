import { afterEach, describe, expect, test } from "bun:test";
import { createSession } from "../../src/auth/sessions";
import { createApp } from "../../src/server/app";
import { listConnections } from "../../src/publishing/connections";
import { makeTestContext } from "../support/context";
import { makeItem, makeVideoFile } from "../support/publishing-factories";
import { makeUser } from "../support/content-factories";
import { xWorld } from "../platforms/x-helpers";
import { recordRefusal } from "../../src/metrics/store";

let w: ReturnType<typeof xWorld>;
let extra: { cleanup(): void } | undefined;
afterEach(() => {
  w?.close();
  extra?.cleanup();
  extra = undefined;
});

function signedIn(ctx: Parameters<typeof createApp>[0], userId: number) {
  const { token, session } = createSession(ctx.db, userId, ctx.clock.now(), 30);
  const app = createApp(ctx);
  const base = ctx.config.server.public_base_url;
  const headers = { cookie: `amk_session=${token}`, origin: base };
  return {
    csrf: session.csrfToken,
    get: (path: string) => app.handle(new Request(base + path, { headers })),
    post: (path: string, form: Record<string, string> = {}) =>
      app.handle(
        new Request(base + path, {
          method: "POST",
          headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: session.csrfToken, ...form }),
        }),
      ),
  };
}

describe("/platforms", () => {
  test("shows each platform's card: the X account with usage against the cap, and honest text for the others", async () => {
    w = xWorld();
    const s = signedIn(w.ctx, w.owner.userId);
    const html = await (await s.get("/platforms")).text();
    expect(html).toContain("Amarktai Test (@amarktai_test)");
    expect(html).toContain("0 of 100");
    expect(html).toContain("Connected");
    expect(html).toContain("TikTok cannot be connected yet: an administrator of this box has to enter the TikTok app credentials");
    expect(html).toContain("Connect another account");
  });

  test("an account the platform refuses metrics shows the reason and the scope to add, with Reconnect", async () => {
    w = xWorld();
    const s = signedIn(w.ctx, w.owner.userId);
    const plain = await (await s.get("/platforms")).text();
    expect(plain).not.toContain("Metrics refused");
    expect(plain).not.toContain(">Reconnect<");
    recordRefusal(w.ctx.db, w.conn.id, "X refused reading metrics (403 Forbidden)", "tweet.read", w.ctx.clock.now());
    const html = await (await s.get("/platforms")).text();
    expect(html).toContain("Metrics refused");
    expect(html).toContain("X refused reading metrics (403 Forbidden). Reconnect and allow tweet.read.");
    expect(html).toContain(">Reconnect<");
  });

  test("without app credentials a member's X card says an administrator must enter them, and connecting is refused", async () => {
    const ctx = makeTestContext();
    extra = ctx;
    const { makeOwner } = await import("../support/publishing-factories");
    const o = makeOwner(ctx);
    const s = signedIn(ctx, o.userId);
    const html = await (await s.get("/platforms")).text();
    expect(html).toContain("an administrator of this box has to enter the X app credentials");
    expect(html).not.toContain('name="client_secret"');
    expect((await s.post("/platforms/x/connect")).status).toBe(409);
  });

  test("the full connect flow through the routes and the fake; a forged state is refused", async () => {
    w = xWorld();
    const other = (await import("../support/publishing-factories")).makeOwner(w.ctx);
    const s = signedIn(w.ctx, other.userId);
    const start = await s.post("/platforms/x/connect");
    expect(start.status).toBe(303);
    const consent = await fetch(start.headers.get("location")!, { redirect: "manual" });
    const back = new URL(consent.headers.get("location")!);
    expect(back.pathname).toBe("/platforms/x/callback");
    const forged = await s.get(`/platforms/x/callback?code=${back.searchParams.get("code")}&state=forged`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("does not match a connect request from you");
    const done = await s.get(back.pathname + back.search);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/platforms?connected=x");
    expect(listConnections(w.ctx, other.userId)).toHaveLength(1);
    expect(await (await s.get("/platforms?connected=x")).text()).toContain("X is connected.");
    // a replayed callback (state already used) is refused too
    expect((await s.get(back.pathname + back.search)).status).toBe(400);
  });

  test("a POST with the session but without the CSRF token is refused", async () => {
    w = xWorld();
    const { token } = createSession(w.ctx.db, w.owner.userId, w.ctx.clock.now(), 30);
    const base = w.ctx.config.server.public_base_url;
    const res = await createApp(w.ctx).handle(
      new Request(`${base}/platforms/connections/${w.conn.id}/disconnect`, {
        method: "POST",
        headers: { cookie: `amk_session=${token}`, origin: base },
      }),
    );
    expect(res.status).toBe(403);
    expect(listConnections(w.ctx, w.owner.userId)).toHaveLength(1);
  });

  test("items ready for manual posting are listed with Retry, the bundle downloads, Mark as posted works, disconnect removes tokens", async () => {
    w = xWorld();
    const s = signedIn(w.ctx, w.owner.userId);
    const tt = makeItem(w.ctx, w.owner, { platform: "tiktok", video: makeVideoFile(w.ctx, "t.mp4", 1000) });
    await w.run();
    const html = await (await s.get("/platforms")).text();
    expect(html).toContain(`/platforms/items/${tt.id}/retry`);
    expect(html).toContain("Ready for manual posting");
    expect(html).toContain("TikTok is not connected, so this post is ready for manual posting: download the export bundle");
    expect(w.get(tt.id).status).toBe("manual_ready");
    const zip = await s.get(`/platforms/items/${tt.id}/export`);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    expect(new Uint8Array(await zip.arrayBuffer()).slice(0, 4)).toEqual(new Uint8Array([0x50, 0x4b, 0x03, 0x04]));
    expect((await s.post(`/platforms/items/${tt.id}/posted`, { url: "not a url" })).status).toBe(400);
    const posted = await s.post(`/platforms/items/${tt.id}/posted`, { url: "https://www.tiktok.com/@me/video/1" });
    expect(posted.status).toBe(303);
    expect(w.get(tt.id).status).toBe("published");
    const gone = await s.post(`/platforms/connections/${w.conn.id}/disconnect`);
    expect(gone.status).toBe(303);
    expect(listConnections(w.ctx, w.owner.userId)).toHaveLength(0);
    // someone else's connection or item answers 404
    expect((await s.post(`/platforms/connections/${w.conn.id}/disconnect`)).status).toBe(404);
    expect((await s.get(`/platforms/items/999999/export`)).status).toBe(404);
    // another user's item: 404 for every action, as for the export (was 409 and 400, which told them it exists)
    const stranger = signedIn(w.ctx, makeUser(w.ctx, { email: "stranger@example.com" }).id);
    expect((await stranger.post(`/platforms/items/${tt.id}/retry`)).status).toBe(404);
    expect((await stranger.post(`/platforms/items/${tt.id}/posted`, { url: "https://www.tiktok.com/@me/video/2" })).status).toBe(404);
  });
});
