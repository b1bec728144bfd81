import { afterAll, afterEach, beforeAll, expect, test } from "bun:test";
import { inTransaction } from "../../src/db/client";
import { declareJob } from "../../src/jobs/declare";
import { mirroredHandlersOf } from "../../src/jobs/queue/mirror";
import { pgBossJobQueue } from "../../src/jobs/queue/pg-boss";
import type { JobQueue } from "../../src/jobs/queue/port";
import { relayDueJobs } from "../../src/jobs/queue/relay";
import { QueueWorker } from "../../src/jobs/queue/worker";
import { findJobByKey, moveQueuedJobs } from "../../src/jobs/store";
import { JobError } from "../../src/jobs/worker";
import { RELAY_ORDER, ROLE_KINDS } from "../../src/server/roles";
import { makeTestContext } from "../support/context";
import { startTestPostgres, type TestPostgres } from "../support/postgres";
import { until } from "../support/wait";
import { describeWithPostgres } from "./postgres-suite";

// The outbox relay in one process: jobs enqueued through their declaration into SQLite (in the caller's transaction)
// reach pg-boss once, and a worker on pg-boss writes each attempt back onto the job's row.

const echoJob = declareJob<{ n: number }>({
  kind: "test.echo",
  key: (p) => `echo:${p.n}`,
  attempts: 3,
  parse: (raw) => (typeof raw.n === "number" ? { n: raw.n } : undefined),
});
const bulkJob = declareJob<{ n: number }>({
  kind: "test.bulk",
  key: (p) => `bulk:${p.n}`,
  attempts: 3,
  parse: (raw) => (typeof raw.n === "number" ? { n: raw.n } : undefined),
});
const postJob = declareJob<{ n: number }>({
  kind: "test.post",
  key: (p) => `post:${p.n}`,
  attempts: 3,
  parse: (raw) => (typeof raw.n === "number" ? { n: raw.n } : undefined),
});
const KINDS = [echoJob.kind];
const HEARTBEAT_SECONDS = 10;

