import { createHash } from "node:crypto";
import type { PgBoss as PgBossType } from "pg-boss";
import { PROCESS_OWNER } from "../owner";
import { retryBackoffMs } from "../store";
import { claimTickRow, createQueueTables, pgBossDepths, pingPostgres } from "./pg-boss-store";
import type { ClaimedJob, JobQueue, NewJob, QueueTransaction } from "./port";

/** How the pg-boss adapter runs: the database, the heartbeat window, and (tests) how often pg-boss's supervisor expires jobs. */
export interface PgBossQueueOptions {
  url: string;
  /** A running job silent for longer than this (no heartbeat) is retried by another worker; pg-boss wants >= 10. */
  heartbeatSeconds: number;
  /** How often the supervisor looks for jobs whose heartbeat lapsed, in seconds (pg-boss's default is 60). */
  superviseIntervalSeconds?: number;
  /** This instance's name for schedule ticks (default: host pid start-ticks). */
  owner?: string;
  /** Connections in pg-boss's pool. */
  poolSize?: number;
  log?: (msg: string) => void;
}

const BOSS_SCHEMA = "pgboss";
// pg-boss retries at once; `fail` sets the time of the next attempt itself (the SQLite queue's backoff, or the
// handler's retryAt), so a job whose worker died (heartbeat lapsed) is taken again at once, as a lapsed lease is.
const RETRY = { retryBackoff: false, retryDelay: 0 } as const;
// Jobs are kept (as the SQLite table keeps them), so a key is never run twice; a job may wait a year for its time.
const KEEP = { deleteAfterSeconds: 0, retentionSeconds: 365 * 24 * 3600 } as const;

/**
 * The job-queue port on pg-boss (PostgreSQL). pg-boss and pg are loaded here by dynamic import only, so a single box
 * never loads them. Idempotency: a job's pg-boss id is derived from its key (a repeated key is an insert conflict).
 * Enqueue in the caller's transaction: pg-boss runs its insert on the `db` it is given (`opts.tx`).
 */
