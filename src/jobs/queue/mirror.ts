import type { Db } from "../../db/client";
import type { Clock } from "../../lib/clock";
import type { RegisteredJob } from "../declare";
import { PROCESS_OWNER } from "../owner";
import { failRelayedAttempt, startRelayedAttempt } from "../relay-store";
import { completeAttempt, extendLeaseOfAttempt, retryBackoffMs, type Job } from "../store";
import { JobError, type JobContext } from "../worker";
import type { ClaimedJob } from "./port";
import type { QueueHandler } from "./worker";

/**
 * The registered handlers as shared-queue handlers that mirror each attempt onto the app's job row (found by key):
 * running with its attempt number and lease, progress from heartbeats, then done, queued again at the retry time or
 * failed. Pages read status, progress and "running" badges from that row, as on a single box. Handlers get the real
 * row (an export is named by its row id). A row that already ended is not run again; a job enqueued on the queue
 * directly (no row) runs with a row made from the claim.
 */
export function mirroredHandlersOf(db: Db, clock: Clock, list: RegisteredJob[], opts: { windowMs: number }): Record<string, QueueHandler> {
  const out: Record<string, QueueHandler> = {};
  for (const r of list) out[r.kind] = (job, jc) => runMirrored(db, clock, r, job, jc, opts.windowMs);
  return out;
}

async function runMirrored(db: Db, clock: Clock, r: RegisteredJob, job: ClaimedJob, jc: JobContext, windowMs: number): Promise<void> {
  const leaseEnd = () => new Date(clock.now().getTime() + windowMs);
  const start = startRelayedAttempt(db, job.key, job.attempt, clock.now(), leaseEnd(), PROCESS_OWNER);
  if (!start) return r.run(rowOf(job, clock.now()), jc);
  if ("ended" in start) {
    // Its outcome reached the row before the queue's (the queue's write was lost): the row's word stands.
    if (start.ended === "done") return;
    throw new JobError(`job ${job.key} already ended ${start.ended} on its row; not run again`, false);
  }
  const row = start.run;
  // The row's lease follows the queue's heartbeat window, so "running" stays true on pages only while a worker lives.
  // A beat the database refused (busy) is dropped: the next one writes again, and the queue's own heartbeat is separate.
  const beat = (progress?: string) => {
    try {
      extendLeaseOfAttempt(db, row.id, job.attempt, leaseEnd(), progress);
    } catch {}
  };
  const keep = setInterval(() => beat(), windowMs / 2);
  let completed = false;
  const ctx: JobContext = {
    signal: jc.signal,
    heartbeat: (progress) => {
      jc.heartbeat(progress);
      beat(progress);
    },
    complete: () => {
      completeAttempt(db, row.id, job.attempt, clock.now());
      completed = true;
    },
  };
  try {
    await r.run(row, ctx);
    if (!completed) completeAttempt(db, row.id, job.attempt, clock.now());
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const retryable = e instanceof JobError ? e.retryable : true;
    // One retry time for both records: the row shows when the queue will run it again.
    const retryAt =
      retryable && job.attempt < job.maxAttempts
        ? ((e instanceof JobError ? e.retryAt : undefined) ?? new Date(clock.now().getTime() + retryBackoffMs(job.attempt)))
        : undefined;
    failRelayedAttempt(db, row.id, job.attempt, message, clock.now(), retryAt);
    throw new JobError(message, retryable, retryAt);
  } finally {
    clearInterval(keep);
  }
}

/** A job row made from a claim, for a job that has no row of its own (enqueued on the shared queue directly). */
export function rowOf(job: ClaimedJob, now: Date): Job {
  const numeric = /^\d+$/.test(job.id) ? Number(job.id) : Number.parseInt(job.id.replace(/-/g, "").slice(0, 13), 16);
  return {
    id: numeric,
    kind: job.kind,
    key: job.key,
    payload: job.payload,
    status: "running",
    runAt: now,
    attempts: job.attempt,
    maxAttempts: job.maxAttempts,
    leaseUntil: null,
    leaseOwner: PROCESS_OWNER,
    lastError: null,
    progress: "",
    startedAt: now,
    createdAt: now,
    finishedAt: null,
    relayedAt: null,
  };
}
