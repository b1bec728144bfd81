import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { jobs } from "../db/schema/jobs";

/** A job row as handlers see it. */
export type Job = typeof jobs.$inferSelect;

/** Adds a job unless one with the same idempotency key exists; returns the job either way. */
export function enqueueJob(
  db: Db,
  job: { kind: string; key: string; payload?: Record<string, unknown>; runAt: Date; maxAttempts?: number },
  now: Date,
): Job {
  db.insert(jobs)
    .values({ kind: job.kind, key: job.key, payload: job.payload ?? {}, runAt: job.runAt, maxAttempts: job.maxAttempts ?? 5, createdAt: now })
    .onConflictDoNothing({ target: jobs.key })
    .run();
  return db.select().from(jobs).where(eq(jobs.key, job.key)).get()!;
}

/**
 * Claims the next due job (queued and due, or running with an expired lease after a crash)
 * by setting a lease in one guarded UPDATE, so two workers never both win.
 */
export function claimNextJob(db: Db, now: Date, leaseMs: number, kinds?: string[]): Job | undefined {
  const t = now.getTime();
  const kindFilter = kinds && kinds.length > 0 ? sql` AND kind IN (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})` : sql``;
  // drizzle's bun-sqlite get() of raw SQL answers the row as an array of values: [id].
  const row = db.get<[number] | undefined>(sql`
    UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_until = ${t + leaseMs}
    WHERE id = (
      SELECT id FROM jobs
      WHERE ((status = 'queued' AND run_at <= ${t}) OR (status = 'running' AND lease_until < ${t}))${kindFilter}
      ORDER BY run_at, id LIMIT 1
    )
    RETURNING id`);
  return row ? db.select().from(jobs).where(eq(jobs.id, row[0])).get() : undefined;
}

/** Extends a running job's lease (long renders and uploads call this as they go). */
export function extendLease(db: Db, id: number, until: Date, progress?: string): void {
  db.update(jobs)
    .set({ leaseUntil: until, ...(progress !== undefined ? { progress } : {}) })
    .where(and(eq(jobs.id, id), eq(jobs.status, "running")))
    .run();
}

/** Marks a job done. */
export function completeJob(db: Db, id: number, now: Date): void {
  db.update(jobs).set({ status: "done", leaseUntil: null, finishedAt: now, lastError: null }).where(eq(jobs.id, id)).run();
}

/** Records a failure: requeues with backoff while attempts remain (and the error is retryable), else fails it. */
export function failJob(db: Db, job: Job, error: string, now: Date, opts: { retryable: boolean; retryAt?: Date }): "retry" | "failed" {
  if (opts.retryable && job.attempts < job.maxAttempts) {
    const backoff = Math.min(60 * 60_000, 2 ** job.attempts * 15_000) * (0.75 + Math.random() * 0.5);
    const runAt = opts.retryAt ?? new Date(now.getTime() + backoff);
    db.update(jobs).set({ status: "queued", leaseUntil: null, lastError: error, runAt }).where(eq(jobs.id, job.id)).run();
    return "retry";
  }
  db.update(jobs).set({ status: "failed", leaseUntil: null, lastError: error, finishedAt: now }).where(eq(jobs.id, job.id)).run();
  return "failed";
}

/** Finds a job by its idempotency key. */
export function findJobByKey(db: Db, key: string): Job | undefined {
  return db.select().from(jobs).where(eq(jobs.key, key)).get();
}
