import { afterAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { FIRST_SCREEN_CARDS, MORE_CARDS_PAGE } from "../../src/approvals/first-screen";
import { approvalQueue } from "../../src/content/store";
import { contentItems } from "../../src/db/schema/content";
import { localDate } from "../../src/lib/zoned-time";
import type { PlatformId } from "../../src/platforms/ids";
import { createApp } from "../../src/server/app";
import { makeTestContext } from "../support/context";
import { authedGet, formPost, makeBatch, makeItem, makeUser, makeWebapp, signIn } from "../support/content-factories";

const ctx = makeTestContext();
const app = createApp(ctx);
afterAll(() => ctx.cleanup());

const PLATFORMS: PlatformId[] = ["youtube", "tiktok", "instagram", "facebook", "x", "linkedin"];
const status = (id: number) => ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!.status;

/** A user with `apps` batches of `perBatch` pending items each (60 by default, as the benchmark). */
function seed(apps = 5, perBatch = 12) {
  const u = makeUser(ctx);
  const s = signIn(ctx, u.id);
  const batches: { id: number; items: number[] }[] = [];
  for (let a = 0; a < apps; a++) {
    const w = makeWebapp(ctx, u.id, `App ${a}`);
    const b = makeBatch(ctx, { userId: u.id, webappId: w.id });
    const items: number[] = [];
    for (let i = 0; i < perBatch; i++)
      items.push(makeItem(ctx, { userId: u.id, webappId: w.id, batchId: b.id, platform: PLATFORMS[i % 6] }).id);
    batches.push({ id: b.id, items });
  }
  // The page's order: the queue's (batches newest and waiting first), cards in planned order.
  const all = approvalQueue(ctx.db, u.id, localDate(ctx.clock.now(), u.timezone)).flatMap((g) => g.items.map((i) => i.id));
  expect(all.toSorted((a, b) => a - b)).toEqual(batches.flatMap((b) => b.items));
  return { u, s, batches, all };
}

const cardIds = (html: string) => [...html.matchAll(/<article class="item-card card" id="item-(\d+)"/g)].map((m) => Number(m[1]));
const moreUrls = (html: string) =>
  [...html.matchAll(/hx-get="(\/approval\/batches\/\d+\/cards\?[^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
const showMoreLinks = (html: string) => [...html.matchAll(/<a href="(\/approval\?show=[^"]+)"/g)].map((m) => m[1]!);

async function get(path: string, s: { cookie: string }) {
  const res = await app.handle(authedGet(path, s));
  return { status: res.status, html: await res.text() };
}

test("the first view renders a screenful of cards, every batch's header and count, and a placeholder for the rest", async () => {
  const { s, batches, all } = seed();
  const { html } = await get("/approval", s);
  expect(cardIds(html)).toEqual(all.slice(0, FIRST_SCREEN_CARDS));
  for (const b of batches) {
    expect(html).toContain(`id="batch-${b.id}"`);
    expect(html).toContain(`id="bulk-${b.id}"`); // approve all / selected / reject all for every batch
    expect(html).toContain(">12 of 12 waiting<");
  }
  // One placeholder per batch not shown whole, fetched when scrolled into view, with a plain link for no JavaScript.
  expect(html.match(/hx-trigger="revealed"/g)?.length).toBe(batches.length);
  expect(moreUrls(html)).toHaveLength(batches.length);
  expect(showMoreLinks(html)[0]).toBe(`/approval?show=${FIRST_SCREEN_CARDS + MORE_CARDS_PAGE}#item-${all[FIRST_SCREEN_CARDS]}`);
});

test("with JavaScript: following the placeholders (as htmx does when they are revealed) lists every item exactly once", async () => {
  const { s, all } = seed();
  const first = await get("/approval", s);
  const seen = cardIds(first.html);
  const queue = moreUrls(first.html);
  let requests = 0;
  while (queue.length > 0) {
    const r = await get(queue.shift()!, s);
    expect(r.status).toBe(200);
    const cards = cardIds(r.html);
    expect(cards.length).toBeLessThanOrEqual(MORE_CARDS_PAGE);
    expect(r.html).not.toContain("<html"); // a fragment, swapped in place of the placeholder
    seen.push(...cards);
    queue.push(...moreUrls(r.html));
    requests++;
  }
  expect(seen).toEqual(all);
  expect(requests).toBeGreaterThanOrEqual(5);
});

test("without JavaScript: the 'show more' links lead to pages that end by listing every item", async () => {
  const { s, all } = seed();
  let page = await get("/approval", s);
  for (let hops = 0; showMoreLinks(page.html).length > 0; hops++) {
    expect(hops).toBeLessThan(10);
    const next = showMoreLinks(page.html)[0]!;
    const anchor = Number(next.split("#item-")[1]);
    page = await get(next.split("#")[0]!, s);
    expect(page.status).toBe(200);
    expect(cardIds(page.html)).toContain(anchor); // the page scrolls to the first new card
  }
  expect(cardIds(page.html)).toEqual(all);
});

test("approve all covers the batch's cards not rendered yet; approve selected takes a card fetched later", async () => {
  const { s, batches } = seed();
  const last = batches.at(-1)!;
  const res = await app.handle(formPost(`/approval/batches/${last.id}/bulk`, s, { action: "approve_all" }, { htmx: true }));
  expect(res.status).toBe(200);
  expect(last.items.map(status)).toEqual(last.items.map(() => "approved"));
  const other = batches[2]!;
  const { html } = await get("/approval", s);
  const url = moreUrls(html).find((u) => u.startsWith(`/approval/batches/${other.id}/`))!;
  const fragment = (await get(url, s)).html;
  // The lazily fetched card's checkbox belongs to its batch's bulk form, which is in the first view.
  expect(fragment).toContain(`name="ids" value="${other.items[5]}" form="bulk-${other.id}"`);
  await app.handle(formPost(`/approval/batches/${other.id}/bulk`, s, { action: "approve_selected", ids: [String(other.items[5])] }));
  expect(status(other.items[5]!)).toBe("approved");
  expect(status(other.items[4]!)).toBe("pending_approval");
});

test("a no-JS action on a card below the first screen goes back to a page holding that card; a refused edit shows it", async () => {
  const { s, all } = seed();
  const deep = all[40]!;
  const res = await app.handle(formPost(`/approval/items/${deep}/approve`, s));
  expect(res.status).toBe(303);
  expect(res.headers.get("location")).toBe(`/approval?show=41#item-${deep}`);
  expect(cardIds((await get("/approval?show=41", s)).html)).toContain(deep);
  const near = all[1]!;
  expect((await app.handle(formPost(`/approval/items/${near}/approve`, s))).headers.get("location")).toBe(`/approval#item-${near}`);
  const other = all.slice(30).find((id) => ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!.platform === "x")!;
  const fields = { caption: "x".repeat(400), hashtags: "", title: "", plannedAt: "" };
  const refused = await app.handle(formPost(`/approval/items/${other}/edit`, s, fields));
  expect(refused.status).toBe(422);
  const html = await refused.text();
  expect(cardIds(html)).toContain(other);
  expect(html).toContain('<details class="edit" open>');
});

test("placeholders stand for their item ids: a card moved in the order is still fetched; foreign or malformed requests are refused", async () => {
  const { s, batches, u } = seed(1, 20);
  const b = batches[0]!;
  const { html } = await get("/approval", s);
  const url = moreUrls(html)[0]!;
  // A card in the first screen is moved to the end of the order by an edit of its time; the hidden ones stay the same.
  ctx.db
    .update(contentItems)
    .set({ plannedAt: new Date(ctx.clock.now().getTime() + 48 * 3_600_000) })
    .where(eq(contentItems.id, b.items[0]!))
    .run();
  const first = await get(url, s);
  const second = await get(moreUrls(first.html)[0]!, s);
  expect([...cardIds(first.html), ...cardIds(second.html)]).toEqual(b.items.slice(FIRST_SCREEN_CARDS));
  const stranger = signIn(ctx, makeUser(ctx).id);
  expect((await get(url, stranger)).status).toBe(404);
  expect((await get(`/approval/batches/${b.id}/cards?ids=1;DROP`, s)).status).toBe(404);
  expect(u.id).toBeGreaterThan(0);
});

test("a fragment URL naming a card twice renders it once, and its page of cards is not shortened by the repeats", async () => {
  const { s, batches } = seed(1, 20);
  const b = batches[0]!;
  const [a, c, d] = b.items as [number, number, number];
  const once = await get(`/approval/batches/${b.id}/cards?ids=${a},${a},${c},${a},${c},${d}`, s);
  expect(once.status).toBe(200);
  expect(cardIds(once.html)).toEqual([a, c, d]);
  const many = Array.from({ length: MORE_CARDS_PAGE }, () => a).concat(b.items.slice(1, 3));
  expect(cardIds((await get(`/approval/batches/${b.id}/cards?ids=${many.join(",")}`, s)).html)).toEqual([a, ...b.items.slice(1, 3)]);
});
