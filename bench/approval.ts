// Benchmark (issue 5): the approval page with 60 items under a loopback load generator, and "approve all" on 60 items.
// Run: bun bench/approval.ts. Prints p50/p99 server times; targets: page p99 < 30 ms, approve all < 100 ms.
import { actOnBatch } from "../src/approvals/actions";
import { createApp } from "../src/server/app";
import type { PlatformId } from "../src/platforms/ids";
import { makeTestContext } from "../tests/support/context";
import { makeBatch, makeItem, makeUser, makeWebapp, signIn } from "../tests/support/content-factories";

const PLATFORMS: PlatformId[] = ["youtube", "tiktok", "instagram", "facebook", "x", "linkedin"];

function seed(ctx: ReturnType<typeof makeTestContext>, userId: number) {
  const batchIds: number[] = [];
  for (let a = 0; a < 5; a++) {
    const w = makeWebapp(ctx, userId, `App ${a}`);
    const b = makeBatch(ctx, { userId, webappId: w.id });
    batchIds.push(b.id);
    for (let i = 0; i < 12; i++)
      makeItem(ctx, {
        userId,
        webappId: w.id,
        batchId: b.id,
        platform: PLATFORMS[i % 6],
        media: { video: `u/${a}/${i}.mp4`, cover: `u/${a}/${i}.jpg` },
      });
  }
  return batchIds;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const ctx = makeTestContext();
try {
  const user = makeUser(ctx);
  seed(ctx, user.id);
  const s = signIn(ctx, user.id);
  const app = createApp(ctx);
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: async (req) => {
      const t0 = performance.now();
      const res = await app.handle(req);
      serverTimes.push(performance.now() - t0);
      return res;
    },
  });
  const serverTimes: number[] = [];
  const url = `http://127.0.0.1:${server.port}/approval`;
  for (let i = 0; i < 50; i++) await (await fetch(url, { headers: { cookie: s.cookie } })).text();
  for (const concurrency of [1, 4]) {
    serverTimes.length = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = 0; i < 1000 / concurrency; i++) await (await fetch(url, { headers: { cookie: s.cookie } })).text();
      }),
    );
    console.log(
      `approval page, 60 items, ${serverTimes.length} requests at concurrency ${concurrency}: p50 ${pct(serverTimes, 50).toFixed(2)} ms, p99 ${pct(serverTimes, 99).toFixed(2)} ms (target p99 < 30 ms)`,
    );
  }
  await server.stop(true);

  const approveTimes: number[] = [];
  for (let r = 0; r < 10; r++) {
    const u = makeUser(ctx);
    const ids = seed(ctx, u.id);
    const w = makeWebapp(ctx, u.id, "Big");
    const b = makeBatch(ctx, { userId: u.id, webappId: w.id });
    for (let i = 0; i < 60; i++) makeItem(ctx, { userId: u.id, webappId: w.id, batchId: b.id, platform: PLATFORMS[i % 6] });
    const t0 = performance.now();
    const res = actOnBatch(ctx, u.id, b.id, "approve", { userId: u.id, channel: "web" })!;
    approveTimes.push(performance.now() - t0);
    if (res.changed !== 60 || ids.length !== 5) throw new Error("bench: approve all did not approve 60 items");
  }
  console.log(
    `approve all, 60 items: p50 ${pct(approveTimes, 50).toFixed(2)} ms, max ${Math.max(...approveTimes).toFixed(2)} ms (target < 100 ms)`,
  );
} finally {
  ctx.cleanup();
}
