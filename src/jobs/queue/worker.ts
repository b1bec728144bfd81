import { JobError, type JobContext } from "../worker";
import type { ClaimedJob, JobQueue } from "./port";

/** Runs one claimed job; it must be idempotent (a worker that dies makes the job run again). */
export type QueueHandler = (job: ClaimedJob, ctx: JobContext) => Promise<void>;

/** How a queue worker paces itself: polling, heartbeats, and how long it keeps trying to record an outcome while the database is away. */
export interface QueueWorkerOptions {
  pollMs?: number;
  /** How often a running job's heartbeat is sent (half the lease or heartbeat window). */
  heartbeatMs: number;
  /** How long to keep retrying a complete or fail that the database did not take (default 60 s). */
  settleForMs?: number;
  /** How soon a heartbeat the database did not take is sent again (default 1 s), so it lands before the job's window closes. */
  beatRetryMs?: number;
  log?: (msg: string) => void;
}

/**
 * Claims due jobs of its handlers' kinds through the job-queue port and runs them one at a time, with a heartbeat
 * while each runs. An outcome the database could not take is retried until it can (so a restart neither loses
 * nor repeats a finished job); an attempt that lost its job (its heartbeat lapsed) has its outcome refused.
 */
export class QueueWorker {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  // Set by stop(): no job is claimed after it, so only the one running finishes.
  private stopping = false;
  private readonly abort = new AbortController();
  private failures = 0;
  private job: { id: string; kind: string; key: string; since: Date } | undefined;

  constructor(
    private readonly queue: JobQueue,
    private readonly handlers: Record<string, QueueHandler>,
    private readonly opts: QueueWorkerOptions,
  ) {}

  /** The job this worker runs now (kind, key, start), for the worker registry; undefined while idle. */
  get current(): { kind: string; key: string; since: Date } | undefined {
    return this.job;
  }

  /** Starts polling. */
  start(): void {
    this.stopped = false;
    this.stopping = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the running job (at most `graceMs`, then it is told to stop and its lease lapses). */
  async stop(graceMs = 8000): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.running) {
      const job = this.job;
      if (job) this.opts.log?.(`jobs: stopping: waiting up to ${graceMs / 1000} s for ${job.kind} #${job.id} to finish`);
      await Promise.race([this.running, Bun.sleep(graceMs)]);
      this.abort.abort();
    }
  }

  /** Runs due jobs until none is due; returns how many ran. */
  async drain(): Promise<number> {
    let n = 0;
    for (;;) {
      if (this.stopping) return n;
      const job = await this.queue.claim(Object.keys(this.handlers));
      if (!job) return n;
      await this.runOne(job);
      n++;
    }
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .then(() => {
          if (this.failures > 0) this.opts.log?.(`jobs: the queue answers again after ${this.failures} failed claims`);
          this.failures = 0;
        })
        .catch((e) => {
          // The database is away (a restart, a network cut): back off, doubling to 10 s, and try again.
          this.failures++;
          if (this.failures === 1) this.opts.log?.(`jobs: cannot reach the queue (${message(e)}); retrying`);
        })
        .finally(() => {
          this.running = undefined;
          const base = this.opts.pollMs ?? 1000;
          this.schedule(this.failures > 0 ? Math.min(10_000, base * 2 ** this.failures) : base);
        });
    }, ms);
  }

  private async runOne(job: ClaimedJob) {
    const handler = this.handlers[job.kind];
    if (!handler) {
      await this.settle(job, () => this.queue.fail(job, `no handler for job kind "${job.kind}"`, { retryable: false }));
      return;
    }
    const attempt = new AbortController();
    const onStop = () => attempt.abort();
    this.abort.signal.addEventListener("abort", onStop);
    // A beat the database did not take is sent again soon (not at the next period): when the database comes back
    // after an outage longer than the job's window, the first writer wins, and a live worker must beat the expiry sweep.
    let again: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const beat = (progress?: string): Promise<void> =>
      this.queue.heartbeat(job, progress).then(
        (held) => {
          if (!held) attempt.abort();
        },
        () => {
          if (!done && !again)
            again = setTimeout(() => {
              again = undefined;
              void beat(progress);
            }, this.opts.beatRetryMs ?? 1000);
        },
      );
    const timer = setInterval(() => void beat(), this.opts.heartbeatMs);
    const ctx: JobContext = { heartbeat: (progress) => void beat(progress), signal: attempt.signal };
    this.job = { id: job.id, kind: job.kind, key: job.key, since: new Date() };
    const quiet = () => {
      done = true;
      clearInterval(timer);
      if (again) clearTimeout(again);
    };
    try {
      await handler(job, ctx);
      quiet();
      const held = await this.settle(job, () => this.queue.complete(job));
      if (held === false) this.opts.log?.(`jobs: ${job.kind} ${job.key} finished after its attempt lost the job; another attempt owns it`);
    } catch (e) {
      quiet();
      const retryable = e instanceof JobError ? e.retryable : true;
      const retryAt = e instanceof JobError ? e.retryAt : undefined;
      const outcome = await this.settle(job, () => this.queue.fail(job, message(e), { retryable, retryAt }));
      this.opts.log?.(
        `jobs: ${job.kind} ${job.key} ${outcome === "retry" ? "will retry" : outcome === "lost" ? "lost its job" : "failed"}: ${message(e)}`,
      );
    } finally {
      quiet();
      this.job = undefined;
      this.abort.signal.removeEventListener("abort", onStop);
    }
  }

  // Records an outcome, retrying while the database does not answer (up to settleForMs); undefined when it never did.
  private async settle<T>(job: ClaimedJob, write: () => Promise<T>): Promise<T | undefined> {
    const deadline = Date.now() + (this.opts.settleForMs ?? 60_000);
    for (let wait = 100; ; wait = Math.min(wait * 2, 1000)) {
      try {
        return await write();
      } catch (e) {
        if (Date.now() + wait > deadline) {
          this.opts.log?.(`jobs: could not record the outcome of ${job.kind} ${job.key} (${message(e)}); it runs again after its lease`);
          return undefined;
        }
        await Bun.sleep(wait);
      }
    }
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
