import { mkdirSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { PLATFORM_IDS } from "../src/platforms/ids";
import { lastCompletePeriod } from "../src/reports/period";
import { seedPost } from "../tests/analytics/fixtures";
import { makeTestContext } from "../tests/support/context";
import { makeUser, makeWebapp } from "../tests/support/content-factories";
import type { Bench, Figure } from "./support";

const APPS = 5;
const POSTS = 3000;
const DAY_MS = 86_400_000;

const rssMb = () => process.memoryUsage().rss / 2 ** 20;

/**
 * The PDF report of a 30-day month for a user with 5 web apps and 3,000 posts (three readings each, clicks on a
 * third of them, every post with a full-size 1080x1920 JPEG cover on disk), built the way the report email builds
 * it. Extra memory is the process's RSS after the first build minus before it (pdfkit and sharp load in that
 * build), in this one process.
 */
export const bench: Bench = {
  name: "reports",
  summary: `the PDF report for 30 days (${APPS} web apps, ${POSTS} posts)`,
  async run(): Promise<Figure[]> {
    const ctx = makeTestContext();
    try {
      ctx.clock.set(new Date("2026-10-01T00:00:00Z"));
      const user = makeUser(ctx, { email: "bench@example.test", timezone: "Europe/Berlin" });
      const apps = Array.from({ length: APPS }, (_, i) => makeWebapp(ctx, user.id, `Bench Café ${i + 1}`));
      ctx.clock.set(new Date("2026-12-02T09:00:00Z"));
      const period = lastCompletePeriod("month", ctx.clock.now(), "Europe/Berlin");
      const covers = join(ctx.config.storage.media_dir, `u${user.id}`);
      mkdirSync(covers, { recursive: true });
      for (let i = 0; i < 8; i++)
        await sharp({ create: { width: 1080, height: 1920, channels: 3, background: { r: 30 * i, g: 90, b: 200 } } })
          .jpeg({ quality: 85 })
          .toFile(join(covers, `cover${i}.jpg`));
      const span = period.to.getTime() - period.from.getTime();
      ctx.db.$client.run("BEGIN");
      for (let i = 0; i < POSTS; i++) {
        const publishedAt = period.from.getTime() + Math.floor((i / POSTS) * span);
        const views = 50 + ((i * 7919) % 20_000);
        const reading = (f: number, after: number) => ({
          at: new Date(Math.min(publishedAt + after, period.to.getTime() - 1)).toISOString(),
          views: Math.round(views * f),
          likes: Math.round(views * f * 0.05),
          comments: Math.round(views * f * 0.005),
          shares: Math.round(views * f * 0.002),
          saves: Math.round(views * f * 0.003),
        });
        seedPost(ctx, {
          userId: user.id,
          webappId: apps[i % APPS]!.id,
          platform: PLATFORM_IDS[i % PLATFORM_IDS.length]!,
          publishedAt: new Date(publishedAt).toISOString(),
          caption: `Post ${i}: a week of planning in two minutes, with numbers and a link to try it.`,
          readings: [reading(0.3, 3_600_000), reading(0.8, DAY_MS), reading(1, 3 * DAY_MS)],
          clicks: i % 3 === 0 ? [new Date(publishedAt + 7_200_000).toISOString()] : [],
          media: { cover: `u${user.id}/cover${i % 8}.jpg` },
        });
      }
      ctx.db.$client.run("COMMIT");
      Bun.gc(true);
      const before = rssMb();
      const { buildReport } = await import("../src/reports/build");
      let t = performance.now();
      const cpu = process.cpuUsage();
      const first = await buildReport(ctx, user, "month", { period });
      const firstMs = performance.now() - t;
      const spent = process.cpuUsage(cpu);
      const firstCpuMs = (spent.user + spent.system) / 1000;
      const after = rssMb();
      t = performance.now();
      await buildReport(ctx, user, "month", { period });
      const warmMs = performance.now() - t;
      // Where the time goes: reading the figures (the analytics query, twice) against drawing the PDF.
      const { readReport } = await import("../src/reports/data");
      t = performance.now();
      readReport(ctx.db, user.id, period, ctx.clock.now());
      const readMs = performance.now() - t;
      const posts = first.data.summary.totals.posts;
      return [
        {
          name: `PDF for 30 days, first build (${posts} posts, ${APPS} web apps)`,
          value: firstMs,
          unit: "ms",
          target: "<= 3000 ms",
          note: `${Math.round(first.pdf.length / 1024)} KB PDF`,
        },
        { name: "CPU time of the first build (this process; sharp's threads included)", value: firstCpuMs, unit: "ms" },
        { name: "PDF for 30 days, second build (modules loaded)", value: warmMs, unit: "ms" },
        { name: "of which reading the figures (this period and the one before)", value: readMs, unit: "ms" },
        {
          name: "extra memory (RSS after the first build minus before)",
          value: after - before,
          unit: "MB",
          target: "<= 150 MB",
          note: `RSS ${before.toFixed(0)} -> ${after.toFixed(0)} MB`,
        },
      ];
    } finally {
      ctx.cleanup();
    }
  },
};
