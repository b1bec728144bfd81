/**
 * `bun run bench learning-cost`: the learner's update for a web app with 5,000 published posts and 50,000 metric
 * snapshots (ten readings each, clicks on a tenth of them), and the optimize step's planning for that app.
 */
import { contentItems } from "../src/db/schema/content";
import { linkClicks } from "../src/db/schema/clicks";
import { metricCollection, metricSnapshots } from "../src/db/schema/metrics";
import { webapps } from "../src/db/schema/webapps";
import { loadModel } from "../src/learning/load";
import { LearningOptimizer } from "../src/learning/plan";
import { seededRandom } from "../src/learning/random";
import type { PlatformId } from "../src/platforms/ids";
import { findRunTarget } from "../src/pipeline/store";
import { makeTestContext } from "../tests/support/context";
import { makeUser, makeWebapp } from "../tests/support/content-factories";
import { type Bench, type Figure, median } from "./support";

const PLATFORMS: PlatformId[] = ["x", "linkedin", "instagram", "facebook", "tiktok", "youtube"];
const STRUCTURES = ["facts", "ask", "list", "hook_only"];
const HOOKS = ["question", "number", "how_to", "bold_claim", "statement"];

/** Seeds an app with `posts` published posts of `readings` snapshots each (the cost bench's data; also for profiling). */
export function seedForCost(posts: number, readings: number) {
  const ctx = makeTestContext();
  const user = makeUser(ctx, { timezone: "Europe/Berlin" });
  const app = makeWebapp(ctx, user.id);
  ctx.db.update(webapps).set({ platforms: PLATFORMS }).run();
  const rng = seededRandom(7);
  const start = Date.parse("2025-01-01T00:00:00Z");
  ctx.db.transaction((tx) => {
    for (let i = 0; i < posts; i++) {
      const platform = PLATFORMS[i % PLATFORMS.length]!;
      const at = new Date(start + Math.floor(rng() * 400 * 86_400_000));
      // Every dimension stored, as the creative step writes them (older items lacking one are classed from their text).
      const arms = {
        hook: HOOKS[i % 5]!,
        structure: STRUCTURES[i % 4]!,
        format: "text",
        length: "medium",
        hashtags: "few",
        cta: "with_cta",
      };
      const item = tx
        .insert(contentItems)
        .values({
          userId: user.id,
          webappId: app.id,
          platform,
          format: "text",
          status: "published",
          caption: "c",
          hashtags: ["launch", `t${i % 40}`],
          arms,
          plannedAt: at,
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: contentItems.id })
        .get();
      tx.insert(metricCollection).values({ itemId: item.id, userId: user.id, platform, publishedAt: at, state: "done" }).run();
      for (let r = 0; r < readings; r++) {
        const impressions = Math.round(200 * (r + 1) * (0.5 + rng()));
        tx.insert(metricSnapshots)
          .values({
            itemId: item.id,
            userId: user.id,
            webappId: app.id,
            platform,
            takenAt: new Date(at.getTime() + (r + 1) * 3_600_000),
            impressions,
            likes: Math.round(impressions * 0.03),
            comments: 1,
            shares: 1,
          })
          .run();
      }
      if (i % 10 === 0)
        tx.insert(linkClicks)
          .values({ itemId: item.id, day: "2025-01-02", visitor: `v${i}`, code: `c${i}`, clickedAt: at })
          .run();
    }
  });
  return { ctx, target: findRunTarget(ctx.db, app.id)! };
}

export const bench: Bench = {
  name: "learning-cost",
  summary: "learner update for 5,000 posts / 50,000 snapshots, and one app's optimize plan",
  async run(): Promise<Figure[]> {
    const { ctx, target } = seedForCost(5000, 10);
    try {
      // CPU time of this process (user + system) as well as wall time: on a shared, loaded machine wall time measures the queue.
      const cpuMs = () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      };
      const fit: number[] = [];
      const fitCpu: number[] = [];
      for (let i = 0; i < 15; i++) {
        const t = performance.now();
        const c = cpuMs();
        loadModel(ctx.db, target);
        fit.push(performance.now() - t);
        fitCpu.push(cpuMs() - c);
      }
      const model = loadModel(ctx.db, target);
      const plan: number[] = [];
      const planCpu: number[] = [];
      for (let i = 0; i < 15; i++) {
        const t = performance.now();
        const c = cpuMs();
        const optimizer = new LearningOptimizer(model, { rng: seededRandom(i), allowedHours: { from: 8 * 60, to: 22 * 60 }, appTimes: {} });
        optimizer.plan({
          webappId: target.id,
          localDate: "2026-03-03",
          timezone: target.timezone,
          now: new Date("2026-03-02T22:00:00Z"),
          taken: [],
          posts: PLATFORMS.flatMap((p, k) => [
            { key: `${k}A`, platform: p, variant: "A" as const },
            ...(k === 0 ? [{ key: "0B", platform: p, variant: "B" as const }] : []),
          ]),
        });
        plan.push(performance.now() - t);
        planCpu.push(cpuMs() - c);
      }
      return [
        {
          name: "learner update (5,000 posts, 50,000 snapshots), CPU",
          value: median(fitCpu),
          unit: "ms",
          target: "<= 50 ms",
          note: "median of 15: read + fit",
        },
        { name: "learner update, wall", value: median(fit), unit: "ms", note: "includes waiting for a core on a loaded machine" },
        {
          name: "optimize plan for one app (7 posts, 6 platforms), CPU",
          value: median(planCpu),
          unit: "ms",
          target: "<= 20 ms",
          note: "median of 15, model fitted",
        },
        { name: "optimize plan, wall", value: median(plan), unit: "ms" },
      ];
    } finally {
      ctx.cleanup();
    }
  },
};
