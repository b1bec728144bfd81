import { afterAll, beforeAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { contentItems } from "../../src/db/schema/content";
import { createApp } from "../../src/server/app";
import { sendDueDigests } from "../../src/notify/digest";
import { hasChromium, launchBrowser } from "../support/browser";
import { makeTestContext } from "../support/context";
import { makeReadyBatch, makeUser, signIn } from "../support/content-factories";
import { linkTokens, startSmtp } from "../notify/smtp";

const OUT = join(import.meta.dir, "..", "..", "test-output", "approval");
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let ctx: ReturnType<typeof makeTestContext>;
let server: ReturnType<typeof Bun.serve>;
let browser: Browser;
let base = "";

beforeAll(async () => {
  if (!hasChromium()) throw new Error("Chromium is missing at /usr/bin/chromium: apt-get install -y chromium");
  mkdirSync(OUT, { recursive: true });
  smtp = await startSmtp();
  ctx = makeTestContext({ AMARKTAI_SMTP_HOST: "127.0.0.1", AMARKTAI_SMTP_PORT: String(smtp.port) });
  const app = createApp(ctx);
  server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (req) => app.handle(req) });
  base = `http://127.0.0.1:${server.port}`;
  // links are built from the configured public address; here the test server is that address
  ctx.config.server.public_base_url = base;
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop(true);
  await smtp?.stop();
  ctx?.cleanup();
});

const status = (id: number) => ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!.status;

async function phone(cookie?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  if (cookie) {
    const [name, value] = cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
  }
  return context;
}

test("open the digest email's link on a phone, confirm, and see the batch approved", async () => {
  const u = makeUser(ctx, { email: "phone@example.test" });
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["x", "instagram", "youtube"], appName: "Acme Notes" });
  await sendDueDigests(ctx, ctx.clock.now());
  const token = linkTokens(smtp.mails.at(-1)!.raw)[0]!;
  const context = await phone();
  const page = await context.newPage();
  await page.goto(`${base}/links/${token}`);
  await page.getByRole("heading", { name: "Approve all posts?" }).waitFor();
  expect(items.map((i) => status(i.id))).toEqual(["pending_approval", "pending_approval", "pending_approval"]);
  await page.screenshot({ path: join(OUT, "1-link-confirm.png"), fullPage: true });
  await page.getByRole("button", { name: "Approve all 3" }).click();
  await page.getByText("3 posts were approved.").waitFor();
  await page.screenshot({ path: join(OUT, "2-link-done.png"), fullPage: true });
  expect(items.map((i) => status(i.id))).toEqual(["approved", "approved", "approved"]);
  await context.close();
}, 60_000);

test("on the approval page (390x844): approve one, reject one, an over-limit caption is refused with the reason; no serious axe violations", async () => {
  const u = makeUser(ctx, { email: "page@example.test" });
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["x", "linkedin", "tiktok"], appName: "Beta App" });
  const [x, linkedin, tiktok] = items as [(typeof items)[0], (typeof items)[0], (typeof items)[0]];
  const { cookie } = signIn(ctx, u.id);
  const context = await phone(cookie);
  const page = await context.newPage();
  const loads: string[] = [];
  page.on("load", () => loads.push(page.url()));
  await page.goto(`${base}/approval`);
  await page.screenshot({ path: join(OUT, "3-approval-page.png"), fullPage: true });

  // Evaluated through the browser's debugging protocol: the page's CSP refuses inline <script> tags, as it should.
  await page.evaluate(readFileSync(join(import.meta.dir, "..", "..", "node_modules", "axe-core", "axe.min.js"), "utf8"));
  const violations = (await page.evaluate(async () => {
    const r = await (
      window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }
    ).axe.run({ resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  })) as { id: string; impact: string }[];
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  await page.locator(`#item-${x.id}`).getByRole("button", { name: "Approve" }).click();
  await page.locator(`#item-${x.id}`).getByText("Approved.").waitFor();
  await page.locator(`#item-${linkedin.id}`).getByLabel("Reason for rejecting (optional)").fill("Too formal for LinkedIn");
  await page.locator(`#item-${linkedin.id}`).getByRole("button", { name: "Reject" }).click();
  await page.locator(`#item-${linkedin.id}`).getByText("Rejected because: Too formal for LinkedIn").waitFor();
  await page.getByText("1 of 3 waiting").waitFor(); // the batch header follows the cards

  const card = page.locator(`#item-${tiktok.id}`);
  await card.getByText("Edit", { exact: true }).click();
  const tooLong = "Way too long for TikTok. " + "a".repeat(2300);
  await card.getByLabel("Caption").fill(tooLong);
  await card.locator(".count.over").waitFor(); // the live count turns red before saving
  await card.getByRole("button", { name: "Save changes" }).click();
  await page.locator(`#item-${tiktok.id}`).getByRole("alert").filter({ hasText: "TikTok allows 2200 characters" }).waitFor();
  expect(await page.locator(`#item-${tiktok.id}`).getByLabel("Caption").inputValue()).toBe(tooLong);
  await page.locator(`#item-${tiktok.id}`).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, "4-after-actions.png"), fullPage: true });

  expect([status(x.id), status(linkedin.id), status(tiktok.id)]).toEqual(["approved", "rejected", "pending_approval"]);
  expect(ctx.db.select().from(contentItems).where(eq(contentItems.id, tiktok.id)).get()!.caption).not.toBe(tooLong);
  expect(loads.length).toBe(1); // htmx swapped cards in place: no full reloads
  await context.close();
}, 60_000);
