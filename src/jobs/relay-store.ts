import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { jobs } from "../db/schema/jobs";
import type { Job } from "./store";

// The outbox side of the jobs table in distributed mode: rows the app enqueued in its own transactions wait here
// (relayed_at null) until the relay hands them to the shared queue; the queue's workers then write each attempt's
// status and progress back onto the row, so pages read jobs as on a single box.

/** Due, queued jobs of these kinds not yet handed to the shared queue, oldest first (at most `limit`). */
export function dueUnrelayedJobs(db: Db, kinds: string[], now: Date, limit: number): Job[] {
  if (kinds.length === 0) return [];
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.status, "queued"), lte(jobs.runAt, now), isNull(jobs.relayedAt), inArray(jobs.kind, kinds)))
    .orderBy(asc(jobs.runAt), asc(jobs.id))
    .limit(limit)
    .all();
}

/** Marks these jobs as handed to the shared queue (a row already marked keeps its first time). */
export function markJobsRelayed(db: Db, ids: number[], now: Date): void {
  if (ids.length === 0) return;
  db.update(jobs)
    .set({ relayedAt: now })
    .where(and(inArray(jobs.id, ids), isNull(jobs.relayedAt)))
    .run();
}

/** What the row says when a shared-queue worker starts an attempt: run it (the row, now running), or it already ended. */
export type RelayedStart = { run: Job } | { ended: Job["status"] } | undefined;

/**
 * Records on the job's row that attempt `attempt` runs now in process `owner` (status running, the attempt's number,
 * a fresh progress). A row already done, failed or cancelled answers `ended` (its outcome was written before the
 * queue heard of it: nothing to run again); undefined when no row has this key (a job enqueued on the queue directly).
 */
export function startRelayedAttempt(db: Db, key: string, attempt: number, now: Date, leaseUntil: Date, owner: string): RelayedStart {
  const row = db
    .update(jobs)
    .set({
      status: "running",
      attempts: attempt,
      leaseUntil,
      leaseOwner: owner,
      startedAt: now,
      progress: "",
      finishedAt: null,
      relayedAt: sql`coalesce(${jobs.relayedAt}, ${now.getTime()})`,
    })
    .where(and(eq(jobs.key, key), inArray(jobs.status, ["queued", "running"])))
    .returning()
    .get();
  if (row) return { run: row };
  const ended = db.select({ status: jobs.status }).from(jobs).where(eq(jobs.key, key)).get();
  return ended ? { ended: ended.status } : undefined;
}

/**
 * Writes a failed attempt onto its row if that attempt still runs it: queued again at `retryAt`, or failed for good
 * when `retryAt` is undefined. False when a later attempt took the row.
 */
export function failRelayedAttempt(db: Db, id: number, attempt: number, error: string, now: Date, retryAt: Date | undefined): boolean {
  const set = retryAt
    ? { status: "queued" as const, leaseUntil: null, lastError: error, runAt: retryAt }
    : { status: "failed" as const, leaseUntil: null, lastError: error, finishedAt: now };
  const rows = db
    .update(jobs)
    .set(set)
    .where(and(eq(jobs.id, id), eq(jobs.status, "running"), eq(jobs.attempts, attempt)))
    .returning({ id: jobs.id })
    .all();
  return rows.length > 0;
}
