import type { Db } from "../db/client";
import type { Clock } from "../lib/clock";
import { isDeadOwnerOnThisHost } from "./owner";
import {
  claimJobByKey,
  claimNextJob,
  completeJob,
  DEFAULT_LEASE_MS,
  expireLeasesOf,
  extendLease,
  failJob,
  findJobByKey,
  runningJobOwners,
  type Job,
} from "./store";

/** What a handler may throw to say "do not retry" (a permanent failure) or "retry at". */
export class JobError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAt?: Date,
  ) {
    super(message);
  }
}

/** Tools a handler gets: extend its lease and report progress, and see whether it should stop. */
export interface JobContext {
  heartbeat(progress?: string): void;
  signal: AbortSignal;
  /**
   * Marks the job done now. Call it inside the transaction that records the handler's outcome, so the two
   * commit together (one fsync, and never one without the other); the runner then does not mark it again.
   * Runners provide it only when they write the job through the same database handle as the handler.
   */
  complete?(): void;
}

/** A handler runs one job; it must be idempotent (a crash makes the job run again). */
export type JobHandler = (job: Job, ctx: JobContext) => Promise<void>;

/** Polls the jobs table and runs due jobs one at a time with the registered handlers. */
export class JobWorker {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  // The job a handler is running now, so a slow stop names what it waits for.
  private current: Job | undefined;
  private stopped = true;
  // Set by stop(): no job is claimed after it, so only the one running finishes (drain() works while not started).
  private stopping = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly handlers: Record<string, JobHandler>,
    private readonly opts: { leaseMs?: number; pollMs?: number; log?: (msg: string) => void } = {},
  ) {}

  /** Starts polling, first taking back the jobs of this host's processes that died holding them (kill -9, power cut). */
  start(): void {
    this.stopped = false;
    this.stopping = false;
    const n = reclaimJobsOfDeadProcesses(this.db);
    if (n > 0) this.opts.log?.(`jobs: took back ${n} job(s) whose process on this host died while running them`);
    this.schedule(0);
  }

  /** Stops polling and waits for the running job to finish (or its lease to lapse if it hangs). */
  async stop(graceMs = 8000): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.running) {
      const job = this.current;
      if (job) this.opts.log?.(`jobs: stopping: waiting up to ${graceMs / 1000} s for ${job.kind} #${job.id} to finish`);
      const timeout = new Promise<void>((r) => setTimeout(r, graceMs));
      await Promise.race([this.running, timeout]);
      this.abort.abort();
    }
  }

  /** Runs every due job now, one after another; returns how many ran. Used by `publish:due` and tests. */
  async drain(kinds?: string[]): Promise<number> {
    let n = 0;
    for (;;) {
      if (this.stopping) return n;
      const job = claimNextJob(this.db, this.clock.now(), this.leaseMs, kinds ?? Object.keys(this.handlers));
      if (!job) return n;
      await this.runOne(job);
      n++;
    }
  }

  /**
   * Claims the job with this key (queued, failed, or running with a lapsed lease) and runs it now; returns
   * the job as it ended, or undefined when another worker holds a live lease or it is done. Used by `run`.
   */
  async runByKey(key: string): Promise<Job | undefined> {
    const job = claimJobByKey(this.db, key, this.clock.now(), this.leaseMs);
    if (!job) return undefined;
    await this.runOne(job);
    return findJobByKey(this.db, key);
  }

  private get leaseMs() {
    return this.opts.leaseMs ?? DEFAULT_LEASE_MS;
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .then(() => undefined)
        .catch((e) => this.opts.log?.(`jobs: worker loop error: ${e instanceof Error ? e.message : e}`))
        .finally(() => {
          this.running = undefined;
          this.schedule(this.opts.pollMs ?? 1000);
        });
    }, ms);
  }

  private async runOne(job: Job) {
    const handler = this.handlers[job.kind];
    const now = () => this.clock.now();
    if (!handler) {
      failJob(this.db, job, `no handler for job kind "${job.kind}"`, now(), { retryable: false });
      return;
    }
    let completed = false;
    const ctx: JobContext = {
      heartbeat: (progress) => extendLease(this.db, job.id, new Date(now().getTime() + this.leaseMs), progress),
      signal: this.abort.signal,
      complete: () => {
        completeJob(this.db, job.id, now());
        completed = true;
      },
    };
    this.current = job;
    try {
      await handler(job, ctx);
      if (!completed) completeJob(this.db, job.id, now());
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const retryable = e instanceof JobError ? e.retryable : true;
      const outcome = failJob(this.db, job, msg, now(), { retryable, retryAt: e instanceof JobError ? e.retryAt : undefined });
      this.opts.log?.(`jobs: ${job.kind} #${job.id} ${outcome === "retry" ? "will retry" : "failed"}: ${msg}`);
    } finally {
      this.current = undefined;
    }
  }
}

/**
 * Ends at once the leases held by processes of this host that no longer run (a kill -9 or a crash), so their jobs
 * run again now instead of after the lease; a live process (the server while a CLI runs) keeps its jobs. Returns how many.
 */
export function reclaimJobsOfDeadProcesses(db: Db): number {
  let n = 0;
  for (const owner of runningJobOwners(db)) if (isDeadOwnerOnThisHost(owner)) n += expireLeasesOf(db, owner);
  return n;
}
