import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { createApp } from "../../src/server/app";
import { requestExport } from "../../src/exports/job";
import { executeRun } from "../../src/pipeline/run";
import { requestRun } from "../../src/pipeline/start";
import { createUser } from "../../src/users/store";
import { NoProviderGateway } from "../agents/fixtures";
import { seedApp } from "../pipeline/support";
import { startResearchSites, type ResearchSites } from "../sites/research-sites";
import { hasChromium, launchBrowser } from "../support/browser";
import { makeReadyBatch, signIn } from "../support/content-factories";
import { makeTestContext } from "../support/context";

const OUT = join(import.meta.dir, "..", "..", "test-output", "narrow");
const AXE = readFileSync(join(import.meta.dir, "..", "..", "node_modules", "axe-core", "axe.min.js"), "utf8");
let ctx: ReturnType<typeof makeTestContext>;
let sites: ResearchSites;
let server: ReturnType<typeof Bun.serve>;
let browser: Browser;
let base = "";

beforeAll(async () => {
  if (!hasChromium()) throw new Error("Chromium is missing at /usr/bin/chromium: apt-get install -y chromium");
  mkdirSync(OUT, { recursive: true });
  sites = startResearchSites();
  ctx = makeTestContext();
  const app = createApp(ctx);
  server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (req) => app.handle(req) });
  base = `http://127.0.0.1:${server.port}`;
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop(true);
  sites?.stop();
  ctx?.cleanup();
});

/** Boxes that scroll sideways inside the page (a table cut off at its wrapper's edge): "tag.class (content px in box px)". */
async function sidewaysScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("body *"))
      .filter((e) => ["auto", "scroll"].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
      .map((e) => `${e.tagName.toLowerCase()}.${Array.from(e.classList).join(".")} (${e.scrollWidth} px in ${e.clientWidth} px)`),
  );
}

async function overflowAndAxe(page: Page): Promise<{ scrollWidth: number; innerWidth: number; serious: string[] }> {
  const widths = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  await page.evaluate(AXE);
  const serious = (await page.evaluate(async () => {
    const r = await (
      window as unknown as {
        axe: { run: (o: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe.run({ resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  })) as string[];
  return { ...widths, serious };
}

test("every page of the navigation, with full tables, fits 390 px without sideways scrolling and has no serious axe violations", async () => {
  // An admin with a real run (research, posts, renders waiting), a ready batch, other users and a long web-app address.
  const { userId, webappId } = seedApp(ctx, {
    url: sites.url("/"),
    platforms: ["youtube", "instagram", "x", "linkedin", "tiktok", "facebook"],
    name: "Pantry Pal with a rather long product name",
    email: "owner.with.a.long.address@example-company.test",
  });
  const run = requestRun(ctx, { webappId, userId, force: true, trigger: "manual" })!.run;
  await executeRun(ctx, new NoProviderGateway(), run.id);
  const { items } = makeReadyBatch(ctx, userId, { platforms: ["x", "youtube", "linkedin", "instagram"], appName: "Acme Notes" });
  for (let i = 0; i < 4; i++)
    createUser(
      ctx.db,
      { email: `member.number.${i}.long@example-company.test`, name: `Member ${i}`, passwordHash: "x", role: "member", timezone: "UTC" },
      ctx.clock.now(),
    );
  const s = signIn(ctx, userId);
  const exportPage = requestExport(ctx, { userId, what: "item", id: items[0]!.id });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  const [name, value] = s.cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
  const page = await context.newPage();
  const paths = [
    "/dashboard",
    "/start",
    "/webapps",
    "/webapps/new",
    `/webapps/${webappId}/edit`,
    `/webapps/${webappId}/runs`,
    `/runs/${run.id}`,
    "/approval",
    "/approval/settings",
    "/compose",
    "/calendar",
    "/content",
    `/content/${items[0]!.id}`,
    "/analytics",
    "/analytics/import",
    "/platforms",
    `/exports/${exportPage.id}`,
    "/settings",
    "/settings/users",
    "/schedules",
    "/admin/workers",
    "/notifications",
    "/usage",
  ];
  const problems: string[] = [];
  for (const path of paths) {
    const res = await page.goto(base + path);
    expect(res?.status(), path).toBe(200);
    const r = await overflowAndAxe(page);
    await page.screenshot({ path: join(OUT, `${path.replace(/\W+/g, "-").replace(/^-|-$/g, "") || "root"}.png`), fullPage: true });
    if (r.scrollWidth > r.innerWidth) problems.push(`${path}: ${r.scrollWidth} px wide at ${r.innerWidth}`);
    for (const box of await sidewaysScrollers(page)) problems.push(`${path}: scrolls sideways: ${box}`);
    for (const v of r.serious) problems.push(`${path}: ${v}`);
  }
  await context.close();
  // At 1366 px the run page's table shows every column, its status last, without a sideways scroll.
  const wide = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await wide.addCookies([{ name, value, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
  const desk = await wide.newPage();
  await desk.goto(`${base}/runs/${run.id}`);
  for (const box of await sidewaysScrollers(desk)) problems.push(`/runs at 1366: scrolls sideways: ${box}`);
  await desk.screenshot({ path: join(OUT, "run-1366.png"), fullPage: true });
  await wide.close();
  expect(problems).toEqual([]);
}, 120_000);
