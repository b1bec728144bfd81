import { afterAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { CardCache } from "../../src/approvals/card-cache";
import { approvalCardCache } from "../../src/approvals/routes";
import { contentItems } from "../../src/db/schema/content";
import { saveMediaReady } from "../../src/media/store";
import { createApp } from "../../src/server/app";
import { makeTestContext } from "../support/context";
import { authedGet, formPost, makeReadyBatch, makeUser, signIn } from "../support/content-factories";

// The test clock stands still unless advanced: every change below happens at the same updated_at, so a cache keyed
// on the timestamp alone would serve the old card.
const ctx = makeTestContext();
const app = createApp(ctx);
afterAll(() => ctx.cleanup());

// With `show` the page is made on every view (the kept whole page of a plain view is tested in page-cache.test.ts), so
// these views go through the card cache each time.
const view = async (s: { cookie: string }) => {
  const res = await app.handle(authedGet("/approval?show=6", s));
  expect(res.status).toBe(200);
  return res.text();
};
/** One card's HTML out of the page. */
const cardOf = (html: string, id: number) => {
  const start = html.indexOf(`<article class="item-card card" id="item-${id}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf("</article>", start));
};
const csrfValues = (html: string) => [...html.matchAll(/name="_csrf" value="([^"]*)"/g)].map((m) => m[1]);

test("a second view reuses the cards; any change to an item shows on the next view", async () => {
  const u = makeUser(ctx);
  const s = signIn(ctx, u.id);
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["x", "linkedin", "facebook", "instagram", "tiktok"] });
  const [edited, approved, regenerated, rendered, flagged] = items.map((i) => i.id) as [number, number, number, number, number];
  const cache = approvalCardCache(ctx);
  await view(s);
  const before = { ...cache.stats };
  await view(s);
  expect(cache.stats.reuses - before.reuses).toBe(5);
  expect(cache.stats.renders).toBe(before.renders);

  const edit = { caption: "A fresh caption about zebras", hashtags: "#zebra", title: "", plannedAt: "" };
  expect((await app.handle(formPost(`/approval/items/${edited}/edit`, s, edit))).status).toBe(303);
  expect((await app.handle(formPost(`/approval/items/${approved}/approve`, s))).status).toBe(303);
  expect((await app.handle(formPost(`/approval/items/${regenerated}/regenerate-media`, s))).status).toBe(303);
  saveMediaReady(
    ctx.db,
    rendered,
    { images: [{ path: `${u.id}/new-cover.png`, width: 1080, height: 1350, target: "portrait" }] },
    ctx.clock.now(),
  );
  ctx.db
    .update(contentItems)
    .set({ unsupportedClaims: [{ text: "Saves 10 hours a week.", reason: "the site does not say so" }] })
    .where(eq(contentItems.id, flagged))
    .run();

  let html = await view(s);
  expect(cardOf(html, edited)).toContain("A fresh caption about zebras");
  expect(cardOf(html, edited)).toContain("#zebra");
  expect(cardOf(html, approved)).toContain('<span class="badge ok">approved</span>');
  expect(cardOf(html, approved)).not.toContain(`/approval/items/${approved}/approve`);
  expect(cardOf(html, regenerated)).toContain("new media queued");
  expect(cardOf(html, regenerated)).toContain(`id="item-${regenerated}-work"`);
  expect(cardOf(html, rendered)).toContain(`/media/${u.id}/new-cover.png`);
  expect(cardOf(html, flagged)).toContain("Check these claims:");

  expect((await app.handle(formPost(`/approval/items/${flagged}/confirm-claims`, s))).status).toBe(303);
  html = await view(s);
  expect(cardOf(html, flagged)).not.toContain("Check these claims:");
  expect(cardOf(html, edited)).toContain("A fresh caption about zebras");
});

test("another user never sees a card of yours, even with the same text at the same moment", async () => {
  const a = makeUser(ctx);
  const b = makeUser(ctx);
  const sa = signIn(ctx, a.id);
  const sb = signIn(ctx, b.id);
  const mine = makeReadyBatch(ctx, a.id, { platforms: ["x", "linkedin"] });
  const theirs = makeReadyBatch(ctx, b.id, { platforms: ["x", "linkedin"] });
  ctx.db.update(contentItems).set({ caption: "Only for A's eyes" }).where(eq(contentItems.id, mine.items[0]!.id)).run();
  await view(sa);
  const htmlB = await view(sb);
  for (const i of theirs.items) expect(htmlB).toContain(`id="item-${i.id}"`);
  for (const i of mine.items) expect(htmlB).not.toContain(`id="item-${i.id}"`);
  expect(htmlB).not.toContain("Only for A&#39;s eyes");
  expect(htmlB).not.toContain("Only for A's eyes");
  expect(await view(sa)).toContain(`id="item-${mine.items[0]!.id}"`);
});

test("every CSRF token in reused cards is the viewer's own, and a form from a reused card is accepted", async () => {
  const u = makeUser(ctx);
  const first = signIn(ctx, u.id);
  const second = signIn(ctx, u.id);
  expect(second.csrf).not.toBe(first.csrf);
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["x", "youtube"] });
  const one = await view(first);
  const reusesBefore = approvalCardCache(ctx).stats.reuses;
  const two = await view(second);
  expect(approvalCardCache(ctx).stats.reuses - reusesBefore).toBe(2);
  const tokensOne = csrfValues(one);
  const tokensTwo = csrfValues(two);
  expect(tokensTwo.length).toBeGreaterThan(items.length * 4);
  expect(new Set(tokensOne)).toEqual(new Set([first.csrf]));
  expect(new Set(tokensTwo)).toEqual(new Set([second.csrf]));
  expect(two).not.toContain(first.csrf);
  expect(two).not.toMatch(/csrf-[0-9a-f]{8}-/); // the cache's placeholder never leaks
  // A plain form post carries the token from the page (no header): the reused card's token is accepted.
  const body = new URLSearchParams({ _csrf: tokensTwo[tokensTwo.length - 1]! });
  const res = await app.handle(
    new Request(`http://localhost:3000/approval/items/${items[0]!.id}/approve`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: second.cookie, origin: "http://localhost:3000" },
      body,
    }),
  );
  expect(res.status).toBe(303);
});

test("the cache keeps at most its bound, dropping the least recently used card", () => {
  const u = makeUser(ctx);
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["x", "linkedin", "facebook"] });
  const cache = new CardCache(2);
  const input = (i: number) => ({ item: items[i]!, timezone: "UTC", queued: [], account: null });
  cache.card(u.id, input(0), "t");
  cache.card(u.id, input(1), "t");
  cache.card(u.id, input(0), "t"); // 0 is now the most recent
  cache.card(u.id, input(2), "t"); // drops 1
  expect(cache.size).toBe(2);
  const { renders, reuses } = cache.stats;
  cache.card(u.id, input(0), "t");
  expect(cache.stats).toEqual({ renders, reuses: reuses + 1 });
  cache.card(u.id, input(1), "t");
  expect(cache.stats.renders).toBe(renders + 1);
  expect(cache.card(u.id, { ...input(2), timezone: "Asia/Tokyo" }, "t")).not.toBe(cache.card(u.id, input(2), "t"));
});
