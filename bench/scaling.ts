/**
 * `bun run bench scaling`: how jobs per minute grow with render workers on the distributed queue (issue 18).
 * A throwaway PostgreSQL, N jobs enqueued through the pg-boss adapter, then 1 and 3 worker processes (QueueWorker on
 * the real adapter, bench/children/scaling-worker.ts) whose renderer sleeps a fixed time; then real ffmpeg, each job
 * encoding a fixed 1080x1920 clip with the short's x264 settings on one thread, workers pinned one core each
 * (`taskset -c K`), 1 and 2 workers. Jobs per minute run from the first claim to the last completion; every job must
 * be claimed and completed exactly once (counted by key). Pairs are repeated (SCALING_REPEATS, default 3) and the
 * median ratio is reported with its spread. Knobs: SCALING_SLEEP_JOBS (30), SCALING_SLEEP_MS (1000),
 * SCALING_FFMPEG_JOBS (12), SCALING_CLIP_SECONDS (3), SCALING_PARTS (sleep,ffmpeg).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pgBossJobQueue } from "../src/jobs/queue/pg-boss";
import type { JobQueue } from "../src/jobs/queue/port";
import { startTestPostgres } from "../tests/support/postgres";
import { type Bench, type Figure, median } from "./support";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const REPEATS = env("SCALING_REPEATS", 3);
const SLEEP_JOBS = env("SCALING_SLEEP_JOBS", 30);
const SLEEP_MS = env("SCALING_SLEEP_MS", 1000);
const FFMPEG_JOBS = env("SCALING_FFMPEG_JOBS", 12);
const CLIP_SECONDS = env("SCALING_CLIP_SECONDS", 3);
// Which halves to run: "sleep,ffmpeg" (both, the default), or one of them to repeat it alone.
const PARTS = new Set((process.env.SCALING_PARTS ?? "sleep,ffmpeg").split(","));
const CHILD = join(import.meta.dir, "children", "scaling-worker.ts");
// A phase that has not finished in this time is stuck (a lost job): the bench fails rather than wait forever.
const PHASE_LIMIT_MS = 15 * 60_000;

/** One worker process's event, as it printed it (bench/children/scaling-worker.ts). */
interface WorkerEvent {
  ev: "ready" | "claim" | "complete" | "fail";
  key?: string;
  attempt?: number;
  held?: boolean;
  cpuSeconds?: number;
  outcome?: string;
  error?: string;
  t: number;
}

/** One measured phase: how many workers, jobs per minute, and the load average around it. */
interface Phase {
  workers: number;
  jobs: number;
  seconds: number;
  perMinute: number;
  loadBefore: number;
  loadAfter: number;
  /** CPU seconds of each render's own process (ffmpeg), when the renderer is one. */
  cpuSeconds: number[];
}

/** A spawned worker process: its events as they arrive, and its stdin for commands. */
interface Child {
  proc: Bun.Subprocess<"pipe", "pipe", "inherit">;
  events: WorkerEvent[];
  send(cmd: string): void;
  readLoop: Promise<void>;
}

function spawnChild(argv: string[]): Child {
  const proc = Bun.spawn(argv, { stdin: "pipe", stdout: "pipe", stderr: "inherit" });
  const events: WorkerEvent[] = [];
  const readLoop = (async () => {
    let rest = "";
    const decoder = new TextDecoder();
    const reader = proc.stdout.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      rest += decoder.decode(value, { stream: true });
      const lines = rest.split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) if (line.startsWith("{")) events.push(JSON.parse(line) as WorkerEvent);
    }
  })();
  return {
    proc,
    events,
    readLoop,
    send(cmd) {
      proc.stdin.write(`${cmd}\n`);
      proc.stdin.flush();
    },
  };
}

async function until(what: string, ok: () => boolean, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`bench scaling: timed out waiting for ${what}`);
    await Bun.sleep(20);
  }
}

const load1 = () => loadavg()[0]!;

/**
 * Enqueues `jobs` jobs of a fresh kind, starts `workers` processes (pinned one core each when `pin`), lets them go at
 * once, waits for every completion, and checks each key was claimed and completed exactly once.
 */
