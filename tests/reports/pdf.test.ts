import { afterEach, beforeEach, expect, test } from "bun:test";
import { buildReport } from "../../src/reports/build";
import { lastCompletePeriod } from "../../src/reports/period";
import { makeTestContext } from "../support/context";
import { seedPost } from "../analytics/fixtures";
import { makeUser, makeWebapp } from "../support/content-factories";
import { pdfImages, pdfPages, pdfText, seedTwoWeeks } from "./helpers";

let ctx: ReturnType<typeof makeTestContext>;
beforeEach(() => {
  ctx = makeTestContext();
  ctx.clock.set(new Date("2026-03-10T09:00:00Z"));
});
afterEach(() => ctx.cleanup());

test("the week's PDF holds the web app's name (accents and all), the period, the seeded totals and their changes", async () => {
  const { user } = await seedTwoWeeks(ctx);
  const other = makeUser(ctx);
  makeWebapp(ctx, other.id, "Somebody Else's App");
  const report = await buildReport(ctx, user, "week");
  expect(report.pdf.subarray(0, 5).toString()).toBe("%PDF-");
  expect(report.filename).toBe("report-week-2026-03-02.pdf");
  const text = pdfText(report.pdf);
  expect(text).toContain("Café Lumière");
  expect(text).toContain("2 Mar – 8 Mar 2026");
  expect(text).toContain("Times in Europe/Berlin");
  expect(text).not.toContain("Somebody Else");
  // Totals as seeded, each with its change against the week before (4,500 views, 150 likes, 2 posts).
  for (const figure of ["8,345", "592", "45", "20", "25", "+85%", "+295%", "+100%"]) expect(text).toContain(figure);
  expect(text).toMatch(/Link visits\s/);
  // (592 + 45 + 20 + 25) / 8,345 = 8.2%
  expect(text).toContain("8.2%");
  expect(text).toContain("Views rose 85% against the previous week, mostly on TikTok (+2,000).");
  expect(text).toContain("Per platform");
  expect(text).toContain("Top posts (most views)");
  expect(text).toContain("Fresh croissants every morning");
  expect(text).toContain("Engagement rate = (likes + comments + shares + saves)");
  expect(pdfPages(report.pdf)).toBeGreaterThanOrEqual(3);
});

test("thumbnails are embedded as images and the charts are vector paths (no raster chart)", async () => {
  const { user } = await seedTwoWeeks(ctx);
  const report = await buildReport(ctx, user, "week");
  const images = pdfImages(report.pdf);
  // One thumbnail per listed post (4 top posts; too few for a bottom list), scaled down: nothing else is a picture.
  expect(images.length).toBe(4);
  expect(images.every((i) => i.width === 96 && i.height === 171)).toBe(true);
});

test("a period with nothing published gives a short report that says so, not a crash", async () => {
  ctx.clock.set(new Date("2026-02-01T00:00:00Z"));
  const user = makeUser(ctx, { timezone: "America/New_York" });
  makeWebapp(ctx, user.id, "Quiet App");
  ctx.clock.set(new Date("2026-03-10T09:00:00Z"));
  const report = await buildReport(ctx, user, "month");
  const text = pdfText(report.pdf);
  expect(text).toContain("Quiet App");
  expect(text).toContain("February 2026");
  expect(text).toContain("There was nothing to measure in this period.");
  expect(pdfPages(report.pdf)).toBe(1);
});

test("one web app of several: only its posts and name", async () => {
  const { user } = await seedTwoWeeks(ctx);
  const second = makeWebapp(ctx, user.id, "Second Shop");
  const report = await buildReport(ctx, user, "week", { webappIds: [second.id] });
  const text = pdfText(report.pdf);
  expect(text).toContain("Second Shop");
  expect(text).not.toContain("Café Lumière");
  expect(text).toContain("There was nothing to measure");
});

test("the period follows the user's zone: Berlin's week starts at 23:00 UTC on Sunday", () => {
  const p = lastCompletePeriod("week", new Date("2026-03-10T09:00:00Z"), "Europe/Berlin");
  expect([p.start, p.end, p.from.toISOString(), p.to.toISOString()]).toEqual([
    "2026-03-02",
    "2026-03-09",
    "2026-03-01T23:00:00.000Z",
    "2026-03-08T23:00:00.000Z",
  ]);
});

test("with more posts than the top list: the bottom posts (fewest views first) and a per-web-app table for two apps", async () => {
  ctx.clock.set(new Date("2026-02-01T00:00:00Z"));
  const user = makeUser(ctx, { timezone: "UTC" });
  const apps = [makeWebapp(ctx, user.id, "First Long Web App Name"), makeWebapp(ctx, user.id, "Second Long Web App Name")];
  ctx.clock.set(new Date("2026-03-10T09:00:00Z"));
  const views = [900, 800, 700, 600, 500, 40, 30, 20];
  views.forEach((v, i) =>
    seedPost(ctx, {
      userId: user.id,
      webappId: apps[i % 2]!.id,
      platform: "linkedin",
      publishedAt: `2026-03-0${2 + (i % 6)}T10:00:00Z`,
      caption: `Caption number ${i} with ${v} views`,
      readings: [{ at: "2026-03-08T20:00:00Z", views: v, likes: 1 }],
    }),
  );
  const text = pdfText((await buildReport(ctx, user, "week")).pdf);
  expect(text).toContain("Per web app");
  expect(text).toContain("First Long Web App Name");
  expect(text).toContain("Second Long Web App Name");
  const bottom = text.slice(text.indexOf("Bottom posts (fewest views)"));
  expect(bottom.indexOf("Caption number 7 with 20 views")).toBeGreaterThan(0);
  expect(bottom.indexOf("Caption number 7")).toBeLessThan(bottom.indexOf("Caption number 6"));
  expect(bottom).not.toContain("Caption number 0 ");
});
