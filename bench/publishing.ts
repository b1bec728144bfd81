import { join } from "node:path";
import type { AppContext } from "../src/app/context";
import { contentItems } from "../src/db/schema/content";
import { PLATFORM_IDS, type PlatformId } from "../src/platforms/ids";
import { createAdapters } from "../src/publishing/adapters";
import { publishHandlers } from "../src/publishing/handlers";
import { runDuePublishJobs } from "../src/publishing/runner";
import { schedulePublishing } from "../src/publishing/schedule";
import { makeTestContext } from "../tests/support/context";
import { installSqliteCounter } from "./sqlite-counter";
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
  accountsPerPlatform: number;
  /** With `count`: commits that wrote and statements compiled per item (the wrappers inflate cpuMsPerItem). */
  writeCommitsPerItem?: number;
  statementsCompiledPerItem?: number;
  statementsRunPerItem?: number;
}

interface Servers {
  env: Record<string, string>;
  tokens: {
    x: { accessToken: string; refreshToken: string }[];
    youtube: { accessToken: string; refreshToken: string }[];
    linkedin: { accessToken: string; refreshToken: string }[];
    instagram: string[];
    facebook: { page: string; user: string }[];
    tiktok: { accessToken: string; refreshToken: string }[];
  };
  ids: {
    x: { id: string; username: string };
    youtube: { id: string; uploads: string };
    linkedin: string;
    ig: { id: string; username: string };
    page: string;
    tiktok: string;
  };
}

function connect(ctx: AppContext, userId: number, s: Servers, i: number) {
  const later = new Date(ctx.clock.now().getTime() + 30 * 86_400_000);
  const t = s.tokens;
  makeConnection(ctx, userId, "x", { ...t.x[i]!, expiresAt: later, accountId: s.ids.x.id, extra: { username: s.ids.x.username } });
  makeConnection(ctx, userId, "youtube", {
    ...t.youtube[i]!,
    expiresAt: later,
    accountId: s.ids.youtube.id,
    extra: { uploads: s.ids.youtube.uploads },
  });
  makeConnection(ctx, userId, "linkedin", {
    ...t.linkedin[i]!,
    expiresAt: later,
    accountId: s.ids.linkedin,
    extra: { author: `urn:li:person:${s.ids.linkedin}` },
  });
  makeConnection(ctx, userId, "instagram", {
    accessToken: t.instagram[i]!,
    refreshToken: t.instagram[i]!,
    expiresAt: later,
    accountId: s.ids.ig.id,
    extra: { username: s.ids.ig.username },
  });
  makeConnection(ctx, userId, "facebook", {
    accessToken: t.facebook[i]!.page,
    refreshToken: t.facebook[i]!.user,
    expiresAt: later,
    accountId: s.ids.page,
  });
  makeConnection(ctx, userId, "tiktok", { ...t.tiktok[i]!, expiresAt: later, accountId: s.ids.tiktok, extra: { username: "exampleapp" } });
}

/**
 * Publishes `items` due video items spread over the six platforms through the real clients against the
 * fakes (running in their own process, so only our CPU is measured) with `latencyMs` per call. Items
 * are spread over enough accounts per platform that no daily cap or per-minute limit delays them
 * (TikTok's 6 a minute sets the count). Reports wall time, peak RSS and our CPU per item (target < 5 ms).
 */
export async function benchPublishing(
  o: { items?: number; latencyMs?: number; concurrency?: number; count?: boolean } = {},
): Promise<PublishingBenchResult> {
  const items = o.items ?? 500;
  const latencyMs = o.latencyMs ?? 40;
  const concurrency = o.concurrency ?? 32;
  const counter = o.count ? installSqliteCounter() : undefined;
  const accounts = Math.ceil(items / (PLATFORM_IDS.length - 1) / 6);
  const server = Bun.spawn(
    ["bun", join(import.meta.dir, "../tests/fakes/x-servers.ts"), JSON.stringify({ latencyMs, processingMs: 0, accounts })],
    { stdout: "pipe" },
  );
  const first = new TextDecoder().decode((await server.stdout.getReader().read()).value);
  const s = JSON.parse(first.split("\n")[0]!) as Servers;
  const ctx = makeTestContext({ ...s.env, AMARKTAI_PLATFORM_YOUTUBE_UPLOAD_CHUNK_BYTES: String(256 * 1024) });
  try {
    const video = makeVideoFile(ctx, "bench.mp4", 256 * 1024);
    const owners = Array.from({ length: accounts }, (_, i) => {
      const owner = makeOwner(ctx);
      connect(ctx, owner.userId, s, i);
      return owner;
    });
    // The fake has one Instagram account for every connection, so its live cap (50 a day) is shared: keep IG under it.
    const others = PLATFORM_IDS.filter((p) => p !== "instagram");
    for (let i = 0, ig = 0; i < items; i++) {
      let platform = PLATFORM_IDS[i % PLATFORM_IDS.length] as PlatformId;
      if (platform === "instagram" && ++ig > 45) platform = others[i % others.length]!;
      const owner = owners[Math.floor(i / PLATFORM_IDS.length) % accounts]!;
      makeItem(ctx, owner, { platform, video, caption: `Benchmark post ${i} for Example App` });
    }
    const handlers = publishHandlers(ctx, { adapters: createAdapters(ctx) });
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
    counter?.reset();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    schedulePublishing(ctx, ctx.clock.now());
    await runDuePublishJobs(ctx, handlers, { concurrency });
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const counts = counter ? { ...counter.counts } : undefined;
    clearInterval(sampler);
    const rows = ctx.db
      .select({ status: contentItems.status, platform: contentItems.platform, failure: contentItems.failure })
      .from(contentItems)
      .all();
    const published = rows.filter((r) => r.status === "published").length;
    const waiting = rows.filter((r) => r.status !== "published").map((r) => r.platform);
    if (waiting.length > 0) console.error(`bench: ${waiting.length} item(s) not published: ${[...new Set(waiting)].join(", ")}`);
    return {
      items,
      published,
      wallMs: Math.round(wallMs),
      peakRssMb: Math.round((Math.max(peak, process.memoryUsage().rss) / 1024 ** 2) * 10) / 10,
      cpuMsPerItem: Math.round(((cpu.user + cpu.system) / 1000 / items) * 100) / 100,
      fakeLatencyMs: latencyMs,
      concurrency,
      accountsPerPlatform: accounts,
      ...(counts
        ? {
            writeCommitsPerItem: Math.round((counts.writeCommits / items) * 100) / 100,
            statementsCompiledPerItem: Math.round((counts.compiled / items) * 100) / 100,
            statementsRunPerItem: Math.round((counts.executed / items) * 100) / 100,
          }
        : {}),
    };
  } finally {
    server.kill("SIGTERM");
    await server.exited;
    ctx.cleanup();
  }
}

// `--count` adds commits and statements per item (measured with wrappers, so its CPU figure is not the one to quote).
if (import.meta.main) console.log(JSON.stringify(await benchPublishing({ count: process.argv.includes("--count") }), null, 2));
