import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { FakeTikTok } from "../fakes/tiktok";
import { FakeX } from "../fakes/x";
import { hasChromium, launchBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

const OUTPUT = join(import.meta.dir, "../../test-output");
let server: RunningServer;
let browser: Browser;
const x = new FakeX({ clientId: "x-from-ui", clientSecret: "x-secret-from-ui-7788" });
const tiktok = new FakeTikTok({ clientKey: "tt-from-ui", clientSecret: "tt-secret-from-ui-4455" });

// The app is pointed at the fakes' endpoints but given no app credentials: they are entered in the browser.
const withoutCredentials = (env: Record<string, string>) =>
  Object.fromEntries(Object.entries(env).filter(([k]) => !/CLIENT_(ID|KEY|SECRET)$/.test(k)));

beforeAll(async () => {
  if (!hasChromium()) throw new Error("tests/e2e needs Debian's Chromium: apt-get install chromium (npm test installs it)");
  x.start();
  tiktok.start();
  server = await startServer({ env: { ...withoutCredentials(x.env()), ...withoutCredentials(tiktok.env()) } });
  browser = await launchBrowser();
  mkdirSync(OUTPUT, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  x.stop();
  tiktok.stop();
});

async function fitsWidth(page: Page): Promise<void> {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll).toBeLessThanOrEqual(inner);
}

// Enters a platform's credentials on its card, tests them, connects through the fake OAuth, and checks nothing is cut off.
async function enterTestConnect(
  page: Page,
  o: { id: string; label: string; idName: string; idValue: string; secret: string; accepted: string },
) {
  await page.goto(`${server.url}/platforms`);
  const card = page.locator(`#platform-${o.id}`);
  const redirect = card.locator(`#redirect-${o.id}`);
  expect(await redirect.textContent()).toBe(`${server.url}/platforms/${o.id}/callback`);
  // The redirect URI wraps inside the card: nothing cut off, no horizontal scroll.
  expect(await redirect.evaluate((el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= window.innerWidth)).toBe(
    true,
  );
  await fitsWidth(page);
  await card.locator(`input[name="${o.idName}"]`).fill(o.idValue);
  await card.locator('input[name="client_secret"]').fill(o.secret);
  await card.locator('button:has-text("Save credentials")').click();
  // htmx swaps the card in place with the saved state.
  const saved = page.locator(`#platform-${o.id}`);
  await saved.locator(`text=set, ends with …${o.secret.slice(-4)}`).waitFor();
  expect(await page.content()).not.toContain(o.secret);
  await saved.locator('button:has-text("Test")').click();
  await page.locator(`#platform-${o.id} .notice:has-text("${o.accepted}")`).waitFor();
  await fitsWidth(page);
  await Promise.all([
    page.waitForURL(`**/platforms?connected=${o.id}`),
    page.locator(`#platform-${o.id} button:has-text("Connect ${o.label}")`).click(),
  ]);
  expect(await page.textContent("main")).toContain(`${o.label} is connected.`);
  await fitsWidth(page);
}

test("an admin enters X credentials and connects at 1366 px, TikTok at 390 px, through the fake OAuth; nothing is cut off", async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
  });
  try {
    await page.goto(`${server.url}/setup`);
    await page.fill('input[name="name"]', "Ada Owner");
    await page.fill('input[name="email"]', "ada@example.com");
    await page.fill('input[name="password"]', "a long enough password");
    await Promise.all([page.waitForURL("**/dashboard"), page.click('button[type="submit"]')]);
    // 127.0.0.1 is this machine only: every page says so, with the way to fix it.
    expect(await page.locator(".site-warning").textContent()).toContain("is in this machine (loopback)");

    await enterTestConnect(page, {
      id: "x",
      label: "X",
      idName: "client_id",
      idValue: "x-from-ui",
      secret: "x-secret-from-ui-7788",
      accepted: "X accepted the client id and secret",
    });
    await page.screenshot({ path: join(OUTPUT, "e2e-platforms-1366.png"), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await enterTestConnect(page, {
      id: "tiktok",
      label: "TikTok",
      idName: "client_key",
      idValue: "tt-from-ui",
      secret: "tt-secret-from-ui-4455",
      accepted: "TikTok accepted the client key and secret",
    });
    await page.screenshot({ path: join(OUTPUT, "e2e-platforms-390.png"), fullPage: true });
    expect(violations).toEqual([]);
  } finally {
    await page.close();
  }
});
