import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { hasChromium, launchBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

const OUTPUT = join(import.meta.dir, "../../test-output");
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium()) throw new Error("tests/e2e needs Debian's Chromium: apt-get install chromium (npm test installs it)");
  server = await startServer();
  browser = await launchBrowser();
  mkdirSync(OUTPUT, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test("a person opens the app in Chromium: the server answers and the page renders", async () => {
  const page = await browser.newPage();
  const res = await page.goto(`${server.url}/healthz`);
  expect(res?.status()).toBe(200);
  expect(await page.textContent("body")).toContain('"status":"ok"');
  await page.screenshot({ path: join(OUTPUT, "e2e-healthz.png") });
  await page.close();
});
