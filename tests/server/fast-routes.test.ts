import { afterEach, expect, test } from "bun:test";
import { insertShortLink, itemClickCount } from "../../src/clicks/store";
import { SECURITY_HEADERS } from "../../src/http/security-headers";
import { saveInstanceSetting } from "../../src/instance/overlay";
import { createApp } from "../../src/server/app";
import { fastRoutes } from "../../src/server/fast-routes";
import { makeTestContext } from "../support/context";
import { makeItem, makeUser, makeWebapp, signIn } from "../support/content-factories";

// The server as src/server/start.ts builds it: Bun's own routes first, the app's router for everything else.
let ctx: ReturnType<typeof makeTestContext>;
let server: ReturnType<typeof Bun.serve> | undefined;
/** Paths the fast routes handed to the app's router. */
let handedOn: string[] = [];
afterEach(async () => {
  await server?.stop(true);
  server = undefined;
  ctx.cleanup();
});

function serve(env: Record<string, string> = {}): string {
  ctx = makeTestContext(env);
  const app = createApp(ctx);
  handedOn = [];
  const handle = (req: Request) => app.handle(req);
  const fallback = (req: Request) => {
    handedOn.push(new URL(req.url).pathname);
    return app.handle(req);
  };
  server = Bun.serve({ hostname: "127.0.0.1", port: 0, routes: fastRoutes(ctx, fallback), fetch: handle });
  app.server = server;
  return `http://127.0.0.1:${server.port}`;
}

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const TARGET = "https://notes.example.com/?utm_source=x&utm_medium=social&utm_campaign=launch";

function link() {
  const u = makeUser(ctx);
  const w = makeWebapp(ctx, u.id);
  const item = makeItem(ctx, { userId: u.id, webappId: w.id, platform: "x" });
  const code = insertShortLink(ctx.db, { code: `f${item.id}Zz9`, itemId: item.id, userId: u.id, targetUrl: TARGET }, ctx.clock.now());
  return { u, item, code };
}

function expectSecurityHeaders(res: Response, except: string[] = []) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!except.includes(name)) expect(res.headers.get(name)).toBe(value);
}

test("/r/<code> on the fast path: 302 with the item's UTM URL and the security headers; unknown codes 404 with the page", async () => {
  const base = serve();
  const { code } = link();
  const res = await fetch(`${base}/r/${code}`, { redirect: "manual", headers: { "user-agent": CHROME } });
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe(TARGET);
  expect(res.headers.get("cache-control")).toBe("no-store");
  expect(res.headers.get("x-robots-tag")).toBe("noindex");
  // The target site may see where the visitor came from: the redirect's own referrer policy replaces same-origin.
  expect(res.headers.get("referrer-policy")).toBe("no-referrer-when-downgrade");
  expectSecurityHeaders(res, ["referrer-policy"]);
  for (const bad of ["NoSuchCode", "zz", "ThisIsTooLongForACode", "a%20b"]) {
    const r = await fetch(`${base}/r/${bad}`, { redirect: "manual", headers: { "user-agent": CHROME } });
    expect(r.status).toBe(404);
    expect(r.headers.get("location")).toBeNull();
    expect(await r.text()).toContain("Link not found");
    expectSecurityHeaders(r);
  }
  expect(handedOn).toEqual([]); // answered before the app's router
  // Deeper paths are not short links: the app's router answers them (its 404 page).
  expect((await fetch(`${base}/r/${code}/x`, { redirect: "manual" })).status).toBe(404);
});