describeWithPostgres("the outbox relay", () => {
  let pg: TestPostgres;
  let queue: JobQueue;
  const ctx = makeTestContext();
  const workers: QueueWorker[] = [];
  beforeAll(async () => {
    pg = await startTestPostgres();
    queue = await pgBossJobQueue({ url: pg.url, heartbeatSeconds: HEARTBEAT_SECONDS, superviseIntervalSeconds: 1, poolSize: 3 });
  }, 30_000);
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop(100);
  });
  afterAll(async () => {
    await queue?.close();
    await pg?.remove();
    ctx.cleanup();
  });

  const depth = async () => (await queue.depths(KINDS))[0]!;
  const untilDepth = async (done: (d: Awaited<ReturnType<typeof depth>>) => boolean, what: string) => {
    for (let i = 0; i < 100; i++)
      if (done(await depth())) return;
      else await Bun.sleep(100);
    throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await depth())}`);
  };
  const startWorker = (run: (n: number, attempt: number, jc: { heartbeat(p?: string): void }) => Promise<void>) => {
    const handlers = mirroredHandlersOf(ctx.db, ctx.clock, [echoJob.handle(async ({ n }, job, jc) => run(n, job.attempts, jc))], {
      windowMs: HEARTBEAT_SECONDS * 1000,
    });
    const w = new QueueWorker(queue, handlers, { heartbeatMs: 2000, pollMs: 50 });
    workers.push(w);
    w.start();
    return w;
  };

  test("relays a job committed with its data once; a rolled-back one never; a relay repeated after a crash adds nothing", async () => {
    const now = ctx.clock.now();
    expect(() =>
      inTransaction(ctx.db, () => {
        echoJob.enqueue(ctx.db, { n: 1 }, { now });
        throw new Error("the caller's write failed");
      }),
    ).toThrow("the caller's write failed");
    inTransaction(ctx.db, () => echoJob.enqueue(ctx.db, { n: 2 }, { now }));
    expect(findJobByKey(ctx.db, "echo:1")).toBeUndefined();
    expect((await relayDueJobs(ctx.db, queue, [KINDS], now)).relayed).toBe(1);
    expect(findJobByKey(ctx.db, "echo:2")!.relayedAt).toEqual(now);
    expect((await relayDueJobs(ctx.db, queue, [KINDS], now)).relayed).toBe(0);
    // A relay that died after the enqueue and before marking the row: the next one sends it again, pg-boss keeps one job.
    ctx.db.$client.run("UPDATE jobs SET relayed_at = NULL WHERE key = 'echo:2'");
    expect((await relayDueJobs(ctx.db, queue, [KINDS], now)).relayed).toBe(1);
    expect((await depth()).queued).toBe(1);
  });

  test("a job not yet due stays on its row, where a reschedule still moves it; it goes once due", async () => {
    const now = ctx.clock.now();
    const later = new Date(now.getTime() + 60_000);
    const job = echoJob.enqueue(ctx.db, { n: 3 }, { now, runAt: later });
    expect((await relayDueJobs(ctx.db, queue, [KINDS], now)).relayed).toBe(0);
    const moved = new Date(now.getTime() + 120_000);
    expect(moveQueuedJobs(ctx.db, [job.id], moved)).toBe(1);
    ctx.clock.advance(60_000);
    expect((await relayDueJobs(ctx.db, queue, [KINDS], ctx.clock.now())).relayed).toBe(0);
    ctx.clock.advance(60_000);
    expect((await relayDueJobs(ctx.db, queue, [KINDS], ctx.clock.now())).relayed).toBe(1);
    // Relayed, the job is the queue's: the row no longer moves (the queue would run it at the old time anyway).
    expect(moveQueuedJobs(ctx.db, [job.id], new Date(moved.getTime() + 60_000))).toBe(0);
  });

  test("a backlog of one group's jobs never holds a due job of an earlier group back by more than one batch", async () => {
    const now = ctx.clock.now();
    for (let n = 0; n < 12; n++) bulkJob.enqueue(ctx.db, { n }, { now });
    postJob.enqueue(ctx.db, { n: 1 }, { now: new Date(now.getTime() + 1) });
    const at = new Date(now.getTime() + 1);
    expect(await relayDueJobs(ctx.db, queue, [[postJob.kind], [bulkJob.kind]], at, 5)).toEqual({ relayed: 6, more: true });
    expect(findJobByKey(ctx.db, "post:1")!.relayedAt).toEqual(at);
    expect(await relayDueJobs(ctx.db, queue, [[postJob.kind], [bulkJob.kind]], at, 5)).toEqual({ relayed: 5, more: true });
    expect(await relayDueJobs(ctx.db, queue, [[postJob.kind], [bulkJob.kind]], at, 5)).toEqual({ relayed: 2, more: false });
    expect((await queue.depths([postJob.kind, bulkJob.kind])).map((d) => d.queued)).toEqual([1, 12]);
  });

  test("the worker writes running, progress, a retry with its time and the final done back onto the row", async () => {
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const seen: string[] = [];
    startWorker(async (n, attempt, jc) => {
      seen.push(`${n}#${attempt}`);
      if (n !== 4) return;
      if (attempt === 1) throw new JobError("the platform answered 503", true, new Date(Date.now() + 500));
      jc.heartbeat("50% half way");
      await held;
    });
    echoJob.enqueue(ctx.db, { n: 4 }, { now: ctx.clock.now() });
    await relayDueJobs(ctx.db, queue, [KINDS], ctx.clock.now());
    const row = () => findJobByKey(ctx.db, "echo:4")!;
    await until(() => row().status === "running" && row().attempts === 2 && row().progress === "50% half way", "attempt 2 running", 15_000);
    expect(row().lastError).toBe("the platform answered 503"); // the last failure shows until an attempt ends, as on one box
    expect(row().leaseUntil!.getTime()).toBeGreaterThan(ctx.clock.now().getTime());
    expect(seen).toContain("4#1");
    release();
    await until(() => row().status === "done", "the row done", 10_000);
    expect(row().finishedAt).not.toBeNull();
    expect(row().lastError).toBeNull();
    // The jobs relayed by the tests above ran too, each once.
    await until(() => findJobByKey(ctx.db, "echo:2")!.status === "done" && findJobByKey(ctx.db, "echo:3")!.status === "done", "2 and 3");
    expect(seen.filter((s) => s.startsWith("2#") || s.startsWith("3#"))).toEqual(expect.arrayContaining(["2#1", "3#1"]));
    expect(seen.filter((s) => s.startsWith("2#")).length).toBe(1);
    await untilDepth((d) => d.queued === 0 && d.running === 0 && d.failed === 0, "an empty queue");
  }, 30_000);

  test("a retry is written to the row with the queue's time, and the relay does not send it again", async () => {
    startWorker(async (n) => {
      if (n === 5) throw new JobError("not yet", true, new Date(Date.now() + 3600_000));
    });
    echoJob.enqueue(ctx.db, { n: 5 }, { now: ctx.clock.now() });
    await relayDueJobs(ctx.db, queue, [KINDS], ctx.clock.now());
    const row = () => findJobByKey(ctx.db, "echo:5")!;
    await until(() => row().status === "queued" && row().lastError === "not yet", "the retry on the row", 10_000);
    expect(row().attempts).toBe(1);
    expect(row().runAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect((await relayDueJobs(ctx.db, queue, [KINDS], new Date(row().runAt.getTime() + 1000))).relayed).toBe(0);
  }, 20_000);

  test("a job whose row was cancelled after the relay is not run, and fails on the queue", async () => {
    echoJob.enqueue(ctx.db, { n: 6 }, { now: ctx.clock.now() });
    await relayDueJobs(ctx.db, queue, [KINDS], ctx.clock.now());
    ctx.db.$client.run("UPDATE jobs SET status = 'cancelled' WHERE key = 'echo:6'");
    let ran = false;
    startWorker(async (n) => {
      if (n === 6) ran = true;
    });
    await untilDepth((d) => d.failed === 1, "the cancelled job failed on the queue");
    expect(ran).toBe(false);
    expect(findJobByKey(ctx.db, "echo:6")!.status).toBe("cancelled");
  }, 20_000);
});

test("the relay hands on every kind a worker role runs, each in one group", () => {
  const relayed = RELAY_ORDER.flat();
  expect([...relayed].sort()).toEqual(Object.values(ROLE_KINDS).flat().sort());
  expect(new Set(relayed).size).toBe(relayed.length);
  expect(RELAY_ORDER[0]).toEqual(ROLE_KINDS.publish);
});