async function phase(
  queue: JobQueue,
  url: string,
  o: { label: string; workers: number; jobs: number; render: string[]; pin: boolean },
): Promise<Phase> {
  const kind = `bench-${o.label}-${o.workers}w-${crypto.randomUUID().slice(0, 8)}`;
  const keys = Array.from({ length: o.jobs }, (_, i) => `${kind}-${i}`);
  for (const key of keys) await queue.enqueue({ kind, key, payload: {}, runAt: new Date(), maxAttempts: 1 });
  const cores = cpus().length;
  // Each worker in its own session (setsid): with the kernel's autogroup scheduling a session shares one slice of
  // CPU, so workers left in the bench's session would split one share between them on a busy machine, which is not
  // what separate render processes (or machines) do. On a quiet machine it changes nothing.
  const children = Array.from({ length: o.workers }, (_, k) =>
    spawnChild([
      "setsid",
      "--wait",
      ...(o.pin ? ["taskset", "-c", String(k % cores)] : []),
      process.execPath,
      CHILD,
      url,
      kind,
      ...o.render,
    ]),
  );
  try {
    await until("the workers to start", () => children.every((c) => c.events.some((e) => e.ev === "ready")), 60_000);
    const loadBefore = load1();
    for (const c of children) c.send("go");
    const all = () => children.flatMap((c) => c.events);
    const settled = () => all().filter((e) => e.ev === "complete" || e.ev === "fail").length;
    await until(`${o.jobs} ${o.label} jobs on ${o.workers} workers`, () => settled() >= o.jobs, PHASE_LIMIT_MS);
    const loadAfter = load1();
    const events = all();
    const failed = events.filter((e) => e.ev === "fail");
    if (failed.length) throw new Error(`bench scaling: ${failed.length} job(s) failed, first: ${failed[0]!.error}`);
    const count = (ev: string) => {
      const n = new Map<string, number>();
      for (const e of events) if (e.ev === ev && (ev !== "complete" || e.held)) n.set(e.key!, (n.get(e.key!) ?? 0) + 1);
      return n;
    };
    const claims = count("claim");
    const completes = count("complete");
    const wrong = keys.filter((k) => claims.get(k) !== 1 || completes.get(k) !== 1);
    const [depth] = await queue.depths([kind]);
    if (wrong.length || claims.size !== o.jobs || depth!.queued + depth!.running + depth!.failed !== 0)
      throw new Error(`bench scaling: not exactly once: ${wrong.length} key(s) claimed or completed other than once (${wrong[0]})`);
    const first = Math.min(...events.filter((e) => e.ev === "claim").map((e) => e.t));
    const last = Math.max(...events.filter((e) => e.ev === "complete").map((e) => e.t));
    const seconds = (last - first) / 1000;
    const perMinute = (o.jobs * 60) / seconds;
    console.error(
      `bench scaling: ${o.label} x${o.workers}: ${o.jobs} jobs in ${seconds.toFixed(2)} s = ${perMinute.toFixed(1)}/min, load ${loadBefore.toFixed(2)} -> ${loadAfter.toFixed(2)}`,
    );
    const cpuSeconds = events.flatMap((e) => (e.ev === "complete" && e.cpuSeconds !== undefined ? [e.cpuSeconds] : []));
    return { workers: o.workers, jobs: o.jobs, seconds, perMinute, loadBefore, loadAfter, cpuSeconds };
  } finally {
    for (const c of children) {
      try {
        c.send("stop");
      } catch {} // already gone (its stdin closed): the wait below sees it
    }
    await Promise.race([Promise.all(children.map((c) => c.proc.exited)), Bun.sleep(15_000)]);
    for (const c of children) if (c.proc.exitCode === null) c.proc.kill("SIGKILL");
    await Promise.all(children.map((c) => c.readLoop.catch(() => undefined)));
  }
}

const fmt = (xs: number[], digits = 2) => xs.map((x) => x.toFixed(digits)).join(", ");

