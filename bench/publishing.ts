import { join } from "node:path";
import { createAdapters } from "../src/platforms/registry";
import { publishHandlers } from "../src/publishing/handlers";
import { runDuePublishJobs } from "../src/publishing/runner";
import { schedulePublishing } from "../src/publishing/schedule";
import { contentItems } from "../src/db/schema/content";
import { makeTestContext } from "../tests/support/context";
import { makeConnection, makeItem, makeOwner, makeVideoFile } from "../tests/support/publishing-factories";

/** What one run measured. */
export interface PublishingBenchResult {
  items: number;
  published: number;
  wallMs: number;
  peakRssMb: number;
  cpuMsPerItem: number;
  fakeLatencyMs: number;
  concurrency: number;
  platforms: string[];
}

/**
 * Publishes `items` due video items through the real X client against the fake X running in its own
 * process (so only our CPU is measured) with a realistic latency per call. Reports wall time, peak RSS
 * and our CPU per item (target < 5 ms). Only X's adapter is finished, so every item goes to X, spread
 * over enough accounts to stay under X's daily cap.
 */
export async function benchPublishing(o: { items?: number; latencyMs?: number; concurrency?: number } = {}): Promise<PublishingBenchResult> {
  const items = o.items ?? 500;
  const latencyMs = o.latencyMs ?? 60;
  const concurrency = o.concurrency ?? 32;
  const accounts = Math.ceil(items / 90);
  const server = Bun.spawn(["bun", join(import.meta.dir, "../tests/fakes/x-server.ts"), JSON.stringify({ latencyMs, processingMs: 0, accounts })], { stdout: "pipe" });
  const reader = server.stdout.getReader();
  const first = new TextDecoder().decode((await reader.read()).value);
  const info = JSON.parse(first.split("\n")[0]!) as { origin: string; user: { id: string; username: string }; tokens: { accessToken: string; refreshToken: string }[] };
  const ctx = makeTestContext({
    AMARKTAI_PLATFORM_X_CLIENT_ID: "x-client",
    AMARKTAI_PLATFORM_X_CLIENT_SECRET: "x-secret",
    AMARKTAI_PLATFORM_X_API_BASE: `${info.origin}/2`,
    AMARKTAI_PLATFORM_X_TOKEN_URL: `${info.origin}/2/oauth2/token`,
    AMARKTAI_PLATFORM_X_UPLOAD_CHUNK_BYTES: String(128 * 1024),
  });
  try {
    if (process.env.EXP_SYNC) ctx.db.$client.exec(`PRAGMA synchronous = ${process.env.EXP_SYNC}`);
    const video = makeVideoFile(ctx, "bench.mp4", 256 * 1024);
    const ids: number[] = [];
    for (let a = 0; a < accounts; a++) {
      const owner = makeOwner(ctx);
      const t = info.tokens[a]!;
      makeConnection(ctx, owner.userId, "x", { accessToken: t.accessToken, refreshToken: t.refreshToken, expiresAt: new Date(ctx.clock.now().getTime() + 86_400_000), accountId: info.user.id, extra: { username: info.user.username } });
      for (let i = a; i < items; i += accounts) ids.push(makeItem(ctx, owner, { platform: "x", video, caption: `Benchmark post ${i} for Example App` }).id);
    }
    const handlers = publishHandlers(ctx, { adapters: createAdapters(ctx) });
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    schedulePublishing(ctx, ctx.clock.now());
    await runDuePublishJobs(ctx, handlers, { concurrency });
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    const published = ctx.db.select({ status: contentItems.status }).from(contentItems).all().filter((r) => r.status === "published").length;
    return {
      items,
      published,
      wallMs: Math.round(wallMs),
      peakRssMb: Math.round((Math.max(peak, process.memoryUsage().rss) / 1024 ** 2) * 10) / 10,
      cpuMsPerItem: Math.round(((cpu.user + cpu.system) / 1000 / items) * 100) / 100,
      fakeLatencyMs: latencyMs,
      concurrency,
      platforms: ["x"],
    };
  } finally {
    server.kill("SIGTERM");
    await server.exited;
    ctx.cleanup();
  }
}

if (import.meta.main) console.log(JSON.stringify(await benchPublishing(), null, 2));
