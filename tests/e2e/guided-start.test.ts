import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { hasChromium, launchBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";
import { startTestSites, type TestSites } from "../sites/server";

const OUT = join(import.meta.dir, "../../test-output/guided-start");
let server: RunningServer;
let sites: TestSites;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium()) throw new Error("tests/e2e needs Debian's Chromium: apt-get install chromium (npm test installs it)");
  mkdirSync(OUT, { recursive: true });
  sites = startTestSites();
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sites?.stop();
});

const step = (page: Page) => page.locator('.start-steps li[aria-current="step"]').innerText();

test("guided start: a fresh user adds an app, skips connecting, generates with live progress and lands on the approval page, with no reload", async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
  });
  try {
    await page.goto(`${server.url}/`);
    await page.fill('input[name="name"]', "Ada Owner");
    await page.fill('input[name="email"]', "ada@example.com");
    await page.fill('input[name="password"]', "a long enough password");
    await Promise.all([page.waitForURL("**/dashboard"), page.click('button[type="submit"]')]);

    // Step 1 on the dashboard: add the first web app (one platform keeps the render short).
    expect(await step(page)).toContain("Add your web app");
    await Promise.all([page.waitForURL("**/webapps/new"), page.getByRole("link", { name: "Add your first web app" }).click()]);
    await page.fill('input[name="url"]', sites.url("/tasktide"));
    await page.click('button:has-text("Fetch details")');
    await page.waitForFunction(() => (document.querySelector('input[name="name"]') as HTMLInputElement | null)?.value.includes("TaskTide"));
    for (const box of await page.locator('input[name="platforms"]').all()) await box.setChecked((await box.getAttribute("value")) === "x");
    await Promise.all([page.waitForURL("**/webapps?added=*"), page.click('button:has-text("Add web app")')]);

    // The next step is offered right there; connecting first leads to the guide, which may be skipped.
    await page.getByRole("heading", { name: "Next: the first batch" }).waitFor();
    expect(await page.getByRole("button", { name: "Generate now" }).count()).toBe(1);
    await Promise.all([page.waitForURL("**/start"), page.getByRole("link", { name: "Connect platforms first" }).click()]);
    expect(await step(page)).toContain("Connect platforms");
    expect(await page.getByRole("link", { name: "Connect platforms" }).getAttribute("href")).toBe("/platforms");
    await Promise.all([page.waitForURL("**/start?skip=connect"), page.getByRole("link", { name: "Skip: I will post by hand" }).click()]);
    expect(await step(page)).toContain("Generate the first batch");
    await page.screenshot({ path: join(OUT, "1-generate-step.png"), fullPage: true });
    await Promise.all([page.waitForURL("**/runs/*"), page.getByRole("button", { name: "Generate now" }).click()]);

    // The run page follows the run and the render by itself: record what the progress bars say until it is done.
    let loads = 0;
    page.on("load", () => loads++);
    const seen: string[] = [];
    const deadline = Date.now() + 280_000;
    while (!(await page.getByRole("link", { name: "Review the posts" }).isVisible())) {
      if (Date.now() > deadline) throw new Error(`no finished state after: ${seen.join(" | ")}`);
      const bars = await page.locator("#run-live .work-progress").allInnerTexts();
      const now = bars.join(" / ");
      if (now && seen.at(-1) !== now) seen.push(now);
      if (seen.length === 2) await page.screenshot({ path: join(OUT, "2-progress.png"), fullPage: true });
      await Bun.sleep(250);
    }
    console.log(`progress seen: ${seen.join(" | ")}`);
    expect(seen.length).toBeGreaterThanOrEqual(2); // a progress element that changed
    expect(seen.some((s) => /\d+%/.test(s))).toBe(true);
    expect(await page.locator("#run-live").getAttribute("hx-trigger")).toBeNull(); // polling stopped
    expect(await page.locator("#run-live .work-progress").count()).toBe(0);
    expect(loads).toBe(0); // the finished state arrived without a reload
    await page.screenshot({ path: join(OUT, "3-finished.png"), fullPage: true });

    await Promise.all([page.waitForURL("**/approval"), page.getByRole("link", { name: "Review the posts" }).click()]);
    // The batch's posts are here; formats differ by platform (a video, an image, or text on X and LinkedIn).
    await page.locator("article.item-card").first().waitFor();
    expect(await page.locator("article.item-card").count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(OUT, "4-approval.png"), fullPage: true });
    await page.goto(`${server.url}/dashboard`);
    expect(await step(page)).toContain("Review and approve");
    expect(violations).toEqual([]);
  } finally {
    await page.close();
  }
}, 300_000);