test("/r/<code> on the fast path keeps the counting rules: once per visitor and day, HEAD and previews not, the owner not", async () => {
  const base = serve({ AMARKTAI_PROXY_TRUST_FORWARDED_FOR: "true" });
  const { u, item, code } = link();
  const visit = (headers: Record<string, string>, method = "GET") =>
    fetch(`${base}/r/${code}`, {
      method,
      redirect: "manual",
      headers: { "user-agent": CHROME, "x-forwarded-for": "203.0.113.7", ...headers },
    });
  expect((await visit({})).status).toBe(302);
  expect((await visit({})).status).toBe(302);
  expect(itemClickCount(ctx.db, item.id)).toBe(1);
  await visit({ "x-forwarded-for": "198.51.100.20" });
  expect(itemClickCount(ctx.db, item.id)).toBe(2);
  expect((await visit({ "x-forwarded-for": "192.0.2.1" }, "HEAD")).status).toBe(302);
  await visit({ "x-forwarded-for": "192.0.2.2", "user-agent": "Twitterbot/1.0" });
  await visit({ "x-forwarded-for": "192.0.2.3", "sec-purpose": "prefetch" });
  await visit({ "x-forwarded-for": "192.0.2.4", cookie: signIn(ctx, u.id).cookie });
  expect(itemClickCount(ctx.db, item.id)).toBe(2);
  // Another signed-in user is audience; a cookie that is not a session changes nothing.
  await visit({ "x-forwarded-for": "192.0.2.5", cookie: signIn(ctx, makeUser(ctx).id).cookie });
  await visit({ "x-forwarded-for": "192.0.2.6", cookie: "theme=dark" });
  expect(itemClickCount(ctx.db, item.id)).toBe(4);
  ctx.clock.advance(24 * 3600_000);
  await visit({});
  expect(itemClickCount(ctx.db, item.id)).toBe(5);
  expect(handedOn).toEqual([]);
});

test("during first-run setup the fast paths answer as the app does (to /setup)", async () => {
  const base = serve({ AMARKTAI_OPERATOR_ENABLED: "true" });
  for (const path of ["/r/abcdef", "/"]) {
    const res = await fetch(`${base}${path}`, { redirect: "manual", headers: { "user-agent": CHROME } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/setup");
  }
  expect(handedOn).toEqual(["/r/abcdef", "/"]);
});

test("landing page on the fast path: security headers, ETag and 304, and a changed public address shows at once", async () => {
  const base = serve({ AMARKTAI_OPERATOR_ENABLED: "true" });
  const owner = makeUser(ctx);
  const first = await fetch(`${base}/`, { redirect: "manual" });
  expect(first.status).toBe(200);
  const html = await first.text();
  expect(html).toContain('<meta property="og:url" content="http://localhost:3000/"');
  expectSecurityHeaders(first);
  expect(first.headers.get("vary")).toBe("cookie");
  const etag = first.headers.get("etag")!;
  expect(etag).toMatch(/^"[0-9a-z]+"$/);
  const again = await fetch(`${base}/`, { headers: { "if-none-match": etag } });
  expect(again.status).toBe(304);
  expect(await again.text()).toBe("");
  expect(again.headers.get("etag")).toBe(etag);
  expectSecurityHeaders(again);
  expect((await fetch(`${base}/`, { headers: { "if-none-match": `"other", W/${etag}` } })).status).toBe(304);
  expect((await fetch(`${base}/`, { headers: { "if-none-match": '"other"' } })).status).toBe(200);

  saveInstanceSetting(ctx, "server.public_base_url", "https://market.example.com", owner.id);
  const changed = await fetch(`${base}/`, { headers: { "if-none-match": etag } });
  expect(changed.status).toBe(200);
  expect(await changed.text()).toContain('<meta property="og:url" content="https://market.example.com/"');
  expect(changed.headers.get("etag")).not.toBe(etag);
  expect(handedOn).toEqual([]);
});

test("/ with a session goes to the dashboard, an expired cookie sees the landing page; with operator mode off / signs in", async () => {
  let base = serve({ AMARKTAI_OPERATOR_ENABLED: "true" });
  const owner = makeUser(ctx);
  const signedIn = await fetch(`${base}/`, { redirect: "manual", headers: { cookie: signIn(ctx, owner.id).cookie } });
  expect(signedIn.status).toBe(303);
  expect(signedIn.headers.get("location")).toBe("/dashboard");
  const stale = await fetch(`${base}/`, { redirect: "manual", headers: { cookie: "amk_session=not-a-session" } });
  expect(stale.status).toBe(200);
  expect(await stale.text()).toContain("og:title");
  expect(handedOn).toEqual(["/", "/"]); // a session cookie is the app's to read
  expect((await fetch(`${base}/`, { method: "POST", redirect: "manual" })).status).not.toBe(200);
  await server!.stop(true);
  ctx.cleanup();
  base = serve();
  makeUser(ctx);
  const off = await fetch(`${base}/`, { redirect: "manual" });
  expect(off.status).toBe(303);
  expect(off.headers.get("location")).toBe("/login");
});
