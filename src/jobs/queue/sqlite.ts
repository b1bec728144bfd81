import { pingDatabase, type Db } from "../../db/client";
import type { Clock } from "../../lib/clock";
import { PROCESS_OWNER } from "../owner";
import {
  claimNextJob,
  completeAttempt,
  DEFAULT_LEASE_MS,
  extendLeaseOfAttempt,
  failAttempt,
  insertJobIfNew,
  jobDepths,
  type Job,
} from "../store";
import { claimScheduleTick } from "../tick-store";
import type { ClaimedJob, JobQueue } from "./port";

/** The port over today's SQLite lease queue (src/jobs/store.ts): a lease of `leaseMs`, extended by heartbeats. */
export function sqliteJobQueue(db: Db, clock: Clock, opts: { leaseMs?: number } = {}): JobQueue {
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const rowId = (job: ClaimedJob) => Number(job.id);
  return {
    adapter: "sqlite",
    async enqueue(job) {
      return insertJobIfNew(db, job, clock.now()) !== undefined;
    },
    async claim(kinds) {
      if (kinds.length === 0) return undefined;
      const row = claimNextJob(db, clock.now(), leaseMs, kinds);
      return row ? claimedOf(row) : undefined;
    },
    async heartbeat(job, progress) {
      return extendLeaseOfAttempt(db, rowId(job), job.attempt, new Date(clock.now().getTime() + leaseMs), progress);
    },
    async complete(job) {
      return completeAttempt(db, rowId(job), job.attempt, clock.now());
    },
    async fail(job, error, o) {
      return failAttempt(db, rowId(job), job.attempt, error, clock.now(), o);
    },
    async claimTick(schedule, tickAt) {
      return claimScheduleTick(db, schedule, tickAt, PROCESS_OWNER, clock.now());
    },
    async ping() {
      pingDatabase(db);
    },
    async depths(kinds) {
      return jobDepths(db, kinds);
    },
    async close() {},
  };
}

function claimedOf(row: Job): ClaimedJob {
  return { id: String(row.id), kind: row.kind, key: row.key, payload: row.payload, attempt: row.attempts, maxAttempts: row.maxAttempts };
}
