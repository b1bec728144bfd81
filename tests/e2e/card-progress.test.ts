import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Browser } from "playwright-core";
import { claimJobByKey, completeJob, extendLease } from "../../src/jobs/store";
import { requestMediaRender } from "../../src/media/job";
import { markMediaRendering, saveMediaReady } from "../../src/media/store";
import { createApp } from "../../src/server/app";
import { hasChromium, launchBrowser } from "../support/browser";
import { makeReadyBatch, makeUser, signIn } from "../support/content-factories";
import { makeTestContext } from "../support/context";

let ctx: ReturnType<typeof makeTestContext>;
let server: ReturnType<typeof Bun.serve>;
let browser: Browser;
let base = "";

beforeAll(async () => {
  if (!hasChromium()) throw new Error("Chromium is missing at /usr/bin/chromium: apt-get install -y chromium");
  ctx = makeTestContext();
  const app = createApp(ctx);
  server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (req) => app.handle(req) });
  base = `http://127.0.0.1:${server.port}`;
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop(true);
  ctx?.cleanup();
});

test("a card whose media is re-rendering shows the render's percent as it goes and turns into the finished card, without a reload", async () => {
  const u = makeUser(ctx);
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["x"] });
  const id = items[0]!.id;
  const job = requestMediaRender(ctx, id);
  const s = signIn(ctx, u.id);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const [name, value] = s.cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
  const page = await context.newPage();
  let loads = 0;
  page.on("load", () => loads++);
  await page.goto(`${base}/approval`);
  const card = page.locator(`#item-${id}`);
  await card.locator(".card-work progress").waitFor();
  claimJobByKey(ctx.db, job.key, ctx.clock.now(), 60_000);
  markMediaRendering(ctx.db, id, ctx.clock.now());
  extendLease(ctx.db, job.id, new Date(ctx.clock.now().getTime() + 60_000), "40% encoding the short");
  await card.getByText(/^40% · .*encoding the short$/).waitFor({ timeout: 10_000 });
  expect(await card.locator("progress").getAttribute("value")).toBe("40");
  saveMediaReady(ctx.db, id, { images: [{ path: "1/done.png", width: 1080, height: 1350, target: "portrait" }] }, ctx.clock.now());
  completeJob(ctx.db, job.id, ctx.clock.now());
  await card.locator('img[src="/media/1/done.png"]').waitFor({ timeout: 10_000 });
  expect(await card.locator(".card-work").count()).toBe(0); // the finished card has no polling area
  expect(await page.locator(`[id="item-${id}"]`).count()).toBe(1); // replaced, not nested
  expect(loads).toBe(1);
  await context.close();
}, 60_000);
