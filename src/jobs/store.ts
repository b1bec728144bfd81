import { and, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { inTransaction, type Db } from "../db/client";
import { oncePerDb } from "../db/prepared";
import { jobs } from "../db/schema/jobs";
import { PROCESS_OWNER } from "./owner";

/** How long a claimed job is a worker's before another may take it over (heartbeats extend it). */
export const DEFAULT_LEASE_MS = 5 * 60_000;

/** A job row as handlers see it. */
export type Job = typeof jobs.$inferSelect;

/** Adds a job unless one with the same idempotency key exists; returns the job either way. */
export function enqueueJob(
  db: Db,
  job: { kind: string; key: string; payload?: Record<string, unknown>; runAt: Date; maxAttempts?: number },
  now: Date,
): Job {
  const row = insertJob(db).get({
    kind: job.kind,
    key: job.key,
    payload: job.payload ?? {},
    runAt: job.runAt,
    maxAttempts: job.maxAttempts ?? 5,
    createdAt: now,
  });
  return row ?? findJobByKey(db, job.key)!;
}

/** Adds a job unless one with the same idempotency key exists; returns the new job, or undefined when the key was taken. */
export function insertJobIfNew(
  db: Db,
  job: { kind: string; key: string; payload?: Record<string, unknown>; runAt: Date; maxAttempts?: number },
  now: Date,
): Job | undefined {
  return insertJob(db).get({
    kind: job.kind,
    key: job.key,
    payload: job.payload ?? {},
    runAt: job.runAt,
    maxAttempts: job.maxAttempts ?? 5,
    createdAt: now,
  });
}

// The publishing queue enqueues, claims and completes a job per post: these statements are prepared once per database.
const insertJob = oncePerDb((db) =>
  db
    .insert(jobs)
    .values({
      kind: sql.placeholder("kind"),
      key: sql.placeholder("key"),
      payload: sql.placeholder("payload"),
      runAt: sql.placeholder("runAt"),
      maxAttempts: sql.placeholder("maxAttempts"),
      createdAt: sql.placeholder("createdAt"),
    })
    .onConflictDoNothing({ target: jobs.key })
    .returning()
    .prepare(),
);
const jobByKey = oncePerDb((db) =>
  db
    .select()
    .from(jobs)
    .where(eq(jobs.key, sql.placeholder("key")))
    .prepare(),
);

/**
 * Claims the next due job (queued and due, or running with an expired lease after a crash)
 * by setting a lease in one guarded UPDATE, so two workers never both win.
 */
export function claimNextJob(db: Db, now: Date, leaseMs: number, kinds?: string[]): Job | undefined {
  // Placeholders inside sql`` are bound as given (no column encoding): times in milliseconds.
  return claimOf(db, kinds ?? []).get({ now: now.getTime(), leaseUntil: now.getTime() + leaseMs, owner: PROCESS_OWNER });
}

// One prepared claim per set of kinds (a worker asks for the same kinds every time); RETURNING gives the
// claimed row itself, so no second read.
const claims = oncePerDb(() => new Map<string, ReturnType<typeof prepareClaim>>());
const claimOf = (db: Db, kinds: string[]) => {
  const byKinds = claims(db);
  const key = kinds.join("\u0000");
  let claim = byKinds.get(key);
  if (!claim) byKinds.set(key, (claim = prepareClaim(db, kinds)));
  return claim;
};
function prepareClaim(db: Db, kinds: string[]) {
  const now = sql.placeholder("now");
  const kindFilter =
    kinds.length > 0
      ? sql` AND kind IN (${sql.join(
          kinds.map((k) => sql`${k}`),
          sql`, `,
        )})`
      : sql``;
  const next = sql`(
      SELECT id FROM jobs
      WHERE ((status = 'queued' AND run_at <= ${now}) OR (status = 'running' AND lease_until < ${now}))${kindFilter}
      ORDER BY run_at, id LIMIT 1
    )`;
  return db
    .update(jobs)
    .set({
      status: "running",
      attempts: sql`${jobs.attempts} + 1`,
      leaseUntil: sql`${sql.placeholder("leaseUntil")}`,
      leaseOwner: sql`${sql.placeholder("owner")}`,
      startedAt: sql`${now}`,
      progress: "",
    })
    .where(eq(jobs.id, next))
    .returning()
    .prepare();
}

/**
 * Claims one job by its key for a person who asked for it now (the CLI): a queued job, a running one
 * whose lease lapsed, or a failed one (asking again is an explicit retry). Undefined when another
 * worker holds a live lease or the job is done.
 */
export function claimJobByKey(db: Db, key: string, now: Date, leaseMs: number): Job | undefined {
  const t = now.getTime();
  // drizzle's bun-sqlite get() of raw SQL answers the row as an array of values: [id].
  const row = db.get<[number] | undefined>(sql`
    UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_until = ${t + leaseMs}, lease_owner = ${PROCESS_OWNER},
      started_at = ${t}, progress = '', finished_at = NULL
    WHERE key = ${key} AND (status IN ('queued', 'failed') OR (status = 'running' AND lease_until < ${t}))
    RETURNING id`);
  return row ? db.select().from(jobs).where(eq(jobs.id, row[0])).get() : undefined;
}

/** The owners (processes, see owner.ts) of the jobs running now. */
export function runningJobOwners(db: Db): string[] {
  return db
    .selectDistinct({ owner: jobs.leaseOwner })
    .from(jobs)
    .where(and(eq(jobs.status, "running"), isNotNull(jobs.leaseOwner)))
    .all()
    .map((r) => r.owner!);
}

/** The jobs one owner (a process, see owner.ts) is running now, oldest start first: for the admin workers page. */
export function runningJobsOf(db: Db, owner: string): Job[] {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.status, "running"), eq(jobs.leaseOwner, owner)))
    .orderBy(jobs.startedAt)
    .all();
}

