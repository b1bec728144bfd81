import { afterAll, expect, test } from "bun:test";
import { insertShortLink, itemClickCount } from "../../src/clicks/store";
import { createApp } from "../../src/server/app";
import { makeTestContext } from "../support/context";
import { makeItem, makeUser, makeWebapp, signIn } from "../support/content-factories";

// A reverse proxy we run passes the visitor's address, so two visitors can be told apart through app.handle.
const ctx = makeTestContext({ AMARKTAI_PROXY_TRUST_FORWARDED_FOR: "true", AMARKTAI_SERVER_PUBLIC_BASE_URL: "https://amk.example.com" });
const app = createApp(ctx);
afterAll(() => ctx.cleanup());

const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const TARGET = "https://notes.example.com/?utm_source=x&utm_medium=social&utm_campaign=launch&utm_content=2026-03-02-A";

function setup() {
  const u = makeUser(ctx);
  const w = makeWebapp(ctx, u.id);
  const item = makeItem(ctx, { userId: u.id, webappId: w.id, platform: "x" });
  const code = insertShortLink(
    ctx.db,
    { code: `c${item.id}abcDEF`.slice(0, 10), itemId: item.id, userId: u.id, targetUrl: TARGET },
    ctx.clock.now(),
  );
  return { u, item, code };
}

const visit = (code: string, headers: Record<string, string> = {}, method = "GET") =>
  app.handle(
    new Request(`http://localhost:3000/r/${code}`, {
      method,
      headers: { "x-forwarded-for": "203.0.113.7", "user-agent": CHROME, ...headers },
    }),
  );

test("a short link answers 302 to the web app's URL with the item's UTM parameters, without a session", async () => {
  const { code } = setup();
  const res = await visit(code);
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get("location")!);
  expect(location.origin).toBe("https://notes.example.com");
  expect(Object.fromEntries(location.searchParams)).toEqual({
    utm_source: "x",
    utm_medium: "social",
    utm_campaign: "launch",
    utm_content: "2026-03-02-A",
  });
});

test("an unknown code answers 404 with a small page and never redirects", async () => {
  setup();
  for (const code of ["NoSuchCode", "zz", "bad..code", "ThisIsTooLongForACode"]) {
    const res = await visit(code);
    expect(res.status).toBe(404);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.text()).toContain("Link not found");
  }
});

test("a browser counts once per visitor per day; a second visitor counts again; the next day counts again", async () => {
  const { item, code } = setup();
  await visit(code);
  await visit(code);
  expect(itemClickCount(ctx.db, item.id)).toBe(1);
  await visit(code, { "x-forwarded-for": "198.51.100.20" });
  expect(itemClickCount(ctx.db, item.id)).toBe(2);
  ctx.clock.advance(24 * 3600_000);
  await visit(code);
  expect(itemClickCount(ctx.db, item.id)).toBe(3);
});

test("HEAD, link previews, crawlers, bots and prefetches redirect but do not count", async () => {
  const { item, code } = setup();
  const agents = [
    "Twitterbot/1.0",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "TelegramBot (like TwitterBot)",
    "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "WhatsApp/2.23.20.0",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "SomeCrawler/3.0",
    "Mozilla/5.0 (compatible; spider)",
    "LinkPreview/1.0",
    "",
  ];
  for (const [i, agent] of agents.entries()) {
    const res = await visit(code, { "user-agent": agent, "x-forwarded-for": `192.0.2.${i + 1}` });
    expect(res.status).toBe(302);
  }
  expect((await visit(code, {}, "HEAD")).status).toBe(302);
  await visit(code, { purpose: "prefetch", "x-forwarded-for": "192.0.2.100" });
  await visit(code, { "sec-purpose": "prefetch;prerender", "x-forwarded-for": "192.0.2.101" });
  await visit(code, { "x-moz": "prefetch", "x-forwarded-for": "192.0.2.102" });
  expect(itemClickCount(ctx.db, item.id)).toBe(0);
  await visit(code);
  expect(itemClickCount(ctx.db, item.id)).toBe(1);
});

test("the owner's own signed-in visit redirects but does not count; another user's session does", async () => {
  const { u, item, code } = setup();
  // Behind HTTPS the session cookie carries the __Host- prefix.
  const cookieOf = (userId: number) => `__Host-${signIn(ctx, userId).cookie}`;
  expect((await visit(code, { cookie: cookieOf(u.id) })).status).toBe(302);
  expect(itemClickCount(ctx.db, item.id)).toBe(0);
  await visit(code, { cookie: cookieOf(makeUser(ctx).id) });
  expect(itemClickCount(ctx.db, item.id)).toBe(1);
});

test("no raw address is stored: clicks hold a salted hash that changes with the UTC day, and only today's salt is kept", async () => {
  const { code } = setup();
  await visit(code, { "x-forwarded-for": "203.0.113.99" });
  const dump = () =>
    JSON.stringify([
      ctx.db.$client.query("SELECT * FROM link_clicks").all(),
      ctx.db.$client.query("SELECT * FROM click_salts").all(),
      ctx.db.$client.query("SELECT * FROM short_links").all(),
    ]);
  expect(dump()).not.toContain("203.0.113.99");
  const hashes = () =>
    (ctx.db.$client.query("SELECT visitor FROM link_clicks ORDER BY clicked_at").all() as { visitor: string }[]).map((r) => r.visitor);
  const first = hashes().at(-1)!;
  expect(first).toMatch(/^[0-9a-f]{64}$/);
  expect(first).not.toBe(Bun.SHA256.hash("203.0.113.99", "hex"));
  ctx.clock.advance(24 * 3600_000);
  await visit(code, { "x-forwarded-for": "203.0.113.99" });
  expect(hashes().at(-1)).not.toBe(first);
  expect(ctx.db.$client.query("SELECT day FROM click_salts").all()).toEqual([{ day: ctx.clock.now().toISOString().slice(0, 10) }]);
});
