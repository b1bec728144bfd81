import { afterAll, beforeAll, expect } from "bun:test";
import type { Browser } from "playwright-core";
import { createApp } from "../../src/server/app";
import { findUserByEmail } from "../../src/users/store";
import { hasChromium, launchBrowser } from "../support/browser";
import { makeTestContext } from "../support/context";
import { testWithTool } from "../support/tools";

let ctx: ReturnType<typeof makeTestContext>;
let server: ReturnType<ReturnType<typeof createApp>["listen"]>;
let browser: Browser;
let base: string;

beforeAll(async () => {
  ctx = makeTestContext();
  // Cookies carry real expiry dates, so the app's clock must agree with the browser's.
  ctx.clock.set(new Date());
  server = createApp(ctx).listen({ port: 0, hostname: "127.0.0.1" });
  base = `http://127.0.0.1:${server.server!.port}`;
  ctx.config.server.public_base_url = base;
  if (hasChromium()) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server.stop(true);
  ctx.cleanup();
});

testWithTool(
  "Chromium",
  hasChromium(),
  "plain forms work in a real browser without JavaScript: setup, sign out, sign in",
  async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto(base + "/");
    expect(new URL(page.url()).pathname).toBe("/setup");
    await page.getByLabel("Your name").fill("Ann Admin");
    await page.getByLabel("Email").fill("ann@example.com");
    await page.getByLabel("Password").fill("correct horse battery staple");
    await page.getByLabel("Time zone").selectOption("Europe/Lisbon");
    await page.getByRole("button", { name: "Create admin account" }).click();
    expect(findUserByEmail(ctx.db, "ann@example.com")?.timezone).toBe("Europe/Lisbon");

    await page.goto(base + "/settings");
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("Ann Admin");
    // The sidebar's sign-out form is a plain POST: the browser must send an Origin the CSRF check accepts.
    await page.getByRole("button", { name: "Sign out" }).click();
    expect(page.url()).toBe(base + "/login?signedout=1");

    await page.getByLabel("Email").fill("ann@example.com");
    await page.getByLabel("Password").fill("correct horse battery staple");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.goto(base + "/settings");
    expect(new URL(page.url()).pathname).toBe("/settings");
    await page.close();
  },
  30_000,
);

testWithTool(
  "Chromium",
  hasChromium(),
  "with JavaScript the setup page preselects the browser's time zone",
  async () => {
    const c = makeTestContext();
    const s = createApp(c).listen({ port: 0, hostname: "127.0.0.1" });
    try {
      const page = await browser.newPage({ timezoneId: "America/Chicago" });
      await page.goto(`http://127.0.0.1:${s.server!.port}/setup`, { waitUntil: "load" });
      expect(await page.getByLabel("Time zone").inputValue()).toBe("America/Chicago");
      await page.close();
    } finally {
      await s.stop(true);
      c.cleanup();
    }
  },
  30_000,
);
