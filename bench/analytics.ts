/**
 * The analytics page under load: a user with 5 web apps, 5,000 posts and 90 days of snapshots (150,000 rows) opens
 * /analytics for 90 days: server time per request one at a time, and p99 at 50 connections (wrk over loopback);
 * and the public redirect /r/<code> at 200 connections (a browser user agent, so the click-counting path runs).
 */
import { join } from "node:path";
import { parseFilter } from "../src/analytics/params";
import { analyticsPage } from "../src/analytics/query";
import { PAGE_POSTS } from "../src/analytics/routes";
import { webappNames } from "../src/analytics/store";
import { openDatabase } from "../src/db/client";
import { startServer, type RunningServer } from "../tests/support/server";
import { AnalyticsResults } from "../views/analytics/page";
import { seedAnalytics } from "./seed";
import { median, startBaseline, wrk, type Bench, type Figure } from "./support";

const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

/** Times `count` requests sent one after another (ms each, measured at the client over loopback); `before` runs untimed before each. */
async function sequential(url: string, headers: Record<string, string>, count: number, before?: () => void): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    before?.();
    const t0 = performance.now();
    const r = await fetch(url, { headers, redirect: "manual" });
    await r.arrayBuffer();
    times.push(performance.now() - t0);
    if (r.status !== 200) throw new Error(`bench: ${url} answered ${r.status}`);
  }
  return times;
}

/** Milliseconds a fixed 1e6-step loop takes now: how much of a core this process gets at this moment. */
function spin(): number {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 1e6; i++) x += i;
  if (x < 0) throw new Error("unreachable");
  return performance.now() - t0;
}

/**
 * The server's own work for a new period, without HTTP or another process: the route's query (analyticsPage, the first PAGE_POSTS posts)
 * and the results markup, run here on the seeded database for 100 periods each asked once, beside the loop yardstick.
 */
