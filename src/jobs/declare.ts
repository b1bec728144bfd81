import type { Db } from "../db/client";
import { enqueueJob, type Job } from "./store";
import { JobError, type JobContext, type JobHandler } from "./worker";

/** How a declared job is queued: when it runs, and a variant suffix when one payload may run more than once. */
export type EnqueueOptions<P, K> = {
  now: Date;
  /** Due time; now by default. */
  runAt?: Date;
  /** Appended to the key (`<key>:<variant>`): a fresh job for a payload whose plain key already ran (a retry, a regenerate). */
  variant?: string;
} & ([K] extends [P] ? { key?: K } : { key: K });

/** A job's handler bound to its declaration: the kind it runs and the untyped runner the worker calls. */
export interface RegisteredJob {
  kind: string;
  run: JobHandler;
}

/** One declared job kind: its stored kind, key scheme and attempt budget; enqueue and handle go through it. */
export interface JobDeclaration<P, K = P> {
  readonly kind: string;
  readonly attempts: number;
  /** The idempotency key of the job for `k` (without a variant). */
  key(k: K): string;
  /**
   * Adds the job unless one with its key exists; returns the job either way. The row is written in the caller's open
   * transaction; in distributed mode it is the outbox that src/jobs/queue/relay.ts hands to the shared queue.
   */
  enqueue(db: Db, payload: P, opts: EnqueueOptions<P, K>): Job;
  /** Binds a typed handler: the stored payload is checked first, and a malformed one fails the job for good. */
  handle(fn: (payload: P, job: Job, jc: JobContext) => Promise<void>): RegisteredJob;
}

/** What declareJob needs: the stored kind, the key scheme, the attempt budget, and how to read a stored payload back. */
export interface JobSpec<P, K> {
  kind: string;
  key: (k: K) => string;
  attempts: number;
  /** The typed payload from the stored JSON, or undefined when it does not have the expected shape. */
  parse: (raw: Record<string, unknown>) => P | undefined;
}

/** Declares a job kind once, with a typed payload and key (as linkding's task decorator over its SQLite queue). */
export function declareJob<P extends Record<string, unknown>, K = P>(spec: JobSpec<P, K>): JobDeclaration<P, K> {
  const keyOf = (k: K) => spec.key(k);
  return {
    kind: spec.kind,
    attempts: spec.attempts,
    key: keyOf,
    enqueue(db, payload, opts) {
      const base = keyOf(opts.key !== undefined ? opts.key : (payload as unknown as K));
      const key = opts.variant ? `${base}:${opts.variant}` : base;
      return enqueueJob(db, { kind: spec.kind, key, payload, runAt: opts.runAt ?? opts.now, maxAttempts: spec.attempts }, opts.now);
    },
    handle(fn) {
      return {
        kind: spec.kind,
        run: async (job, jc) => {
          const payload = spec.parse(job.payload);
          if (payload === undefined)
            throw new JobError(`${spec.kind} job #${job.id} has a malformed payload: ${JSON.stringify(job.payload)}`, false);
          await fn(payload, job, jc);
        },
      };
    },
  };
}

/** Reads `{ itemId }` (a positive integer) from a stored payload: the payload of most item jobs. */
export function itemIdPayload(raw: Record<string, unknown>): { itemId: number } | undefined {
  const itemId = raw.itemId;
  return typeof itemId === "number" && Number.isInteger(itemId) && itemId > 0 ? { itemId } : undefined;
}

/** The worker's handler table from registered jobs; a kind registered twice is a programming error. */
export function handlersOf(registered: RegisteredJob[]): Record<string, JobHandler> {
  const out: Record<string, JobHandler> = {};
  for (const r of registered) {
    if (out[r.kind]) throw new Error(`jobs: kind "${r.kind}" is registered twice`);
    out[r.kind] = r.run;
  }
  return out;
}
