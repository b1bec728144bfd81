// Benchmark: a whole batch (6 platforms, built-in writer, research against a local site) for one
// web app, then 100 web apps back to back with memory sampled across them. Media rendering is not
// included (the pipeline only queues it). Run alone with `bun bench/pipeline.ts`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildContext } from "../src/app/boot";
import { parseConfig } from "../src/config/load";
import { PLATFORM_IDS, webapps } from "../src/db/schema/webapps";
import { createLogger } from "../src/lib/log";
import { pipelineGateway } from "../src/pipeline/gateway";
import { executeRun } from "../src/pipeline/run";
import { requestRun } from "../src/pipeline/start";
import { createUser } from "../src/users/store";
import { startResearchSites } from "../tests/sites/research-sites";

/** The figures the benchmark reports. */
export interface PipelineBench {
  oneAppMs: number;
  oneAppPosts: number;
  hundredApps: { totalMs: number; meanMs: number; p95Ms: number; maxMs: number };
  rssMb: { start: number; peak: number; end: number; afterFirst10: number };
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

/** Runs the pipeline benchmark in a temporary data folder and returns its figures. */
export async function benchPipeline(apps = 100): Promise<PipelineBench> {
  const dir = mkdtempSync(join(tmpdir(), "amarktai-bench-pipeline-"));
  const sites = startResearchSites();
  const config = parseConfig("", undefined, { AMARKTAI_DATA_DIR: join(dir, "data"), AMARKTAI_MEDIA_DIR: join(dir, "media"), AMARKTAI_FETCH_ALLOW_PRIVATE_NETWORKS: "true" });
  const ctx = buildContext(config, { log: createLogger("error") });
  const llm = pipelineGateway(ctx);
  try {
    const now = ctx.clock.now();
    const user = createUser(ctx.db, { email: "bench@example.com", name: "Bench", passwordHash: "x", role: "admin", timezone: "Europe/Berlin" }, now);
    const addApp = (i: number) =>
      ctx.db.insert(webapps).values({ userId: user.id, url: sites.url("/"), name: `Pantry Pal ${i}`, platforms: [...PLATFORM_IDS], feeds: [sites.url("/blog/atom.xml")], createdAt: now, updatedAt: now }).returning().get().id;
    const runOne = async (webappId: number) => {
      const t0 = performance.now();
      const { run } = requestRun(ctx, { webappId, trigger: "cli" })!;
      await executeRun(ctx, llm, run.id);
      return { ms: performance.now() - t0, batchId: run.batchId };
    };
    const first = await runOne(addApp(0));
    const posts = ctx.db.$client.query("SELECT COUNT(*) AS n FROM content_items WHERE batch_id = ?").get(first.batchId) as { n: number };
    Bun.gc(true);
    const start = process.memoryUsage.rss();
    let peak = start;
    let afterFirst10 = start;
    const times: number[] = [];
    const t0 = performance.now();
    for (let i = 1; i <= apps; i++) {
      times.push((await runOne(addApp(i))).ms);
      peak = Math.max(peak, process.memoryUsage.rss());
      if (i === 10) afterFirst10 = process.memoryUsage.rss();
    }
    const totalMs = performance.now() - t0;
    Bun.gc(true);
    const sorted = [...times].sort((a, b) => a - b);
    return {
      oneAppMs: Math.round(first.ms),
      oneAppPosts: posts.n,
      hundredApps: { totalMs: Math.round(totalMs), meanMs: Math.round(totalMs / apps), p95Ms: Math.round(sorted[Math.floor(apps * 0.95) - 1] ?? 0), maxMs: Math.round(sorted[sorted.length - 1] ?? 0) },
      rssMb: { start: mb(start), peak: mb(peak), end: mb(process.memoryUsage.rss()), afterFirst10: mb(afterFirst10) },
    };
  } finally {
    sites.stop();
    ctx.db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One figure as bench/run.ts prints and records it (same shape as bench/support.ts Figure). */
interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: string;
  note?: string;
}

/** The pipeline benchmark in the shape bench/run.ts discovers (`bench` export). */
export const bench = {
  name: "pipeline",
  summary: "a day's batch (6 platforms, built-in writer, research of a local site) for 1 app, then 100 apps back to back",
  async run(): Promise<Figure[]> {
    const r = await benchPipeline();
    return [
      { name: "batch for one app (6 platforms)", value: r.oneAppMs, unit: "ms", target: "< 2000 ms", note: `${r.oneAppPosts} posts, media excluded` },
      { name: "100 apps back to back, mean per app", value: r.hundredApps.meanMs, unit: "ms", target: "< 2000 ms", note: `p95 ${r.hundredApps.p95Ms} ms, total ${r.hundredApps.totalMs} ms` },
      { name: "RSS across 100 apps (peak)", value: r.rssMb.peak, unit: "MB", target: "flat", note: `start ${r.rssMb.start} MB, after 10 apps ${r.rssMb.afterFirst10} MB, end ${r.rssMb.end} MB` },
    ];
  },
};

if (import.meta.main) {
  const r = await benchPipeline();
  console.log(`pipeline: one app, 6 platforms, builtin writer: ${r.oneAppMs} ms (${r.oneAppPosts} posts)`);
  console.log(`pipeline: 100 apps back to back: ${r.hundredApps.totalMs} ms total, mean ${r.hundredApps.meanMs} ms, p95 ${r.hundredApps.p95Ms} ms, max ${r.hundredApps.maxMs} ms`);
  console.log(`pipeline: RSS start ${r.rssMb.start} MB, after 10 apps ${r.rssMb.afterFirst10} MB, peak ${r.rssMb.peak} MB, end ${r.rssMb.end} MB`);
}
