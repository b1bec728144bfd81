import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { AppContext } from "../../src/app/context";
import type { JobQueue, NewJob } from "../../src/jobs/queue/port";
import { QueueWorker } from "../../src/jobs/queue/worker";
import { systemClock } from "../../src/lib/clock";
import { Scheduler } from "../../src/jobs/schedules";
import { until } from "../support/wait";

/** What the contract needs from one adapter's test setup. */
export interface QueueHarness {
  /** A new queue instance with its own connection(s) to the shared database (as another process would have). */
  open(): Promise<JobQueue>;
  /** Enqueues `job` through the adapter inside a transaction of its database, then commits or rolls back. */
  enqueueInTransaction(job: NewJob, commit: boolean): Promise<void>;
  /** Makes the database unavailable for `ms` (PostgreSQL: pg_ctl stop, then start), then available again. */
  outage(ms: number): Promise<void>;
  /** A process running a QueueWorker on this database for `kind` whose handler never ends: argv for Bun.spawn. */
  childArgv(kind: string): string[];
  /** The worker heartbeat period and the longest time a dead worker's job takes to come back. */
  heartbeatMs: number;
  lapseMs: number;
  /** An app context for the schedulers (their runs are recorded in its SQLite file). */
  ctx: AppContext;
  cleanup(): Promise<void>;
}

let kindSeq = 0;
const newKind = () => `contract.k${++kindSeq}`;
const job = (kind: string, key: string, extra: Partial<NewJob> = {}): NewJob => ({
  kind,
  key,
  payload: { key },
  runAt: new Date(Date.now() - 1000),
  maxAttempts: 3,
  ...extra,
});

