import { join } from "node:path";
import { count } from "drizzle-orm";
import { contentItems } from "../src/db/schema/content";
import { metricSnapshots } from "../src/db/schema/metrics";
import type { PlatformId } from "../src/platforms/ids";
import { collectMetrics } from "../src/metrics/collect";
import { createAdapters } from "../src/publishing/adapters";
import { makeTestContext } from "../tests/support/context";
import { makeConnection, makeOwner } from "../tests/support/publishing-factories";
import type { Bench, Figure } from "./support";

const PLATFORMS = ["youtube", "x", "tiktok", "instagram", "facebook", "linkedin"] as const;

interface Servers {
  env: Record<string, string>;
  tokens: {
    x: { accessToken: string; refreshToken: string };
    youtube: { accessToken: string; refreshToken: string };
    linkedin: { accessToken: string; refreshToken: string };
    instagram: string;
    facebook: { page: string; user: string };
    tiktok: { accessToken: string; refreshToken: string };
  };
  ids: { x: { id: string }; youtube: { id: string }; linkedin: string; ig: { id: string }; page: string; tiktok: string };
  posts: Record<(typeof PLATFORMS)[number], string[]>;
}

/** What one run measured. */
export interface MetricsBenchResult {
  posts: number;
  read: number;
  cpuMsPerPost: number;
  enrolCpuMsPerPost: number;
  wallMs: number;
  fakeLatencyMs: number;
}

/**
 * Collects the metrics of `posts` published posts spread over the six platforms (one account each) through the real
 * clients against the fakes, which run in their own process so only our CPU is measured: the first run puts the
 * posts on the schedule, the measured one an hour later reads them all (YouTube 50, X 100, TikTok 20 ids per call;
 * Instagram, Facebook and LinkedIn one post per call).
 */
export async function benchMetrics(o: { posts?: number; latencyMs?: number } = {}): Promise<MetricsBenchResult> {
  const total = o.posts ?? 5000;
  const latencyMs = o.latencyMs ?? 5;
  const perPlatform = Math.ceil(total / PLATFORMS.length);
  const server = Bun.spawn(
    ["bun", join(import.meta.dir, "../tests/fakes/metrics-servers.ts"), JSON.stringify({ latencyMs, perPlatform })],
    {
      stdout: "pipe",
    },
  );
  let text = "";
  const reader = server.stdout.getReader();
  while (!text.includes("\n")) text += new TextDecoder().decode((await reader.read()).value);
  const s = JSON.parse(text.split("\n")[0]!) as Servers;
  const ctx = makeTestContext(s.env);
  try {
    const owner = makeOwner(ctx);
    const later = new Date(ctx.clock.now().getTime() + 30 * 86_400_000);
    const t = s.tokens;
    makeConnection(ctx, owner.userId, "x", { ...t.x, expiresAt: later, accountId: s.ids.x.id });
    makeConnection(ctx, owner.userId, "youtube", { ...t.youtube, expiresAt: later, accountId: s.ids.youtube.id });
    makeConnection(ctx, owner.userId, "linkedin", { ...t.linkedin, expiresAt: later, accountId: `urn:li:person:${s.ids.linkedin}` });
    makeConnection(ctx, owner.userId, "instagram", {
      accessToken: t.instagram,
      refreshToken: t.instagram,
      expiresAt: later,
      accountId: s.ids.ig.id,
    });
    makeConnection(ctx, owner.userId, "facebook", {
      accessToken: t.facebook.page,
      refreshToken: t.facebook.user,
      expiresAt: later,
      accountId: s.ids.page,
    });
    makeConnection(ctx, owner.userId, "tiktok", { ...t.tiktok, expiresAt: later, accountId: s.ids.tiktok });
    const now = ctx.clock.now();
    const rows = PLATFORMS.flatMap((platform) =>
      s.posts[platform].map((remoteId, i) => ({
        userId: owner.userId,
        webappId: owner.webappId,
        platform: platform as PlatformId,
        format: "video" as const,
        status: "published" as const,
        caption: `Benchmark post ${i}`,
        remoteId,
        permalink: "",
        createdAt: now,
        updatedAt: now,
      })),
    ).slice(0, total);
    ctx.db.transaction(() => {
      for (let i = 0; i < rows.length; i += 500)
        ctx.db
          .insert(contentItems)
          .values(rows.slice(i, i + 500))
          .run();
    });
    const deps = { adapters: createAdapters(ctx) };
    const e0 = process.cpuUsage();
    await collectMetrics(ctx, deps);
    const enrol = process.cpuUsage(e0);
    ctx.clock.advance(3600_000);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const report = await collectMetrics(ctx, deps);
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const stored = ctx.db.select({ n: count() }).from(metricSnapshots).get()!.n;
    if (report.read !== rows.length || stored !== rows.length)
      console.error(`bench: ${rows.length - report.read} post(s) not read: ${JSON.stringify(report)}`);
    return {
      posts: rows.length,
      read: report.read,
      cpuMsPerPost: Math.round(((cpu.user + cpu.system) / 1000 / rows.length) * 100) / 100,
      enrolCpuMsPerPost: Math.round(((enrol.user + enrol.system) / 1000 / rows.length) * 100) / 100,
      wallMs: Math.round(wallMs),
      fakeLatencyMs: latencyMs,
    };
  } finally {
    server.kill("SIGTERM");
    await server.exited;
    ctx.cleanup();
  }
}

/** `bun run bench metrics`: collecting 5,000 posts' metrics, our CPU per post (target <= 2 ms). */
export const bench: Bench = {
  name: "metrics",
  summary: "collect the metrics of 5,000 published posts over six platforms against the fakes (in their own process)",
  async run(): Promise<Figure[]> {
    const r = await benchMetrics();
    return [
      { name: "CPU per post, reading run", value: r.cpuMsPerPost, unit: "ms", target: "<= 2 ms", note: `${r.read}/${r.posts} read` },
      { name: "CPU per post, putting posts on the schedule", value: r.enrolCpuMsPerPost, unit: "ms", note: "first run only" },
      { name: "wall time, reading run", value: r.wallMs, unit: "ms", note: `fake latency ${r.fakeLatencyMs} ms per call` },
    ];
  },
};

if (import.meta.main) console.log(JSON.stringify(await benchMetrics(), null, 2));
