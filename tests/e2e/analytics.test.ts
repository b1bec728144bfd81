import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createApp } from "../../src/server/app";
import { seedWorld } from "../analytics/fixtures";
import { hasChromium, launchBrowser } from "../support/browser";
import { signIn } from "../support/content-factories";
import { makeTestContext } from "../support/context";

const OUT = join(import.meta.dir, "..", "..", "test-output", "analytics");
const WEEK = "/analytics?range=custom&from=2026-02-28&to=2026-03-06";
let ctx: ReturnType<typeof makeTestContext>;
let server: ReturnType<typeof Bun.serve>;
let browser: Browser;
let base = "";
let cookie = "";

beforeAll(async () => {
  if (!hasChromium()) throw new Error("Chromium is missing at /usr/bin/chromium: apt-get install -y chromium");
  mkdirSync(OUT, { recursive: true });
  ctx = makeTestContext();
  ctx.clock.set(new Date("2026-03-07T17:00:00Z"));
  const w = seedWorld(ctx);
  cookie = signIn(ctx, w.user.id).cookie;
  const app = createApp(ctx);
  server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (req) => app.handle(req) });
  base = `http://127.0.0.1:${server.port}`;
  ctx.config.server.public_base_url = base;
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop(true);
  ctx?.cleanup();
});

async function signedIn(o: { width: number; height: number; javaScriptEnabled?: boolean }): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: o.width, height: o.height },
    deviceScaleFactor: 1,
    javaScriptEnabled: o.javaScriptEnabled ?? true,
  });
  const [name, value] = cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
  return context;
}

const card = (page: Page, label: string) =>
  page.locator(".analytics-totals .stat", { hasText: label }).first().locator(".value").textContent();
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

for (const size of [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`at ${size.width} wide: SVG charts render with size, the platform filter works through htmx without a page load, nothing scrolls sideways`, async () => {
    const context = await signedIn(size);
    const page = await context.newPage();
    const loads: string[] = [];
    page.on("load", () => loads.push(page.url()));
    await page.goto(base + WEEK);
    expect(await card(page, "Views")).toBe("1,400");
    expect(await page.locator("svg.chart").count()).toBe(8);
    const box = await page.locator("svg.chart").first().boundingBox();
    expect(box!.width).toBeGreaterThan(150);
    expect(box!.height).toBeGreaterThan(50);
    expect(await page.locator("svg.chart rect.bar").count()).toBeGreaterThan(8);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    if (size.width === 390) {
      // The posts table reads as cards: its rows stack as blocks.
      expect(
        await page
          .locator("table.analytics-posts tr")
          .nth(1)
          .evaluate((tr) => getComputedStyle(tr).display),
      ).toBe("block");
    }
    await page.screenshot({ path: join(OUT, `page-${size.width}.png`), fullPage: true });

    await page.locator("select[name=platform]").selectOption("x");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/platform=x/);
    await page.waitForFunction(() => document.querySelector(".analytics-totals .stat .value")?.textContent === "2");
    expect(await card(page, "Views")).toBe("400");
    expect(loads.length).toBe(1); // swapped in place, no second page load
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(OUT, `filtered-${size.width}.png`), fullPage: true });
    await context.close();
  }, 60_000);
}

test("without JavaScript the filters are a plain GET form that loads the filtered page", async () => {
  const context = await signedIn({ width: 390, height: 844, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(base + WEEK);
  expect(await card(page, "Posts")).toBe("3");
  await page.locator("select[name=platform]").selectOption("youtube");
  await Promise.all([page.waitForURL(/platform=youtube/), page.getByRole("button", { name: "Show" }).click()]);
  expect(await card(page, "Posts")).toBe("1");
  expect(await card(page, "Views")).toBe("1,000");
  expect(await page.locator("svg.chart").count()).toBe(8);
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  await context.close();
}, 60_000);
