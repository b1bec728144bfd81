import { statfsSync } from "node:fs";
import type { AppContext } from "../app/context";
import { pingDatabase } from "../db/client";
import { PROCESS_OWNER } from "../jobs/owner";
import type { JobQueue, QueueDepth } from "../jobs/queue/port";
import { sqliteJobQueue } from "../jobs/queue/sqlite";
import { runningJobsOf } from "../jobs/store";
import { mediaStoreOf } from "../media/storage/open";
import { GONE_AFTER_BEATS, memoryRegistry, type WorkerRegistry, type WorkerStatus } from "./registry";
import { runningJobInWords } from "./running-words";

/** One check of a service the processes need: whether it answered, how fast, and in words what was found. */
export interface Probe {
  name: string;
  ok: boolean;
  ms: number;
  detail: string;
  /** The media folder's free and total bytes (single box). */
  freeBytes?: number;
  totalBytes?: number;
}

/** What the admin workers page shows: the processes, each queue's numbers, the databases and the media store. */
export interface WorkersOverview {
  mode: "single" | "distributed";
  /** How long a process may be silent before it shows as gone (three heartbeats), in seconds. */
  goneAfterSeconds: number;
  workers: WorkerStatus[];
  /** Why the processes could not be listed (the registry's database is away), else undefined. */
  workersProblem?: string;
  queueAdapter: JobQueue["adapter"];
  queues: QueueDepth[];
  queuesProblem?: string;
  databases: Probe[];
  bucket: Probe;
  checkedAt: Date;
}

/** The parts the page reads: the queue this process uses, the worker registry and every job kind. */
export interface WorkersRuntime {
  queue: JobQueue;
  registry: WorkerRegistry;
  kinds: string[];
}

const PROBE_MS = 3000;
// A key no object has: a HEAD on it answers 404 from a bucket that works, and an error from one that does not.
const PROBE_KEY = "amarktai-probe/health";

/** Reads everything the page shows, each part on its own: one part failing shows as that part's problem, not an error page. */
export async function workersOverview(ctx: AppContext, rt: WorkersRuntime): Promise<WorkersOverview> {
  const [workers, queues, databases, bucket] = await Promise.all([
    settle(() => rt.registry.list()),
    settle(() => rt.queue.depths(rt.kinds)),
    probeDatabases(ctx, rt.queue),
    probeMediaStore(ctx),
  ]);
  return {
    mode: ctx.config.distributed.mode,
    goneAfterSeconds: (GONE_AFTER_BEATS * rt.registry.beatMs) / 1000,
    // What each runs, in words ("render of item #1"), not the raw kind and key the registry keeps.
    workers: (workers.value ?? []).map((w) => ({ ...w, running: w.running.map(runningJobInWords) })),
    workersProblem: workers.problem,
    queueAdapter: rt.queue.adapter,
    queues: queues.value ?? [],
    queuesProblem: queues.problem,
    databases,
    bucket,
    checkedAt: ctx.clock.now(),
  };
}

async function probeDatabases(ctx: AppContext, queue: JobQueue): Promise<Probe[]> {
  const sqlite = await timed("SQLite (app data)", async () => {
    pingDatabase(ctx.db);
    return "answers";
  });
  if (queue.adapter === "sqlite") return [sqlite];
  const pg = await timed("PostgreSQL (job queues, worker registry)", async () => {
    await queue.ping();
    return "answers";
  });
  return [sqlite, pg];
}

async function probeMediaStore(ctx: AppContext): Promise<Probe> {
  const store = mediaStoreOf(ctx);
  const s = ctx.config.storage;
  if (store.driver === "s3")
    return timed(`Bucket ${s.s3_bucket}`, async () => {
      await store.stat(PROBE_KEY);
      return `answers (HEAD on ${s.s3_endpoint || "AWS S3"})`;
    });
  let space: { freeBytes: number; totalBytes: number } | undefined;
  const probe = await timed(`Media folder ${s.media_dir}`, async () => {
    const f = statfsSync(s.media_dir);
    space = { freeBytes: f.bavail * f.bsize, totalBytes: f.blocks * f.bsize };
    return "readable";
  });
  return { ...probe, ...space };
}

async function timed(name: string, check: () => Promise<string>): Promise<Probe> {
  const t0 = performance.now();
  const r = await settle(check);
  const ms = Math.round((performance.now() - t0) * 10) / 10;
  return r.problem === undefined ? { name, ok: true, ms, detail: r.value! } : { name, ok: false, ms, detail: r.problem };
}

// Runs a read with a time limit; its value, or the first line of why it failed.
async function settle<T>(read: () => Promise<T>): Promise<{ value?: T; problem?: string }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_MS / 1000} s`)), PROBE_MS);
    });
    return { value: await Promise.race([read(), late]) };
  } catch (e) {
    return { problem: (e instanceof Error ? e.message : String(e)).split("\n")[0] };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The page's parts for this process: in distributed mode the shared queue and the registry it was started with; on a
 * single box the SQLite queue and this one process from memory, running the jobs it holds in SQLite.
 */
export function workersRuntimeOf(ctx: AppContext, kinds: string[], shared?: { queue: JobQueue; registry: WorkerRegistry }): WorkersRuntime {
  if (shared) return { ...shared, kinds };
  const running = () => runningJobsOf(ctx.db, PROCESS_OWNER).map((j) => `${j.kind} ${j.key}`);
  return { queue: sqliteJobQueue(ctx.db, ctx.clock), registry: memoryRegistry("all", running, () => ctx.clock.now()), kinds };
}
