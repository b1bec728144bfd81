/**
 * The appliance's own figures: cold start to the first 200 on /healthz, idle RSS, RSS after 10,000 dashboard
 * requests, dashboard throughput and p99 at 200 connections (wrk over loopback), and the image size, each
 * next to a bare Bun.serve "hello" baseline measured in the same run on the same (shared, noisy) machine.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startServer, type RunningServer } from "../tests/support/server";
import { seedDashboard } from "./seed";
import { median, rssMb, startBaseline, wrk, type Bench, type Figure } from "./support";

const ROOT = join(import.meta.dir, "..");

/** Milliseconds from spawning the app to its first 200 on /healthz. */
async function coldStartMs(command?: string[]): Promise<number> {
  const t0 = performance.now();
  const server = await startServer({ command, env: {} });
  // startServer returns on the first answer; make sure it is a 200 and count from spawn
  for (;;) {
    const r = await fetch(`${server.url}/healthz`);
    if (r.status === 200) break;
    await Bun.sleep(5);
  }
  const ms = performance.now() - t0;
  await server.stop();
  return ms;
}

/** Sends `total` GETs with `concurrency` in flight (bounded count, loopback only). */
async function hammer(url: string, headers: Record<string, string>, total: number, concurrency: number): Promise<number> {
  let sent = 0;
  let failed = 0;
  const worker = async () => {
    while (sent < total) {
      sent++;
      const r = await fetch(url, { headers });
      await r.arrayBuffer();
      if (r.status !== 200) failed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failed;
}

async function measure(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const starts: number[] = [];
  for (let i = 0; i < 5; i++) starts.push(await coldStartMs());
  figures.push({
    name: "cold start to first 200 on /healthz (bun src/main.ts, median of 5)",
    value: median(starts),
    unit: "ms",
    target: "< 1000 ms",
  });
  const binary = join(ROOT, "dist", "amarktai");
  if (existsSync(binary)) {
    const bin: number[] = [];
    for (let i = 0; i < 5; i++) bin.push(await coldStartMs([binary]));
    figures.push({
      name: "cold start to first 200 on /healthz (compiled dist/amarktai, median of 5)",
      value: median(bin),
      unit: "ms",
      target: "< 1000 ms",
    });
  }

  const baseline = await startBaseline();
  let server: RunningServer | undefined;
  try {
    server = await startServer();
    await Bun.sleep(1000);
    figures.push({ name: "idle RSS after start", value: rssMb(server.proc.pid), unit: "MB", target: "< 120 MB" });
    figures.push({ name: "baseline: bare Bun.serve idle RSS", value: rssMb(baseline.pid), unit: "MB" });

    const target = await seedDashboard(server);
    const failed = await hammer(target.url, target.headers, 10_000, 50);
    if (failed) throw new Error(`bench: ${failed} of 10,000 requests to ${target.label} did not answer 200`);
    figures.push({ name: `RSS after 10,000 requests to ${target.label}`, value: rssMb(server.proc.pid), unit: "MB", target: "< 120 MB" });

    const load = wrk(target.url, { connections: 200, seconds: 10, headers: target.headers });
    const base = wrk(baseline.url, { connections: 200, seconds: 10 });
    if (load.errors) throw new Error(`bench: ${load.errors} errors or non-2xx answers under load on ${target.label}`);
    figures.push({
      name: `${target.label} requests/s at 200 connections (wrk, 10 s)`,
      value: load.rps,
      unit: "req/s",
      note: `${(load.rps / base.rps).toFixed(3)} x baseline`,
    });
    figures.push({
      name: `${target.label} p99 latency at 200 connections`,
      value: load.p99,
      unit: "ms",
      target: "< 20 ms",
      note: `p50 ${load.p50} ms; baseline p99 ${base.p99} ms`,
    });
    figures.push({
      name: "baseline: bare Bun.serve hello requests/s at 200 connections",
      value: base.rps,
      unit: "req/s",
      note: `p99 ${base.p99} ms`,
    });
    figures.push({ name: "RSS after the load run", value: rssMb(server.proc.pid), unit: "MB", target: "< 120 MB" });
  } finally {
    await server?.stop();
    await baseline.stop();
  }

  // podman is installed by CI's container check, not by the test bootstrap: without it there is no image to measure
  const image = Bun.which("podman")
    ? Bun.spawnSync(["podman", "image", "inspect", "-f", "{{.Size}}", "localhost/amarktai:ci"], { stdout: "pipe", stderr: "pipe" })
    : undefined;
  if (image?.exitCode === 0) {
    figures.push({
      name: "container image size (localhost/amarktai:ci, from .ci/container-check.sh)",
      value: Number(image.stdout.toString().trim()) / 1e6,
      unit: "MB",
      target: "< 600 MB",
    });
  } else {
    figures.push({
      name: "container image size",
      value: NaN,
      unit: "MB",
      target: "< 600 MB",
      note: "no image: run bash .ci/container-check.sh first",
    });
  }
  return figures;
}

/** The appliance benchmark (bun run bench appliance). */
export const bench: Bench = { name: "appliance", summary: "cold start, RSS, dashboard load at 200 connections, image size", run: measure };
