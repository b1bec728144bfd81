import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { hasChromium, launchBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";
import { startTestSites, type TestSites } from "../sites/server";

const OUTPUT = join(import.meta.dir, "../../test-output");
const PASSWORD = "a long enough password";
let server: RunningServer;
let sites: TestSites;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium()) throw new Error("tests/e2e needs Debian's Chromium: apt-get install chromium (npm test installs it)");
  sites = startTestSites();
  server = await startServer();
  browser = await launchBrowser();
  mkdirSync(OUTPUT, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sites?.stop();
});

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(OUTPUT, `e2e-${name}.png`), fullPage: true });
}

test("first-run setup, sign out and in again, add a web app from its URL, see it listed", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Every page carries a strict Content-Security-Policy; anything it blocks (an inline script or style) is collected here.
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    ),
  );
  try {
    // a fresh install sends every page to the setup form
    const first = await page.goto(`${server.url}/`);
    expect(first?.headers()["content-security-policy"]).toContain("script-src 'self'");
    expect(new URL(page.url()).pathname).toBe("/setup");
    await page.fill('input[name="name"]', "Ada Owner");
    await page.fill('input[name="email"]', "ada@example.com");
    await page.fill('input[name="password"]', PASSWORD);
    await page.selectOption('select[name="timezone"]', "Europe/Berlin");
    await shot(page, "1-setup");
    await Promise.all([page.waitForURL("**/dashboard"), page.click('button[type="submit"]')]);
    expect(await page.textContent("body")).toContain("Ada Owner");

    // sign out, then sign in through the login page
    await page.context().clearCookies();
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.fill('input[name="email"]', "ada@example.com");
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForURL("**/dashboard"), page.click('button[type="submit"]')]);

    // add a web app by pasting its URL (a local test site); details are read from the page
    await page.goto(`${server.url}/webapps/new`);
    await page.fill('input[name="url"]', sites.url("/tasktide"));
    await page.click('button:has-text("Fetch details")');
    await page.waitForFunction(() => (document.querySelector('input[name="name"]') as HTMLInputElement | null)?.value.includes("TaskTide"));
    await shot(page, "2-prefilled");
    await Promise.all([page.waitForURL("**/webapps?added=*"), page.click('button:has-text("Add web app")')]);
    expect(await page.textContent("main")).toContain("TaskTide");
    await shot(page, "3-webapps");
    expect(violations).toEqual([]);
  } finally {
    await page.close();
  }
});
