/** A job to add: its kind (the queue), idempotency key, payload, due time and attempt budget. */
export interface NewJob {
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  runAt: Date;
  maxAttempts: number;
}

/** One claimed attempt of a job: what a worker needs to run it and to settle this very attempt (not a later one). */
export interface ClaimedJob {
  /** The adapter's id of the job (the SQLite row id as text; pg-boss's uuid). */
  id: string;
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  /** 1 on the first attempt. */
  attempt: number;
  maxAttempts: number;
}

/**
 * The caller's open transaction, for `enqueue(job, { tx })`: anything that runs SQL with `$1` parameters on the
 * connection holding it (pg-boss's `db` option has this shape; a pg PoolClient after BEGIN is wrapped by `pgTransaction`).
 */
export interface QueueTransaction {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** What ended an attempt that failed: retried later (with backoff, or at `retryAt`), failed for good, or no longer this attempt's to settle. */
export type FailOutcome = "retry" | "failed" | "lost";

/** One queue's numbers for the admin page. */
export interface QueueDepth {
  kind: string;
  /** Jobs waiting (due or not yet due). */
  queued: number;
  running: number;
  failed: number;
  /** The creation time of the oldest waiting job, or null. */
  oldestQueued: Date | null;
}

/**
 * The job-queue port: the SQLite lease queue on one box, pg-boss on PostgreSQL in distributed mode
 * (src/jobs/queue/sqlite.ts, pg-boss.ts); tests/jobs/queue-contract.ts holds both to the same behaviour.
 */
export interface JobQueue {
  readonly adapter: "sqlite" | "pg-boss";
  /**
   * Adds the job unless one with its key exists; true when added. With `tx` the insert runs in the caller's
   * transaction (pg-boss: its `db` option; SQLite: the insert runs at the call on the shared handle, so inside the
   * caller's open transaction; `tx` is not used there).
   */
  enqueue(job: NewJob, opts?: { tx?: QueueTransaction }): Promise<boolean>;
  /** Claims the next due job of one of these kinds for this worker, or undefined when none is due. */
  claim(kinds: string[]): Promise<ClaimedJob | undefined>;
  /** Says the attempt is alive (extends its lease); false when the attempt no longer holds the job (it lapsed and was taken). */
  heartbeat(job: ClaimedJob, progress?: string): Promise<boolean>;
  /** Marks the attempt done; false when it no longer held the job (its result must then be thrown away). */
  complete(job: ClaimedJob): Promise<boolean>;
  /** Records a failed attempt: retried with backoff while attempts remain and the error is retryable, else failed. */
  fail(job: ClaimedJob, error: string, opts: { retryable: boolean; retryAt?: Date }): Promise<FailOutcome>;
  /** Claims one tick of a schedule for this process; exactly one caller across every instance gets true for a (name, tick). */
  claimTick(schedule: string, tickAt: Date): Promise<boolean>;
  /** Throws when the queue's database does not answer. */
  ping(): Promise<void>;
  /** Depth, running, failed and the oldest waiting job of these kinds. */
  depths(kinds: string[]): Promise<QueueDepth[]>;
  /** Releases connections (the SQLite handle is the app's and stays open). */
  close(): Promise<void>;
}