/** Ends the leases of one owner's running jobs now, so the next claim takes them; returns how many. */
export function expireLeasesOf(db: Db, owner: string): number {
  return db
    .update(jobs)
    .set({ leaseUntil: new Date(0) })
    .where(and(eq(jobs.status, "running"), eq(jobs.leaseOwner, owner)))
    .returning({ id: jobs.id })
    .all().length;
}

/** Extends a running job's lease (long renders and uploads call this as they go). */
export function extendLease(db: Db, id: number, until: Date, progress?: string): void {
  // Placeholders in set and where are bound as given (no column encoding): times in milliseconds.
  if (progress === undefined) extendOnly(db).run({ id, until: until.getTime() });
  else extendWithProgress(db).run({ id, until: until.getTime(), progress });
}

const extendLeaseOf = (withProgress: boolean) =>
  oncePerDb((db) =>
    db
      .update(jobs)
      .set({ leaseUntil: sql`${sql.placeholder("until")}`, ...(withProgress ? { progress: sql`${sql.placeholder("progress")}` } : {}) })
      .where(and(eq(jobs.id, sql.placeholder("id")), eq(jobs.status, "running")))
      .prepare(),
  );
const extendOnly = extendLeaseOf(false);
const extendWithProgress = extendLeaseOf(true);

/** Marks a job done. */
export function completeJob(db: Db, id: number, now: Date): void {
  completeById(db).run({ id, now: now.getTime() });
}

const completeById = oncePerDb((db) =>
  db
    .update(jobs)
    .set({ status: "done", leaseUntil: null, finishedAt: sql`${sql.placeholder("now")}`, lastError: null })
    .where(eq(jobs.id, sql.placeholder("id")))
    .prepare(),
);

/** How long a job waits after its `attempts`-th failed attempt: 30 s doubling to an hour, give or take a quarter. */
export function retryBackoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 2 ** attempts * 15_000) * (0.75 + Math.random() * 0.5);
}

/** Records a failure: requeues with backoff while attempts remain (and the error is retryable), else fails it. */
export function failJob(db: Db, job: Job, error: string, now: Date, opts: { retryable: boolean; retryAt?: Date }): "retry" | "failed" {
  if (opts.retryable && job.attempts < job.maxAttempts) {
    const runAt = opts.retryAt ?? new Date(now.getTime() + retryBackoffMs(job.attempts));
    db.update(jobs).set({ status: "queued", leaseUntil: null, lastError: error, runAt }).where(eq(jobs.id, job.id)).run();
    return "retry";
  }
  db.update(jobs).set({ status: "failed", leaseUntil: null, lastError: error, finishedAt: now }).where(eq(jobs.id, job.id)).run();
  return "failed";
}

/** Finds a job by its idempotency key. */
export function findJobByKey(db: Db, key: string): Job | undefined {
  return jobByKey(db).get({ key });
}

