// Benchmark (issues 5 and 15.9): the approval page with 60 items, beside /dashboard for the same signed-in user in the
// same run (the machine is shared and loaded: the ratio is the figure to compare across runs), and "approve all" on 60 items.
// Run: bun bench/approval.ts (or `bun run bench approval`). Prints:
// - server time per view at concurrency 1 (app.handle, in process): approval page vs dashboard, and the cards' render
//   without the card cache; target <= 1 ms per approval view;
// - requests/s and p99 at 200 connections (wrk over loopback against the app in a child process) beside a bare Bun.serve
//   hello in the same run; target p99 <= 50 ms;
// - approve all on 60 items; target < 100 ms.
// `bun bench/approval.ts --serve` is that child: it seeds the same data and prints {port, cookie} on its first line.
import { actOnBatch } from "../src/approvals/actions";
import { approvalCardCache } from "../src/approvals/routes";
import { approvalQueue } from "../src/content/store";
import { createApp } from "../src/server/app";
import type { PlatformId } from "../src/platforms/ids";
import { ApprovalPage } from "../views/approvals/page";
import { makeTestContext } from "../tests/support/context";
import { makeBatch, makeItem, makeUser, makeWebapp, signIn } from "../tests/support/content-factories";
import { startBaseline, wrk } from "./support";

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
const ms = (n: number) => `${n.toFixed(3)} ms`;

if (process.argv.includes("--serve")) {
  const ctx = makeTestContext();
  const user = makeUser(ctx);
  seed(ctx, user.id);
  const s = signIn(ctx, user.id);
  const app = createApp(ctx);
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (req) => app.handle(req) });
  console.log(JSON.stringify({ port: server.port, cookie: s.cookie }));
  process.on("SIGTERM", () => {
    server.stop(true);
    ctx.cleanup();
    process.exit(0);
  });
} else {
  await main();
}

/** Server time of `n` sequential views of each path (in process, no network): all samples, in ms. */
async function serverTimes(app: ReturnType<typeof createApp>, paths: string[], cookie: string, n: number): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>(paths.map((p) => [p, []]));
  // Interleaved, so both paths see the same moments of the machine's load.
  for (let i = 0; i < n; i++)
    for (const p of paths) {
      const t0 = performance.now();
      const res = await app.handle(new Request(`http://127.0.0.1${p}`, { headers: { cookie } }));
      await res.text();
      out.get(p)!.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`bench: ${p} answered ${res.status}`);
    }
  return out;
}

async function underLoad() {
  const baseline = await startBaseline();
  const child = Bun.spawn([process.execPath, import.meta.path, "--serve"], { stdout: "pipe", stderr: "inherit" });
  try {
    const first = await child.stdout.getReader().read();
    const { port, cookie } = JSON.parse(new TextDecoder().decode(first.value).split("\n")[0]!) as { port: number; cookie: string };
    const base = `http://127.0.0.1:${port}`;
    for (const p of ["/approval", "/dashboard"]) {
      const r = await fetch(base + p, { headers: { cookie } });
      if (r.status !== 200 || (await r.text()).length === 0) throw new Error(`bench: the seeded session does not open ${p}`);
    }
    const rows: string[] = [];
    const hello = wrk(baseline.url, { connections: 200, seconds: 8 });
    for (const [label, p] of [
      ["approval page (60 items)", "/approval"],
      ["/dashboard (same user)", "/dashboard"],
    ] as const) {
      const r = wrk(base + p, { connections: 200, seconds: 8, headers: { cookie } });
      rows.push(
        `${label} at 200 connections (wrk -t2 -c200, 8 s): ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}; ` +
          `p99 ratio to the hello baseline ${(r.p99 / hello.p99).toFixed(1)}x`,
      );
    }
    rows.push(`same-run bare Bun.serve hello at 200 connections: ${hello.rps.toFixed(0)} req/s, p50 ${hello.p50} ms, p99 ${hello.p99} ms`);
    return rows;
  } finally {
    child.kill("SIGTERM");
    await child.exited;
    await baseline.stop();
  }
}

async function main() {
  const ctx = makeTestContext();
  try {
    const user = makeUser(ctx);
    seed(ctx, user.id);
    const s = signIn(ctx, user.id);
    const app = createApp(ctx);
    await serverTimes(app, ["/approval", "/dashboard"], s.cookie, 100); // warm-up (JIT, page cache, card cache)
    const cache = approvalCardCache(ctx);
    const before = { ...cache.stats };
    const times = await serverTimes(app, ["/approval", "/dashboard"], s.cookie, 1000);
    const a = times.get("/approval")!;
    const d = times.get("/dashboard")!;
    const groups = approvalQueue(ctx.db, user.id, new Date().toISOString().slice(0, 10));
    const uncached: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      ApprovalPage({ user, csrf: s.csrf, groups, extras: { queued: new Map() }, unread: 0 });
      uncached.push(performance.now() - t0);
    }
    const bytes = (await (await app.handle(new Request("http://127.0.0.1/approval", { headers: { cookie: s.cookie } }))).text()).length;
    console.log(
      `approval page, 60 items (${(bytes / 1024).toFixed(0)} KB), 1000 sequential views interleaved with /dashboard (server time, in process):`,
    );
    console.log(`  approval: p50 ${ms(pct(a, 50))}, p99 ${ms(pct(a, 99))} (target <= 1 ms per view)`);
    console.log(`  dashboard: p50 ${ms(pct(d, 50))}, p99 ${ms(pct(d, 99))}`);
    console.log(`  ratio approval/dashboard at p50: ${(pct(a, 50) / pct(d, 50)).toFixed(1)} (the dashboard is this run's baseline)`);
    const cpu0 = process.cpuUsage();
    await serverTimes(app, ["/approval"], s.cookie, 500);
    const cpu = process.cpuUsage(cpu0);
    console.log(`  approval CPU per view (process.cpuUsage over 500 views): ${ms((cpu.user + cpu.system) / 1000 / 500)}`);
    console.log(
      `  cards reused ${cache.stats.reuses - before.reuses}, rendered ${cache.stats.renders - before.renders}; rendering the 60 cards without the cache: p50 ${ms(pct(uncached, 50))}`,
    );
    for (const row of await underLoad()) console.log(row);

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
}