export async function pgBossJobQueue(opts: PgBossQueueOptions): Promise<JobQueue> {
  const { PgBoss } = await import("pg-boss");
  const boss: PgBossType = new PgBoss({
    connectionString: opts.url,
    schema: BOSS_SCHEMA,
    schedule: false,
    // The expiry sweep runs on our timer (below), so it can wait after an outage until live workers have beaten.
    supervise: false,
    // A queue's expiry sweep (lapsed heartbeats included) runs at most once per monitor interval: both follow the option.
    superviseIntervalSeconds: opts.superviseIntervalSeconds ?? 60,
    monitorIntervalSeconds: opts.superviseIntervalSeconds ?? 60,
    max: opts.poolSize ?? 10,
    // Without it a connect to a database that is down waits forever (pg's default), and so would /healthz.
    connectionTimeoutMillis: 5000,
    application_name: "amarktai",
  });
  const sweep = new OutageAwareSweep(opts.heartbeatSeconds * 1000);
  boss.on("error", (e: Error) => {
    sweep.sawFailure();
    opts.log?.(`jobs: pg-boss: ${e.message}`);
  });
  await boss.start();
  const db = boss.getDb();
  await createQueueTables(db);
  const superviseMs = (opts.superviseIntervalSeconds ?? 60) * 1000;
  let sweeping = false;
  const sweepTimer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    void sweep
      .tick(
        () => pingPostgres(db),
        () => boss.supervise(),
      )
      .catch((e) => opts.log?.(`jobs: pg-boss supervise: ${e instanceof Error ? e.message : e}`))
      .finally(() => {
        sweeping = false;
      });
  }, superviseMs);
  // Any call the database did not take tells the sweep it was away.
  const noted = <T>(p: Promise<T>): Promise<T> =>
    p.catch((e) => {
      sweep.sawFailure();
      throw e;
    });
  const owner = opts.owner ?? PROCESS_OWNER;
  const queues = new Set<string>();
  const ensureQueue = async (kind: string) => {
    if (queues.has(kind)) return;
    if (!(await boss.getQueue(kind))) {
      await boss.createQueue(kind, { ...RETRY, ...KEEP, heartbeatSeconds: opts.heartbeatSeconds, expireInSeconds: 24 * 3600 });
    }
    queues.add(kind);
  };
  const attemptOf = (job: ClaimedJob) => ({ id: job.id, retryCount: job.attempt - 1 });

  return {
    adapter: "pg-boss",
    async enqueue(job: NewJob, o) {
      await ensureQueue(job.kind);
      const id = await boss.send(
        job.kind,
        { key: job.key, payload: job.payload },
        { id: jobIdOf(job.key), startAfter: job.runAt, retryLimit: job.maxAttempts - 1, ...(o?.tx ? { db: o.tx } : {}) },
      );
      return id !== null;
    },
    async claim(kinds) {
      for (const kind of kinds) {
        await ensureQueue(kind);
        const [job] = await noted(boss.fetch(kind, { batchSize: 1, includeMetadata: true }));
        if (!job) continue;
        const data = job.data as { key: string; payload: Record<string, unknown> };
        return { id: job.id, kind, key: data.key, payload: data.payload, attempt: job.retryCount + 1, maxAttempts: job.retryLimit + 1 };
      }
      return undefined;
    },
    async heartbeat(job) {
      return affected(await noted(boss.touch(job.kind, attemptOf(job)))) === 1;
    },
    async complete(job) {
      return affected(await noted(boss.complete(job.kind, attemptOf(job)))) === 1;
    },
    async fail(job, error, o) {
      const again = o.retryable && job.attempt < job.maxAttempts;
      // pg-boss retries while attempts remain: in the fail's transaction a permanent failure is cancelled, a retry given its time.
      const tx = await noted(db.beginTransaction!());
      try {
        const r = await boss.fail(job.kind, attemptOf(job), { message: error }, { db: tx.db });
        if (affected(r) !== 1) {
          await tx.rollback();
          return "lost";
        }
        if (!again && job.attempt < job.maxAttempts) await boss.cancel(job.kind, job.id, { db: tx.db });
        const startAfter = o.retryAt ?? new Date(Date.now() + retryBackoffMs(job.attempt));
        if (again) await boss.update(job.kind, undefined, { id: job.id, startAfter, db: tx.db });
        await tx.commit();
        return again ? "retry" : "failed";
      } catch (e) {
        await tx.rollback();
        throw e;
      }
    },
    async claimTick(schedule, tickAt) {
      return claimTickRow(db, schedule, tickAt, owner);
    },
    async ping() {
      await noted(pingPostgres(db));
    },
    async depths(kinds) {
      return pgBossDepths(db, BOSS_SCHEMA, kinds);
    },
    async close() {
      clearInterval(sweepTimer);
      await boss.stop({ graceful: false, close: true });
    },
  };
}

/**
 * When pg-boss's expiry sweep may run. After the database was away (a restart, a network cut), running jobs' heartbeats
 * are older than their window although their workers live: a sweep at once would hand them to other workers, and a
 * job that finished during the outage would run twice. So the sweep waits one heartbeat window after the database
 * answers again; live workers re-beat (1 s) and record their outcomes (retried for a minute) well within it, and only
 * jobs of workers that really died are taken, one window later than usual.
 */
export class OutageAwareSweep {
  private away = false;
  private backAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly quietMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A call to the database failed (or pg-boss reported an error): treat the database as away until a ping answers. */
  sawFailure(): void {
    this.away = true;
  }

  /** One supervise period: ping; sweep only when the database answers and has answered for a whole window since it was away. Returns whether it swept. */
  async tick(ping: () => Promise<void>, supervise: () => Promise<void>): Promise<boolean> {
    try {
      await ping();
    } catch {
      this.away = true;
      return false;
    }
    if (this.away) {
      this.away = false;
      this.backAt = this.now();
    }
    if (this.now() - this.backAt < this.quietMs) return false;
    try {
      await supervise();
      return true;
    } catch (e) {
      this.away = true;
      throw e;
    }
  }
}

// pg-boss answers settle calls with { jobs, requested, affected } (its typings leave CommandResponse empty).
const affected = (r: unknown) => (r as { affected?: number }).affected ?? 0;

/** A job's pg-boss id: a uuid from the SHA-256 of its key, so one key is one row (the insert of a second is a conflict). */
export function jobIdOf(key: string): string {
  const h = createHash("sha256").update(`amarktai-job:${key}`).digest("hex");
  // Version 8 (custom) and the RFC 9562 variant, so the text is a well-formed uuid.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Wraps a pg client that has begun a transaction as the `tx` of `enqueue`. */
export function pgTransaction(client: { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> }): QueueTransaction {
  return { executeSql: (text, values) => client.query(text, values) };
}
