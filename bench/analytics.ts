/**
 * The analytics page under load: a user with 5 web apps, 5,000 posts and 90 days of snapshots (150,000 rows) opens
 * /analytics for 90 days: server time per request one at a time, and p99 at 50 connections (wrk over loopback);
 * and the public redirect /r/<code> at 200 connections (a browser user agent, so the click-counting path runs).
 */
import { startServer, type RunningServer } from "../tests/support/server";
import { seedAnalytics } from "./seed";
import { median, startBaseline, wrk, type Bench, type Figure } from "./support";

const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

/** Times `count` requests sent one after another (ms each, measured at the client over loopback). */
async function sequential(url: string, headers: Record<string, string>, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const r = await fetch(url, { headers, redirect: "manual" });
    await r.arrayBuffer();
    times.push(performance.now() - t0);
    if (r.status !== 200) throw new Error(`bench: ${url} answered ${r.status}`);
  }
  return times;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function measure(): Promise<Figure[]> {
  const figures: Figure[] = [];
  let server: RunningServer | undefined;
  const baseline = await startBaseline();
  try {
    server = await startServer();
    const seed = await seedAnalytics(server);
    const { target } = seed;
    await sequential(target.url, target.headers, 20); // warm up
    const times = await sequential(target.url, target.headers, 200);
    const page = await (await fetch(target.url, { headers: target.headers })).text();
    figures.push({
      name: `${target.label}: time per request, one at a time (median of 200)`,
      value: median(times),
      unit: "ms",
      target: "<= 20 ms",
      note: `p99 ${percentile(times, 99).toFixed(1)} ms; ${(page.length / 1024).toFixed(0)} KiB of HTML; loopback round trip included`,
    });
    const load = wrk(target.url, { connections: 50, seconds: 10, headers: target.headers });
    if (load.errors) throw new Error(`bench: ${load.errors} errors or non-2xx answers under load on ${target.label}`);
    figures.push({
      name: `${target.label}: p99 latency at 50 connections (wrk, 10 s)`,
      value: load.p99,
      unit: "ms",
      target: "<= 100 ms",
      note: `p50 ${load.p50} ms, ${load.rps.toFixed(0)} req/s`,
    });
    const redirect = `${server.url}/r/${seed.shortCode}`;
    const r = wrk(redirect, { connections: 200, seconds: 10, headers: { "user-agent": BROWSER_UA } });
    const base = wrk(baseline.url, { connections: 200, seconds: 10 });
    if (r.errors) throw new Error(`bench: ${r.errors} errors under load on /r/<code>`);
    figures.push({
      name: "/r/<code> redirect (302, click counted once per visitor and day): p99 at 200 connections (wrk, 10 s)",
      value: r.p99,
      unit: "ms",
      target: "<= 5 ms",
      note: `p50 ${r.p50} ms, ${r.rps.toFixed(0)} req/s; baseline Bun.serve hello p99 ${base.p99} ms`,
    });
  } finally {
    await server?.stop();
    await baseline.stop();
  }
  return figures;
}

/** The analytics benchmark (bun run bench analytics). */
export const bench: Bench = {
  name: "analytics",
  summary: "/analytics with 5 web apps, 5,000 posts, 150,000 snapshots (one at a time and at 50 connections); /r/<code> at 200 connections",
  run: measure,
};
