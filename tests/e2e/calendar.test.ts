import { expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { contentItems } from "../../src/db/schema/content";
import { jobs } from "../../src/db/schema/jobs";
import { publishJob } from "../../src/publishing/schedule";
import { makeItem, makeUser, makeWebapp, signIn } from "../support/content-factories";
import { useBrowserWorld } from "../support/browser-world";

// The test clock is Monday 2 March 2026, 12:00 UTC; the user lives in New York (UTC-5 that week until Sunday).
const OUT = join(import.meta.dir, "..", "..", "test-output", "calendar");
const AXE = readFileSync(join(import.meta.dir, "..", "..", "node_modules", "axe-core", "axe.min.js"), "utf8");
const world = useBrowserWorld({ outDir: OUT });

const plannedAt = (id: number) => world.ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!.plannedAt!.toISOString();

function seed() {
  const u = makeUser(world.ctx, { timezone: "America/New_York" });
  const w = makeWebapp(world.ctx, u.id);
  const at = (iso: string, o: Parameters<typeof makeItem>[1]) => {
    const item = makeItem(world.ctx, o);
    world.ctx.db
      .update(contentItems)
      .set({ plannedAt: new Date(iso) })
      .where(eq(contentItems.id, item.id))
      .run();
    return item;
  };
  const wed = at("2026-03-04T15:00:00Z", {
    userId: u.id,
    webappId: w.id,
    platform: "linkedin",
    status: "approved",
    caption: "Wednesday morning post",
  });
  const thu = at("2026-03-05T17:30:00Z", {
    userId: u.id,
    webappId: w.id,
    platform: "instagram",
    caption: "A much longer caption ".repeat(8),
  });
  return { u, wed, thu };
}

async function signedIn(userId: number, viewport: { width: number; height: number }): Promise<BrowserContext> {
  const phone = viewport.width <= 600;
  const context = await world.signedIn(signIn(world.ctx, userId).cookie, {
    viewport,
    deviceScaleFactor: 1,
    isMobile: phone,
    hasTouch: phone,
  });
  return context;
}

async function seriousAxe(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return (await page.evaluate(async () => {
    const r = await (
      window as unknown as {
        axe: { run: (o: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe.run({ resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  })) as string[];
}

test("dragging a planned post to another day moves it there at the same local time", async () => {
  const { u, wed } = seed();
  const context = await signedIn(u.id, { width: 1366, height: 900 });
  const page = await context.newPage();
  await page.goto(`${world.base}/calendar`);
  const item = page.locator(`#cal-item-${wed.id}`);
  await expect(item.isVisible()).resolves.toBe(true);
  expect(await page.locator('.cal-day[data-date="2026-03-04"] .cal-item').count()).toBe(1);
  await item.dragTo(page.locator('.cal-day[data-date="2026-03-06"]'));
  await page.getByText(`Moved item ${wed.id} to Fri 6 Mar, 10:00.`).waitFor();
  expect(plannedAt(wed.id)).toBe("2026-03-06T15:00:00.000Z");
  expect(await page.locator(`.cal-day[data-date="2026-03-06"] #cal-item-${wed.id}`).count()).toBe(1);
  expect(await page.locator('.cal-day[data-date="2026-03-04"] .cal-item').count()).toBe(0);
  // The swapped-in calendar still takes drags: back to Thursday.
  await page.locator(`#cal-item-${wed.id}`).dragTo(page.locator('.cal-day[data-date="2026-03-05"]'));
  await page.getByText(`Moved item ${wed.id} to Thu 5 Mar, 10:00.`).waitFor();
  expect(plannedAt(wed.id)).toBe("2026-03-05T15:00:00.000Z");
  // An hour after 10:00 on Monday in New York, a drop on Monday (10:00 again) is in the past: refused with the sentence.
  world.ctx.clock.set(new Date("2026-03-02T16:00:00Z"));
  await page.locator(`#cal-item-${wed.id}`).dragTo(page.locator('.cal-day[data-date="2026-03-02"]'));
  await page.getByText("The planned time is in the past; pick a later time.").waitFor();
  expect(plannedAt(wed.id)).toBe("2026-03-05T15:00:00.000Z");
  world.ctx.clock.set(new Date("2026-03-02T12:00:00Z"));
  expect(await seriousAxe(page)).toEqual([]);
  await page.screenshot({ path: join(OUT, "week-1366.png"), fullPage: true });
  await context.close();
}, 60_000);

test("dragging a scheduled post moves it and its publish job to the new day", async () => {
  const { u } = seed();
  const w = makeWebapp(world.ctx, u.id);
  const item = makeItem(world.ctx, {
    userId: u.id,
    webappId: w.id,
    platform: "x",
    status: "scheduled",
    caption: "Scheduled for Wednesday",
  });
  world.ctx.db
    .update(contentItems)
    .set({ plannedAt: new Date("2026-03-04T18:00:00Z") })
    .where(eq(contentItems.id, item.id))
    .run();
  publishJob.enqueue(world.ctx.db, { itemId: item.id }, { now: world.ctx.clock.now(), runAt: new Date("2026-03-04T18:00:00Z") });
  const context = await signedIn(u.id, { width: 1366, height: 900 });
  const page = await context.newPage();
  await page.goto(`${world.base}/calendar`);
  await page.locator(`#cal-item-${item.id}`).dragTo(page.locator('.cal-day[data-date="2026-03-07"]'));
  await page.getByText(`Moved item ${item.id} to Sat 7 Mar, 13:00.`).waitFor();
  expect(plannedAt(item.id)).toBe("2026-03-07T18:00:00.000Z");
  const job = world.ctx.db
    .select()
    .from(jobs)
    .where(eq(jobs.key, `publish:${item.id}`))
    .get()!;
  expect(job.runAt.toISOString()).toBe("2026-03-07T18:00:00.000Z");
  expect(await page.locator(`.cal-day[data-date="2026-03-07"] #cal-item-${item.id}`).count()).toBe(1);
  await context.close();
}, 60_000);

test("at 390 px the calendar is an agenda list without sideways scrolling, and its Move form works", async () => {
  const { u, thu } = seed();
  const context = await signedIn(u.id, { width: 390, height: 844 });
  const page = await context.newPage();
  for (const view of ["week", "month"]) {
    await page.goto(`${world.base}/calendar?view=${view}&date=2026-03-02`);
    // One column of the days that have posts: Wednesday and Thursday shown, the empty Monday and the weekday row not.
    expect(await page.locator(".cal-weekdays").isVisible()).toBe(false);
    expect(await page.locator('.cal-day[data-date="2026-03-02"]').isVisible()).toBe(false);
    const wed = await page.locator('.cal-day[data-date="2026-03-04"]').boundingBox();
    const thu = await page.locator('.cal-day[data-date="2026-03-05"]').boundingBox();
    expect(thu!.y).toBeGreaterThan(wed!.y + wed!.height - 1);
    expect(thu!.width).toBeGreaterThan(300);
    const w = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(w.scroll).toBeLessThanOrEqual(w.inner);
    expect(await seriousAxe(page)).toEqual([]);
    await page.screenshot({ path: join(OUT, `${view}-390.png`), fullPage: true });
  }
  const entry = page.locator(".cal-item", { hasText: "A much longer caption" });
  await entry.getByText("Move", { exact: true }).first().click();
  await entry.locator('input[name="plannedAt"]').fill("2026-03-07T08:45");
  await entry.getByRole("button", { name: "Move" }).click();
  await page.getByText(`Moved item ${thu.id} to Sat 7 Mar, 08:45.`).waitFor();
  expect(plannedAt(thu.id)).toBe("2026-03-07T13:45:00.000Z");
  await context.close();
}, 60_000);