function inProcess(path: string): Figure {
  const db = openDatabase(path);
  try {
    const user = db.$client.query<{ id: number }, []>("SELECT id FROM users WHERE email = 'analytics@example.com'").get()!;
    const apps = webappNames(db, user.id);
    const today = new Date().toISOString().slice(0, 10);
    const times: number[] = [];
    const loops: number[] = [];
    for (let i = 0; i < 100; i++) {
      const from = new Date(Date.now() - (91 + i) * 86_400_000).toISOString().slice(0, 10);
      const t0 = performance.now();
      const parsed = parseFilter(
        { range: ["custom"], from: [from], to: [today] },
        { userId: user.id, timeZone: "Europe/Berlin", now: new Date(), ownWebappIds: apps.map((a) => a.id) },
      );
      if ("status" in parsed) throw new Error(`bench: ${parsed.message}`);
      const { summary, posts } = analyticsPage(db, parsed.filter, parsed.form.sort, PAGE_POSTS);
      const html = String(AnalyticsResults({ summary, posts, form: parsed.form, apps }));
      times.push(performance.now() - t0);
      if (summary.totals.posts !== 5000 || html.length < 10_000) throw new Error(`bench: ${summary.totals.posts} posts in-process`);
      loops.push(spin());
    }
    return {
      name: "/analytics for 90 days, in-process: query and results markup for a new period (median of 100 periods each asked once)",
      value: Number(median(times).toFixed(1)),
      unit: "ms",
      target: "<= 20 ms",
      note: `p99 ${percentile(times, 99).toFixed(1)} ms; 1e6-step loop median ${median(loops).toFixed(1)} ms meanwhile (about 1 ms idle)`,
    };
  } finally {
    db.$client.close();
  }
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
    // Nothing kept: each request asks for a period not asked before (starting 0-99 days before the seeded 90 days, so all
    // 5,000 posts are in it), so every one reads the posts and renders the page.
    const today = new Date().toISOString().slice(0, 10);
    let n = 0;
    const coldUrl = () => {
      const from = new Date(Date.now() - (91 + n++) * 86_400_000).toISOString().slice(0, 10);
      return `${server!.url}/analytics?range=custom&from=${from}&to=${today}`;
    };
    // The same-run yardstick: a bare Bun.serve "hello" asked one at a time between the page's requests, and a fixed
    // JavaScript loop (about 1 ms on an idle core), so figures taken on a loaded machine can be read as ratios.
    const cold: number[] = [];
    const hello: number[] = [];
    const loops: number[] = [];
    for (let i = 0; i < 100; i++) {
      cold.push(...(await sequential(coldUrl(), target.headers, 1)));
      hello.push(...(await sequential(baseline.url, {}, 1)));
      loops.push(spin());
    }
    const page = await (await fetch(target.url, { headers: target.headers })).text();
    figures.push({
      name: `${target.label}: server time per request, one at a time, nothing kept (median of 100 periods each asked once)`,
      value: median(cold),
      unit: "ms",
      target: "<= 20 ms",
      note:
        `p99 ${percentile(cold, 99).toFixed(1)} ms; ${(page.length / 1024).toFixed(0)} KiB of HTML; loopback round trip included; ` +
        `${(median(cold) / median(hello)).toFixed(0)}x the hello baseline's median ${median(hello).toFixed(2)} ms; ` +
        `1e6-step loop median ${median(loops).toFixed(1)} ms (about 1 ms idle)`,
    });
    figures.push(inProcess(join(server.dataDir, "amarktai.db")));
    const warm = await sequential(target.url, target.headers, 200);
    figures.push({
      name: `${target.label}: time per request, one at a time, results kept (median of 200, no write between)`,
      value: median(warm),
      unit: "ms",
      target: "<= 20 ms",
      note: `p99 ${percentile(warm, 99).toFixed(1)} ms`,
    });
    const load = wrk(target.url, { connections: 50, seconds: 10, headers: target.headers });
    if (load.errors) throw new Error(`bench: ${load.errors} errors or non-2xx answers under load on ${target.label}`);
    const hello50 = wrk(baseline.url, { connections: 50, seconds: 10 });
    figures.push({
      name: `${target.label}: p99 latency at 50 connections (wrk, 10 s)`,
      value: load.p99,
      unit: "ms",
      target: "<= 100 ms",
      note:
        `p50 ${load.p50} ms, ${load.rps.toFixed(0)} req/s; results kept between database writes; ` +
        `hello baseline at 50 connections p99 ${hello50.p99} ms, ${hello50.rps.toFixed(0)} req/s (ratio ${(load.p99 / hello50.p99).toFixed(1)}x)`,
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
      note:
        `p50 ${r.p50} ms, ${r.rps.toFixed(0)} req/s; same-run bare Bun.serve hello p99 ${base.p99} ms, p50 ${base.p50} ms, ` +
        `${base.rps.toFixed(0)} req/s: p99 ratio ${(r.p99 / base.p99).toFixed(2)}x, throughput ratio ${(r.rps / base.rps).toFixed(2)}x`,
    });
    // The same two loads with wrk (one thread) on core 1 and the server on core 0: no scheduler migrations between them.
    const rPinned = wrk(redirect, {
      connections: 200,
      seconds: 10,
      headers: { "user-agent": BROWSER_UA },
      pin: { serverPid: server.proc.pid },
    });
    const basePinned = wrk(baseline.url, { connections: 200, seconds: 10, pin: { serverPid: baseline.pid } });
    if (rPinned.errors) throw new Error(`bench: ${rPinned.errors} errors under pinned load on /r/<code>`);
    figures.push({
      name: "/r/<code> redirect p99 at 200 connections, pinned: server on core 0, wrk -t1 on core 1 (10 s)",
      value: rPinned.p99,
      unit: "ms",
      target: "<= 5 ms",
      note:
        `p50 ${rPinned.p50} ms, ${rPinned.rps.toFixed(0)} req/s; same-run pinned bare Bun.serve hello p99 ${basePinned.p99} ms, ` +
        `p50 ${basePinned.p50} ms, ${basePinned.rps.toFixed(0)} req/s: p99 ratio ${(rPinned.p99 / basePinned.p99).toFixed(2)}x`,
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
