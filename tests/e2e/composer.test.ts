import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { publishedCaption } from "../../src/composer/validate";
import { toDatetimeLocal } from "../../src/lib/zoned-time";
import { captionLength, composePostText } from "../../src/platforms/rules";
import { hasChromium, launchBrowser } from "../support/browser";
import { composerWorld } from "../composer/world";

const OUT = join(import.meta.dir, "..", "..", "test-output", "composer");
let w: ReturnType<typeof composerWorld>;
let server: ReturnType<typeof Bun.serve>;
let browser: Browser;
let base = "";
const TEXT = "Acme Notes works offline now: write anywhere, it syncs when you are back.";

beforeAll(async () => {
  if (!hasChromium()) throw new Error("Chromium is missing at /usr/bin/chromium: apt-get install -y chromium");
  mkdirSync(OUT, { recursive: true });
  w = composerWorld();
  const app = w.app;
  server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (req) => app.handle(req) });
  base = `http://127.0.0.1:${server.port}`;
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop(true);
  w?.close();
});

test("on a phone: write a post for X and LinkedIn with live counts, approve both, and it reaches each fake once", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const [name, value] = w.session.cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
  const page = await context.newPage();
  const csp: string[] = [];
  page.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) csp.push(m.text());
  });
  await page.goto(`${base}/approval`);
  await Promise.all([page.waitForURL("**/compose"), page.getByRole("link", { name: "Write a post" }).click()]);

  await page.getByLabel("X", { exact: true }).check();
  await page.getByLabel("LinkedIn", { exact: true }).check();
  const xCount = page.locator('.composer-platform[data-platform="x"] .composer-count');
  // The count follows the typing (public/composer.js): over X's 280 it turns red, LinkedIn's stays fine.
  await page.getByRole("textbox", { name: "Text", exact: true }).fill("a".repeat(300));
  await page.waitForFunction(() => document.querySelector('[data-platform="x"] .composer-count')?.textContent === "300 / 280");
  expect(await xCount.getAttribute("class")).toContain("over");
  expect(await page.locator('.composer-platform[data-platform="linkedin"] .composer-count').innerText()).toBe("300 / 3000");
  await page.getByRole("textbox", { name: "Text", exact: true }).fill(TEXT);
  await page.locator('input[name="linkUrl"]').fill("https://acme.test/offline");
  await page.locator('input[name="hashtags"]').fill("#offline");
  // The page counts as the server does: text, the link on its own line (23 on X), then the hashtags.
  const served = composePostText(publishedCaption(TEXT, "https://acme.test/offline"), ["offline"]);
  expect(await xCount.innerText()).toBe(`${captionLength("x", served)} / 280`);
  expect(captionLength("x", served)).toBe(TEXT.length + 1 + 23 + 2 + "#offline".length);
  expect(await xCount.getAttribute("class")).not.toContain("over");
  await page.getByLabel(/Planned time/).fill(toDatetimeLocal(w.ctx.clock.now(), w.user.timezone));
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.evaluate(readFileSync(join(import.meta.dir, "..", "..", "node_modules", "axe-core", "axe.min.js"), "utf8"));
  const violations = (await page.evaluate(async () => {
    const r = await (
      window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: { id: string; impact: string }[] }> } }
    ).axe.run({
      resultTypes: ["violations"],
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact }));
  })) as { id: string; impact: string }[];
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await page.screenshot({ path: join(OUT, "1-composer.png"), fullPage: true });

  await Promise.all([page.waitForURL("**/approval?written=2"), page.getByRole("button", { name: "Send for approval" }).click()]);
  const cards = page.locator("article.item-card", { hasText: "Acme Notes works offline now" });
  expect(await cards.count()).toBe(2);
  for (const card of await cards.all()) {
    await card.getByRole("button", { name: "Approve" }).click();
    await card.getByText("Approved.").waitFor();
  }
  await page.screenshot({ path: join(OUT, "2-approved.png"), fullPage: true });

  await w.run();
  await w.run();
  expect(w.x.tweets).toHaveLength(1);
  expect(w.x.tweets[0]!.text).toContain("Acme Notes works offline now");
  expect(w.linkedin.posts).toHaveLength(1);
  expect(w.linkedin.posts[0]!.commentary).toContain("Acme Notes works offline now");
  expect(csp).toEqual([]);
  await context.close();
}, 90_000);

test("composer with images: choose three, move the last up to first, remove one, and the post keeps the two in that order", async () => {
  const sharp = (await import("sharp")).default;
  const file = async (name: string, size: number, r: number) => {
    const path = join(OUT, name);
    await sharp({ create: { width: size, height: size, channels: 3, background: { r, g: 60, b: 120 } } })
      .png()
      .toFile(path);
    return path;
  };
  const paths = [await file("one.png", 200, 10), await file("two.png", 300, 120), await file("three.png", 400, 240)];
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const [name, value] = w.session.cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
  const page = await context.newPage();
  await page.goto(`${base}/compose`);
  await page.getByLabel("LinkedIn", { exact: true }).check();
  await page.getByRole("textbox", { name: "Text", exact: true }).fill("Three screens, two kept.");
  await page.locator("#composer-media").setInputFiles(paths);
  const names = () => page.locator("#composer-files .composer-file-name").allInnerTexts();
  expect(await names()).toEqual(["1. one.png (cover)", "2. two.png", "3. three.png"]);
  await page.getByRole("button", { name: "Up three.png" }).click();
  await page.getByRole("button", { name: "Up three.png" }).click();
  await page.getByRole("button", { name: "Remove two.png" }).click();
  expect(await names()).toEqual(["1. three.png (cover)", "2. one.png"]);
  // The thumbnails are drawn from the files themselves (data: URLs, allowed by the page's policy).
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll("#composer-files img")).every((i) => (i as HTMLImageElement).naturalWidth > 0),
  );
  expect(await page.evaluate(() => (document.getElementById("composer-media") as HTMLInputElement).files!.length)).toBe(2);
  await Promise.all([page.waitForURL("**/approval?written=1"), page.getByRole("button", { name: "Send for approval" }).click()]);
  const items = w.ctx.db.$client
    .query("SELECT media FROM content_items WHERE user_id = ? AND caption = ?")
    .all(w.user.id, "Three screens, two kept.") as { media: string }[];
  expect(items).toHaveLength(1);
  expect((JSON.parse(items[0]!.media) as { images: { target: string }[] }).images.map((i) => i.target)).toEqual(["400x400", "200x200"]);
  await context.close();
}, 60_000);
