import { afterAll, beforeAll, expect, test } from "bun:test";
import { screenshotSite } from "../../src/media/screenshot";
import { hasChromium } from "../support/browser";
import { makeTestContext } from "../support/context";

// Production rules (private networks refused); only the test site's own origin is trusted, the canary is not.
const ctx = makeTestContext({ AMARKTAI_FETCH_ALLOW_PRIVATE_NETWORKS: "false" });
const canaryHits: string[] = [];
const siteHits: string[] = [];
let canary: ReturnType<typeof Bun.serve>;
let site: ReturnType<typeof Bun.serve>;
let siteOrigin = "";

const PNG_1PX = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

beforeAll(() => {
  canary = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      canaryHits.push(new URL(req.url).pathname);
      return new Response("secret", { headers: { "content-type": "text/plain", "access-control-allow-origin": "*" } });
    },
  });
  const canaryBase = `http://127.0.0.1:${canary.port}`;
  site = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      const path = new URL(req.url).pathname;
      siteHits.push(path);
      if (path === "/moved") return Response.redirect(`${canaryBase}/redirected-page`, 302);
      if (path === "/img-moved") return Response.redirect(`${canaryBase}/redirected-img`, 302);
      if (path === "/logo.png") return new Response(PNG_1PX, { headers: { "content-type": "image/png" } });
      if (path !== "/") return new Response("not here", { status: 404 });
      const html = `<!doctype html><html><body style="height:2400px"><h1>Shop</h1>
        <img src="/logo.png"><img src="${canaryBase}/direct-img"><img src="/img-moved">
        <iframe src="${canaryBase}/frame"></iframe>
        <script>fetch("${canaryBase}/script-fetch").catch(() => {}); new Image().src = "${canaryBase}/script-img";
          fetch("/logo.png", { method: "POST" }).catch(() => {});
          try { new WebSocket("ws://127.0.0.1:${canary.port}/ws"); } catch {}</script></body></html>`;
      return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
    },
  });
  siteOrigin = `http://127.0.0.1:${site.port}`;
});

afterAll(() => {
  canary.stop(true);
  site.stop(true);
  ctx.cleanup();
});

test.skipIf(!hasChromium())(
  "a screenshot's subresources, frames, scripts' requests and redirects never reach a private address",
  async () => {
    const shots = await screenshotSite(ctx.config, siteOrigin + "/", undefined, { trustedOrigins: [siteOrigin] });
    expect(shots.note).toBeUndefined();
    expect(shots.desktop?.length).toBeGreaterThan(0);
    expect(shots.mobile?.length).toBeGreaterThan(0);
    expect(siteHits).toContain("/logo.png");
    expect(siteHits).toContain("/img-moved");
    expect(canaryHits).toEqual([]);
  },
  60_000,
);

test.skipIf(!hasChromium())(
  "a page that redirects to a private address is not followed, and the note says why",
  async () => {
    const shots = await screenshotSite(ctx.config, siteOrigin + "/moved", undefined, { trustedOrigins: [siteOrigin] });
    expect(shots.desktop).toBeUndefined();
    expect(shots.note).toMatch(/^screenshots skipped: 127\.0\.0\.1 points to this machine \(loopback\)/);
    expect(siteHits).toContain("/moved");
    expect(canaryHits).toEqual([]);
  },
  60_000,
);