/** The newest job of this kind for each of these items (payload {itemId}; a regenerate makes more than one), by item id. */
export function latestJobsByItem(db: Db, kind: string, itemIds: number[]): Map<number, Job> {
  const found = new Map<number, Job>();
  if (itemIds.length === 0) return found;
  const itemOf = sql<number>`json_extract(${jobs.payload}, '$.itemId')`;
  const rows = db
    .select({ job: jobs, itemId: itemOf })
    .from(jobs)
    .where(and(eq(jobs.kind, kind), inArray(itemOf, itemIds)))
    .orderBy(desc(jobs.id))
    .all();
  for (const r of rows) if (!found.has(r.itemId)) found.set(r.itemId, r.job);
  return found;
}

/** The unfinished (queued or running) jobs of this kind for one item (payload {itemId}), oldest first. */
export function openJobsOfItem(db: Db, kind: string, itemId: number): Job[] {
  return db
    .select()
    .from(jobs)
    .where(
      and(eq(jobs.kind, kind), eq(sql`json_extract(${jobs.payload}, '$.itemId')`, itemId), inArray(jobs.status, ["queued", "running"])),
    )
    .orderBy(jobs.id)
    .all();
}

/**
 * Moves these jobs, where still queued, to run at `runAt` (a claim in between keeps its own time); returns how many moved.
 * A job already handed to the shared queue (distributed mode) is the queue's: its row is not moved.
 */
export function moveQueuedJobs(db: Db, ids: number[], runAt: Date): number {
  if (ids.length === 0) return 0;
  return db
    .update(jobs)
    .set({ runAt })
    .where(and(inArray(jobs.id, ids), eq(jobs.status, "queued"), isNull(jobs.relayedAt)))
    .returning({ id: jobs.id })
    .all().length;
}

/** A job by id, or undefined. */
export function findJobById(db: Db, id: number): Job | undefined {
  return db.select().from(jobs).where(eq(jobs.id, id)).get();
}

/** Extends the lease of one attempt (the job is still running in attempt `attempt`); false when that attempt lost the job. */
export function extendLeaseOfAttempt(db: Db, id: number, attempt: number, until: Date, progress?: string): boolean {
  const set = progress === undefined ? { leaseUntil: until } : { leaseUntil: until, progress };
  const rows = db
    .update(jobs)
    .set(set)
    .where(and(eq(jobs.id, id), eq(jobs.status, "running"), eq(jobs.attempts, attempt)))
    .returning({ id: jobs.id })
    .all();
  return rows.length > 0;
}

/** Marks a job done if attempt `attempt` still runs it; false when that attempt lost the job (another worker took it). */
export function completeAttempt(db: Db, id: number, attempt: number, now: Date): boolean {
  const rows = db
    .update(jobs)
    .set({ status: "done", leaseUntil: null, finishedAt: now, lastError: null })
    .where(and(eq(jobs.id, id), eq(jobs.status, "running"), eq(jobs.attempts, attempt)))
    .returning({ id: jobs.id })
    .all();
  return rows.length > 0;
}

/** Records a failure of attempt `attempt` as failJob does, if that attempt still runs the job; "lost" otherwise. */
export function failAttempt(
  db: Db,
  id: number,
  attempt: number,
  error: string,
  now: Date,
  opts: { retryable: boolean; retryAt?: Date },
): "retry" | "failed" | "lost" {
  return inTransaction(db, () => {
    const job = findJobById(db, id);
    if (!job || job.status !== "running" || job.attempts !== attempt) return "lost";
    return failJob(db, job, error, now, opts);
  });
}

/** Per kind: jobs waiting, running and failed, and the creation time of the oldest waiting one. */
export function jobDepths(
  db: Db,
  kinds: string[],
): { kind: string; queued: number; running: number; failed: number; oldestQueued: Date | null }[] {
  if (kinds.length === 0) return [];
  const rows = db
    .select({
      kind: jobs.kind,
      queued: sql<number>`sum(${jobs.status} = 'queued')`,
      running: sql<number>`sum(${jobs.status} = 'running')`,
      failed: sql<number>`sum(${jobs.status} = 'failed')`,
      oldest: sql<number | null>`min(CASE WHEN ${jobs.status} = 'queued' THEN ${jobs.createdAt} END)`,
    })
    .from(jobs)
    .where(inArray(jobs.kind, kinds))
    .groupBy(jobs.kind)
    .all();
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return kinds.map((kind) => {
    const r = byKind.get(kind);
    return {
      kind,
      queued: r?.queued ?? 0,
      running: r?.running ?? 0,
      failed: r?.failed ?? 0,
      oldestQueued: r?.oldest != null ? new Date(r.oldest) : null,
    };
  });
}