/** The job-queue port's contract, run against one adapter (tests/jobs/queue-*.test.ts). */
export function queueContract(name: string, makeHarness: () => Promise<QueueHarness>) {
  describe(`job queue contract: ${name}`, () => {
    let h: QueueHarness;
    const opened: JobQueue[] = [];
    const open = async () => {
      const q = await h.open();
      opened.push(q);
      return q;
    };
    beforeAll(async () => {
      h = await makeHarness();
    });
    afterAll(async () => {
      for (const q of opened) await q.close().catch(() => undefined);
      await h?.cleanup();
    });

    test("enqueue, claim, complete; a repeated key is not added; a job not yet due is not claimed", async () => {
      const q = await open();
      const kind = newKind();
      expect(await q.enqueue(job(kind, `${kind}:a`))).toBe(true);
      expect(await q.enqueue(job(kind, `${kind}:a`))).toBe(false);
      expect(await q.enqueue(job(kind, `${kind}:later`, { runAt: new Date(Date.now() + 3600_000) }))).toBe(true);
      const claimed = await q.claim([kind]);
      expect(claimed).toMatchObject({ kind, key: `${kind}:a`, payload: { key: `${kind}:a` }, attempt: 1, maxAttempts: 3 });
      expect(await q.claim([kind])).toBeUndefined();
      expect(await q.heartbeat(claimed!, "50%")).toBe(true);
      expect(await q.complete(claimed!)).toBe(true);
      expect(await q.enqueue(job(kind, `${kind}:a`))).toBe(false); // a done job's key stays taken
      const [d] = await q.depths([kind]);
      expect(d).toMatchObject({ kind, queued: 1, running: 0, failed: 0 });
      expect(d!.oldestQueued).toBeInstanceOf(Date);
    });

    test("an enqueue inside a rolled-back transaction leaves no job; a committed one does", async () => {
      const q = await open();
      const kind = newKind();
      await h.enqueueInTransaction(job(kind, `${kind}:rolled-back`), false);
      expect(await q.claim([kind])).toBeUndefined();
      await h.enqueueInTransaction(job(kind, `${kind}:committed`), true);
      expect((await q.claim([kind]))?.key).toBe(`${kind}:committed`);
    });

    test("fail: retryable waits for its backoff (or its retryAt), permanent and last attempts fail for good", async () => {
      const q = await open();
      const kind = newKind();
      await q.enqueue(job(kind, `${kind}:backoff`));
      const first = (await q.claim([kind]))!;
      expect(await q.fail(first, "timeout", { retryable: true })).toBe("retry");
      expect(await q.claim([kind])).toBeUndefined(); // backoff: at least seconds away

      await q.enqueue(job(kind, `${kind}:at`, { maxAttempts: 2 }));
      const a1 = (await q.claim([kind]))!;
      expect(await q.fail(a1, "rate limited", { retryable: true, retryAt: new Date(Date.now() + 1000) })).toBe("retry");
      let a2: Awaited<ReturnType<JobQueue["claim"]>>;
      await untilAsync(async () => (a2 = await q.claim([kind])) !== undefined, "the retry at its time", 5000);
      expect(a2!).toMatchObject({ key: `${kind}:at`, attempt: 2 });
      expect(await q.fail(a2!, "rate limited again", { retryable: true })).toBe("failed"); // no attempts left

      await q.enqueue(job(kind, `${kind}:permanent`));
      const p = (await q.claim([kind]))!;
      expect(await q.fail(p, "the post was deleted", { retryable: false })).toBe("failed");
      expect(await q.claim([kind])).toBeUndefined();
      const [d] = await q.depths([kind]);
      expect(d).toMatchObject({ queued: 1, running: 0, failed: 2 });
    });

    test("a kill -9'd worker process's job is run by another once its lease or heartbeat lapses, exactly once", async () => {
      const q = await open();
      const kind = newKind();
      await q.enqueue(job(kind, `${kind}:render`));
      const child = Bun.spawn(h.childArgv(kind), { stdout: "pipe", stderr: "inherit" });
      const lines = readLines(child.stdout);
      await untilAsync(async () => lines.some((l) => l.startsWith("RUNNING")), "the child to claim the job", 15_000);
      expect(lines[0]).toBe(`RUNNING ${kind}:render 1`);
      // Alive and beating: nobody else may take it, for longer than a lease.
      await Bun.sleep(h.heartbeatMs * 2.5);
      expect(await q.claim([kind])).toBeUndefined();
      child.kill(9);
      await child.exited;
      const ran: number[] = [];
      const w = new QueueWorker(q, { [kind]: async (j) => void ran.push(j.attempt) }, { heartbeatMs: h.heartbeatMs, pollMs: 100 });
      w.start();
      const t0 = Date.now();
      await untilAsync(async () => ran.length === 1, "another worker to run the killed worker's job", h.lapseMs + 10_000);
      await w.stop();
      expect(Date.now() - t0).toBeLessThan(h.lapseMs + 10_000);
      expect(ran).toEqual([2]);
      const [d] = await q.depths([kind]);
      expect(d).toMatchObject({ queued: 0, running: 0, failed: 0 });
      expect(await q.claim([kind])).toBeUndefined();
    }, 60_000);

    test("an attempt whose job was taken over cannot heartbeat, complete or fail it", async () => {
      const q1 = await open();
      const q2 = await open();
      const kind = newKind();
      await q1.enqueue(job(kind, `${kind}:x`));
      const a1 = (await q1.claim([kind]))!;
      // What a lapse does, without waiting for one: attempt 1 is failed and retried at once, attempt 2 claimed elsewhere.
      expect(await q1.fail(a1, "lease lapsed", { retryable: true, retryAt: new Date(Date.now() - 1000) })).toBe("retry");
      let a2: Awaited<ReturnType<JobQueue["claim"]>>;
      await untilAsync(async () => (a2 = await q2.claim([kind])) !== undefined, "attempt 2", 5000);
      expect(await q1.heartbeat(a1)).toBe(false);
      expect(await q1.complete(a1)).toBe(false);
      expect(await q1.fail(a1, "late", { retryable: true })).toBe("lost");
      expect(await q2.complete(a2!)).toBe(true);
    });

    test("a cron schedule fires once per tick with three schedulers on one database", async () => {
      const ctx = { ...h.ctx, clock: systemClock }; // ticks are cut from the real time here
      const queues = [await open(), await open(), await open()];
      const name = `every-second-${newKind()}`;
      const runs: string[] = [];
      const schedule = {
        name,
        cron: "* * * * * *",
        description: "contract",
        handler: () => {
          runs.push(new Date(Math.floor(Date.now() / 1000) * 1000).toISOString());
          return "ok";
        },
      };
      const schedulers = queues.map((q) => new Scheduler(ctx, [schedule], { claimTick: (n, t) => q.claimTick(n, t) }));
      for (const s of schedulers) s.start();
      await Bun.sleep(4200);
      for (const s of schedulers) await s.stop();
      expect(runs.length).toBeGreaterThanOrEqual(3);
      expect(runs.length).toBeLessThanOrEqual(5);
      expect(new Set(runs).size).toBe(runs.length); // never two runs of one tick
      // A tick is claimed once for good: a late scheduler asking again for a past tick gets no.
      const tick = new Date(Math.floor(Date.now() / 1000) * 1000 - 2000);
      const answers = await Promise.all(queues.map((q) => q.claimTick(`late-${name}`, tick)));
      expect(answers.filter(Boolean)).toHaveLength(1);
    }, 20_000);

    test("no job is lost or run twice when the database goes away and comes back while workers run", async () => {
      const kind = newKind();
      const q = await open();
      const total = 30;
      for (let i = 0; i < total; i++) await q.enqueue(job(kind, `${kind}:${i}`));
      const runs = new Map<string, number>();
      const handler = async (j: { key: string }) => {
        await Bun.sleep(40);
        runs.set(j.key, (runs.get(j.key) ?? 0) + 1);
      };
      const workers = [await open(), await open()].map(
        (wq) => new QueueWorker(wq, { [kind]: handler }, { heartbeatMs: h.heartbeatMs, pollMs: 100, settleForMs: 30_000 }),
      );
      for (const w of workers) w.start();
      await until(() => runs.size >= 5, "the first jobs to run", 15_000);
      await h.outage(2000);
      await untilAsync(
        async () => {
          const [d] = await q.depths([kind]).catch(() => [undefined]);
          return d !== undefined && d.queued === 0 && d.running === 0;
        },
        "every job to finish after the outage",
        40_000,
      );
      for (const w of workers) await w.stop();
      expect(runs.size).toBe(total);
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
      const [d] = await q.depths([kind]);
      expect(d).toMatchObject({ queued: 0, running: 0, failed: 0 });
    }, 60_000);
  });
}

async function untilAsync(done: () => Promise<boolean>, what: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await Bun.sleep(50);
  }
}

function readLines(stream: ReadableStream<Uint8Array>): string[] {
  const lines: string[] = [];
  void (async () => {
    let buf = "";
    const reader = stream.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      buf += new TextDecoder().decode(r.value);
      const parts = buf.split("\n");
      buf = parts.pop()!;
      lines.push(...parts);
    }
  })();
  return lines;
}