/** Runs `repeats` pairs (few workers, then more, back to back) and turns them into figures. */
async function pairs(
  queue: JobQueue,
  url: string,
  o: { label: string; what: string; from: number; to: number; jobs: number; render: string[]; pin: boolean; target: string },
): Promise<Figure[]> {
  const ratios: number[] = [];
  const lows: Phase[] = [];
  const highs: Phase[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const low = await phase(queue, url, { label: o.label, workers: o.from, jobs: o.jobs, render: o.render, pin: o.pin });
    const high = await phase(queue, url, { label: o.label, workers: o.to, jobs: o.jobs, render: o.render, pin: o.pin });
    lows.push(low);
    highs.push(high);
    ratios.push(high.perMinute / low.perMinute);
  }
  const loads = [...lows, ...highs].flatMap((p) => [p.loadBefore, p.loadAfter]);
  const loadNote = `1-min load average ${Math.min(...loads).toFixed(2)}-${Math.max(...loads).toFixed(2)} around the phases`;
  const cpu = [...lows, ...highs].flatMap((p) => p.cpuSeconds);
  // How many cores' worth of CPU the encodes got in each phase: on a shared machine this, not the queue, sets the ratio.
  const share = (p: Phase) => p.cpuSeconds.reduce((a, b) => a + b, 0) / p.seconds;
  const shares = cpu.length
    ? `; encodes got ${lows.map((p, k) => `${share(p).toFixed(2)} -> ${share(highs[k]!).toFixed(2)}`).join(", ")} cores of CPU`
    : "";
  const cost: Figure[] = cpu.length
    ? [
        {
          name: `${o.what}: CPU per encode (ffmpeg user + system)`,
          value: median(cpu),
          unit: "s",
          note: `median of ${cpu.length} encodes, ${Math.min(...cpu).toFixed(2)}-${Math.max(...cpu).toFixed(2)} s; ${(3600 / median(cpu)).toFixed(0)} encodes per core-hour of CPU`,
        },
      ]
    : [];
  return [
    {
      name: `${o.what}: jobs per minute, ${o.from} worker`,
      value: median(lows.map((p) => p.perMinute)),
      unit: "jobs/min",
      note: `median of ${REPEATS}: ${fmt(
        lows.map((p) => p.perMinute),
        1,
      )}; ${o.jobs} jobs each`,
    },
    {
      name: `${o.what}: jobs per minute, ${o.to} workers`,
      value: median(highs.map((p) => p.perMinute)),
      unit: "jobs/min",
      note: `median of ${REPEATS}: ${fmt(
        highs.map((p) => p.perMinute),
        1,
      )}`,
    },
    {
      name: `${o.what}: ${o.from} -> ${o.to} workers`,
      value: median(ratios),
      unit: "x",
      target: o.target,
      note: `median ${median(ratios).toFixed(2)}; ratios ${fmt(ratios)} (min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}); ${loadNote}; every job claimed and completed exactly once${shares}`,
    },
    ...cost,
  ];
}

/** The scaling bench, for bench/run.ts. */
export const bench: Bench = {
  name: "scaling (distributed render workers on pg-boss)",
  summary: [
    PARTS.has("sleep") ? `${SLEEP_JOBS} sleep jobs (${SLEEP_MS} ms) on 1 then 3 workers` : "",
    PARTS.has("ffmpeg") ? `${FFMPEG_JOBS} ffmpeg encodes (${CLIP_SECONDS} s 1080x1920, one thread) on 1 then 2 pinned workers` : "",
  ]
    .filter(Boolean)
    .concat(`${REPEATS} pairs each`)
    .join("; "),
  async run() {
    const pg = await startTestPostgres();
    const tmp = mkdtempSync(join(tmpdir(), "amarktai-scaling-"));
    const queue = await pgBossJobQueue({ url: pg.url, heartbeatSeconds: 10, poolSize: 2 });
    const loadStart = loadavg();
    try {
      const sleep = !PARTS.has("sleep")
        ? []
        : await pairs(queue, pg.url, {
            label: "sleep",
            what: `fake renderer (sleep ${SLEEP_MS} ms)`,
            from: 1,
            to: 3,
            jobs: SLEEP_JOBS,
            render: ["sleep", String(SLEEP_MS)],
            pin: false,
            target: ">= 2.7x",
          });
      const encode = !PARTS.has("ffmpeg")
        ? []
        : await pairs(queue, pg.url, {
            label: "ffmpeg",
            what: `ffmpeg ${CLIP_SECONDS} s 1080x1920 encode, -threads 1, one core per worker`,
            from: 1,
            to: 2,
            jobs: FFMPEG_JOBS,
            render: ["ffmpeg", String(CLIP_SECONDS), tmp],
            pin: true,
            target: cpus().length >= 2 ? ">= 1.8x" : "needs 2 cores",
          });
      const loadEnd = loadavg();
      const la = (l: number[]) => l.map((x) => x.toFixed(2)).join("/");
      return [
        ...sleep,
        ...encode,
        { name: "load average (1/5/15 min) before and after", value: NaN, unit: "", note: `${la(loadStart)} -> ${la(loadEnd)}` },
      ];
    } finally {
      await queue.close();
      await pg.remove();
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};
