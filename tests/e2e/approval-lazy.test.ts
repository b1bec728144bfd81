import { expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { approvalQueue } from "../../src/content/store";
import { contentItems } from "../../src/db/schema/content";
import { localDate } from "../../src/lib/zoned-time";
import type { PlatformId } from "../../src/platforms/ids";
import { makeBatch, makeItem, makeUser, makeWebapp, signIn } from "../support/content-factories";
import { useBrowserWorld } from "../support/browser-world";

const world = useBrowserWorld();

const DESKTOP = { width: 1366, height: 900 };
const PLATFORMS: PlatformId[] = ["youtube", "tiktok", "instagram", "facebook", "x", "linkedin"];
const status = (id: number) => world.ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!.status;

/** 60 pending posts in 5 batches, as the benchmark; the page's order of item ids. */
function seed() {
  const u = makeUser(world.ctx);
  for (let a = 0; a < 5; a++) {
    const w = makeWebapp(world.ctx, u.id, `App ${a}`);
    const b = makeBatch(world.ctx, { userId: u.id, webappId: w.id });
    for (let i = 0; i < 12; i++) makeItem(world.ctx, { userId: u.id, webappId: w.id, batchId: b.id, platform: PLATFORMS[i % 6] });
  }
  const groups = approvalQueue(world.ctx.db, u.id, localDate(world.ctx.clock.now(), u.timezone));
  return { u, groups, order: groups.flatMap((g) => g.items.map((i) => i.id)) };
}

const cardIds = (ids: string[]) => ids.map((id) => Number(id.replace("item-", "")));

test("with JavaScript: scrolling down brings in every card once; a late card is selected by keyboard and approved with 'Approve selected'", async () => {
  const { u, groups, order } = seed();
  const context = await world.signedIn(signIn(world.ctx, u.id).cookie, { viewport: DESKTOP, javaScriptEnabled: true });
  const page = await context.newPage();
  await page.goto(`${world.base}/approval`);
  const cards = page.locator("article.item-card");
  expect(await cards.count()).toBeLessThan(order.length);
  for (let i = 0; i < 40 && (await cards.count()) < order.length; i++) {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(150);
  }
  expect(cardIds(await cards.evaluateAll((els) => els.map((e) => e.id)))).toEqual(order);
  expect(await page.locator(".more-cards").count()).toBe(0);

  // The last batch's last card came by a "more" request; its checkbox still belongs to its batch's bulk form.
  const last = groups.at(-1)!;
  const late = last.items.at(-1)!.id;
  const box = page.locator(`#item-${late}`).getByRole("checkbox", { name: "Select" });
  await box.focus();
  await page.keyboard.press("Space");
  expect(await box.isChecked()).toBe(true);
  const approveSelected = page.locator(`#bulk-${last.batch.id}`).getByRole("button", { name: "Approve selected" });
  await approveSelected.focus();
  await page.keyboard.press("Enter");
  await page.locator(`#batch-${last.batch.id}`).getByText("Approved 1 post.").waitFor();
  expect(status(late)).toBe("approved");
  expect(status(last.items[0]!.id)).toBe("pending_approval");
  await context.close();
}, 90_000);

test("without JavaScript: the 'show more' links lead to a page listing every card; approve all covers cards never shown", async () => {
  const { u, groups, order } = seed();
  const context = await world.signedIn(signIn(world.ctx, u.id).cookie, { viewport: DESKTOP, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${world.base}/approval`);
  const cards = page.locator("article.item-card");
  const firstView = await cards.count();
  expect(firstView).toBeLessThan(order.length);
  // "Approve all" on a batch none of whose cards is on the page yet.
  const hidden = groups.at(-1)!;
  await page.locator(`#bulk-${hidden.batch.id}`).getByRole("button", { name: "Approve all" }).click();
  await page.waitForURL(/\/approval/);
  expect(hidden.items.map((i) => status(i.id))).toEqual(hidden.items.map(() => "approved"));
  for (let i = 0; i < 10 && (await page.locator(".more-cards a").count()) > 0; i++) {
    await page.locator(".more-cards a").first().click();
    await page.waitForLoadState();
  }
  expect(cardIds(await cards.evaluateAll((els) => els.map((e) => e.id)))).toEqual(order);
  await context.close();
}, 90_000);
