import { afterAll, beforeAll, expect } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { createApp } from "../../src/server/app";
import { listWebapps } from "../../src/webapps/store";
import { hasChromium, launchBrowser } from "../support/browser";
import { makeTestContext } from "../support/context";
import { startTestSites, type TestSites } from "../sites/server";
import { signIn } from "./signed-in";
import { testWithTool } from "../support/tools";

const OUT = join(import.meta.dir, "../../test-output");
let sites: TestSites;
let ctx: ReturnType<typeof makeTestContext>;
let server: ReturnType<typeof Bun.serve>;
let browser: Browser;

beforeAll(async () => {
  sites = startTestSites();
  ctx = makeTestContext({ AMARKTAI_FETCH_TIMEOUT_MS: "1000" });
  const app = createApp(ctx);
  server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (r) => app.handle(r) });
  if (hasChromium()) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  server.stop(true);
  await sites.stop();
  ctx.cleanup();
});

// htmx 4 in a real browser: fetch details, a refused URL keeps the typed values, add, edit, delete.
testWithTool(
  "Chromium",
  hasChromium(),
  "adding, editing and deleting a web app with htmx in Chromium",
  async () => {
    const base = `http://127.0.0.1:${server.port}`;
    const alice = signIn(ctx, "alice@example.com", "Alice");
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const [name, value] = alice.cookie.split("=");
    await context.addCookies([{ name: name!, value: value!, url: base }]);
    const page = await context.newPage();

    await page.goto(base + "/webapps/new");
    await page.fill("input[name=url]", sites.url("/tasktide"));
    await page.fill("textarea[name=audience]", "Team leads");
    await page.click("text=Fetch details");
    await page.waitForSelector("text=Details read from the page");
    expect(await page.inputValue("input[name=name]")).toBe("TaskTide");
    expect(await page.inputValue("textarea[name=audience]")).toBe("Team leads");

    await page.fill("input[name=url]", sites.url("/data.json"));
    await page.check("input[name=platforms][value=linkedin]");
    await page.click("button:has-text('Add web app')");
    await page.waitForSelector("#url-error");
    expect(await page.textContent("#url-error")).toContain("is not a web page");
    expect(await page.inputValue("textarea[name=audience]")).toBe("Team leads");
    expect(await page.isChecked("input[name=platforms][value=linkedin]")).toBeTrue();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("url");

    await page.fill("input[name=url]", sites.url("/tasktide"));
    await page.click("button:has-text('Add web app')");
    await page.waitForURL(/\/webapps\?added=\d+$/);
    expect(await page.textContent("main")).toContain('Added "TaskTide".');
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: join(OUT, "webapps-list.png"), fullPage: true });

    await page.click("text=Edit >> nth=0");
    await page.fill("input[name=name]", "TaskTide Teams");
    await page.click("button:has-text('Save changes')");
    await page.waitForSelector("text=Saved.");
    expect(listWebapps(ctx.db, alice.user.id)[0]!.name).toBe("TaskTide Teams");

    await page.click("text=Delete…");
    await page.waitForURL(/\/delete$/);
    // A plain (non-htmx) form post: the browser must send a real Origin for the CSRF check to pass.
    await page.click("button:has-text('Delete web app')");
    await page.waitForURL(/deleted=1/);
    expect(listWebapps(ctx.db, alice.user.id)).toHaveLength(0);
    await context.close();
  },
  30_000,
);
