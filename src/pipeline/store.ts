import { and, desc, eq, gte, isNotNull, lt, ne, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema/accounts";
import { batches, contentItems } from "../db/schema/content";
import { pipelineRuns, pipelineSteps } from "../db/schema/pipeline";
import type { PipelineStep } from "../model/pipeline-steps";
import { webapps } from "../db/schema/webapps";

/** A run row. */
export type RunRow = typeof pipelineRuns.$inferSelect;
/** A step row. */
export type StepRow = typeof pipelineSteps.$inferSelect;
/** A web app row with its owner's time zone. */
export type RunTarget = typeof webapps.$inferSelect & { timezone: string };
/** A content item row. */
export type ItemRow = typeof contentItems.$inferSelect;
/** A new content item as the creative step stores it. */
export type NewItem = Omit<typeof contentItems.$inferInsert, "batchId" | "createdAt" | "updatedAt" | "status">;

/** The web app (with its owner's time zone); scoped to the owner when userId is given. */
export function findRunTarget(db: Db, webappId: number, userId?: number): RunTarget | undefined {
  const row = db
    .select({ app: webapps, timezone: users.timezone })
    .from(webapps)
    .innerJoin(users, eq(users.id, webapps.userId))
    .where(userId === undefined ? eq(webapps.id, webappId) : and(eq(webapps.id, webappId), eq(webapps.userId, userId)))
    .get();
  return row ? { ...row.app, timezone: row.timezone } : undefined;
}

/** The latest run (highest attempt) for a web app and local date. */
export function latestRun(db: Db, webappId: number, localDate: string): RunRow | undefined {
  return db
    .select()
    .from(pipelineRuns)
    .where(and(eq(pipelineRuns.webappId, webappId), eq(pipelineRuns.localDate, localDate)))
    .orderBy(desc(pipelineRuns.attempt))
    .limit(1)
    .get();
}

/** Creates the batch and run for (app, date, attempt) unless they exist; returns the run and whether this call made it. */
export function createRun(
  db: Db,
  r: { userId: number; webappId: number; localDate: string; attempt: number; jobKey: string; trigger: RunRow["trigger"] },
  now: Date,
): { run: RunRow; created: boolean } {
  return db.transaction(
    (tx) => {
      tx.insert(batches)
        .values({ userId: r.userId, webappId: r.webappId, localDate: r.localDate, attempt: r.attempt, createdAt: now })
        .onConflictDoNothing()
        .run();
      const batch = tx
        .select()
        .from(batches)
        .where(and(eq(batches.webappId, r.webappId), eq(batches.localDate, r.localDate), eq(batches.attempt, r.attempt)))
        .get()!;
      const inserted = tx
        .insert(pipelineRuns)
        .values({ ...r, batchId: batch.id, createdAt: now })
        .onConflictDoNothing()
        .returning({ id: pipelineRuns.id })
        .all();
      const run = tx.select().from(pipelineRuns).where(eq(pipelineRuns.batchId, batch.id)).get()!;
      return { run, created: inserted.length > 0 };
    },
    { behavior: "immediate" },
  );
}

/** A run by id; scoped to the owner when userId is given. */
export function findRun(db: Db, id: number, userId?: number): RunRow | undefined {
  return db
    .select()
    .from(pipelineRuns)
    .where(userId === undefined ? eq(pipelineRuns.id, id) : and(eq(pipelineRuns.id, id), eq(pipelineRuns.userId, userId)))
    .get();
}

/** A web app's runs, newest first. */
export function listRuns(db: Db, webappId: number, limit = 30): RunRow[] {
  return db.select().from(pipelineRuns).where(eq(pipelineRuns.webappId, webappId)).orderBy(desc(pipelineRuns.id)).limit(limit).all();
}

/** True when the user has any run for the local date (any app); the nightly schedule checks this. */
export function hasRunForDate(db: Db, webappId: number, localDate: string): boolean {
  return (
    db
      .select({ id: pipelineRuns.id })
      .from(pipelineRuns)
      .where(and(eq(pipelineRuns.webappId, webappId), eq(pipelineRuns.localDate, localDate)))
      .limit(1)
      .get() !== undefined
  );
}

/** Sets a run's status (and error, start and finish times). */
export function setRunStatus(db: Db, id: number, status: RunRow["status"], now: Date, error: string | null = null): void {
  const times =
    status === "running" ? { startedAt: now, finishedAt: null } : status === "ready" || status === "failed" ? { finishedAt: now } : {};
  db.update(pipelineRuns)
    .set({ status, error, ...times })
    .where(eq(pipelineRuns.id, id))
    .run();
  const run = db.select({ batchId: pipelineRuns.batchId }).from(pipelineRuns).where(eq(pipelineRuns.id, id)).get();
  if (!run) return;
  const batchStatus = status === "ready" ? "ready" : status === "failed" ? "failed" : "running";
  db.update(batches)
    .set({ status: batchStatus, error, ...(status === "ready" ? { readyAt: now } : {}) })
    .where(eq(batches.id, run.batchId))
    .run();
}

/** A run's steps in execution order. */
export function listSteps(db: Db, runId: number): StepRow[] {
  return db.select().from(pipelineSteps).where(eq(pipelineSteps.runId, runId)).orderBy(pipelineSteps.id).all();
}

/** Marks a step running (creating it, or counting another attempt after a crash or failure). */
export function startStep(db: Db, runId: number, step: PipelineStep, now: Date): void {
  db.insert(pipelineSteps)
    .values({ runId, step, status: "running", attempts: 1, startedAt: now })
    .onConflictDoUpdate({
      target: [pipelineSteps.runId, pipelineSteps.step],
      set: { status: "running", attempts: sql`${pipelineSteps.attempts} + 1`, error: null, startedAt: now, finishedAt: null },
    })
    .run();
}

/** Stores a finished step's output. Run inside a transaction with the step's own writes. */
export function finishStep(db: Db, runId: number, step: PipelineStep, output: unknown, summary: string, now: Date): void {
  db.update(pipelineSteps)
    .set({ status: "done", output, summary, error: null, finishedAt: now })
    .where(and(eq(pipelineSteps.runId, runId), eq(pipelineSteps.step, step)))
    .run();
}

/** Records a step's failure in plain words. */
export function failStep(db: Db, runId: number, step: PipelineStep, error: string, now: Date): void {
  db.update(pipelineSteps)
    .set({ status: "failed", error, finishedAt: now })
    .where(and(eq(pipelineSteps.runId, runId), eq(pipelineSteps.step, step)))
    .run();
}

/** True when the step finished (checked inside write transactions so two executions cannot both apply it). */
export function stepDone(db: Db, runId: number, step: PipelineStep): boolean {
  return (
    db
      .select({ id: pipelineSteps.id })
      .from(pipelineSteps)
      .where(and(eq(pipelineSteps.runId, runId), eq(pipelineSteps.step, step), eq(pipelineSteps.status, "done")))
      .get() !== undefined
  );
}

/** Runs `write` and finishes the step in one transaction, unless the step is already done. Returns false when skipped. */
export function completeStepOnce(
  db: Db,
  runId: number,
  step: PipelineStep,
  now: Date,
  write: (tx: Db) => { output: unknown; summary: string },
): boolean {
  // IMMEDIATE: a deferred transaction that reads first cannot wait for the write lock. When another process
  // (the server beside a CLI run) commits between the read and the write, SQLite answers "database is locked"
  // at once (SQLITE_BUSY_SNAPSHOT), busy_timeout or not.
  return db.transaction(
    (tx) => {
      if (stepDone(tx as unknown as Db, runId, step)) return false;
      const { output, summary } = write(tx as unknown as Db);
      finishStep(tx as unknown as Db, runId, step, output, summary, now);
      return true;
    },
    { behavior: "immediate" },
  );
}

/** Inserts draft items for a batch; returns their ids in order. */
export function insertDraftItems(db: Db, batchId: number, items: NewItem[], now: Date): number[] {
  return items.map(
    (it) =>
      db
        .insert(contentItems)
        .values({ ...it, batchId, status: "draft", createdAt: now, updatedAt: now })
        .returning({ id: contentItems.id })
        .get().id,
  );
}

/** A batch's items in creation order. */
export function batchItems(db: Db, batchId: number): ItemRow[] {
  return db.select().from(contentItems).where(eq(contentItems.batchId, batchId)).orderBy(contentItems.id).all();
}

/** Marks an item's media as waiting for the media studio. */
export function setMediaWaiting(db: Db, itemId: number, now: Date): void {
  db.update(contentItems)
    .set({ mediaStatus: "waiting", updatedAt: now })
    .where(and(eq(contentItems.id, itemId), eq(contentItems.mediaStatus, "none")))
    .run();
}

/** Sets an item's planned time and the optimizer's reason. */
export function setItemPlan(db: Db, itemId: number, plannedAt: Date, reason: string, now: Date): void {
  db.update(contentItems).set({ plannedAt, reason, updatedAt: now }).where(eq(contentItems.id, itemId)).run();
}

/** Planned times of the user's posts in a time window, outside one batch (so new posts avoid their minutes). */
export function plannedTimes(db: Db, userId: number, from: Date, to: Date, exceptBatchId: number): Date[] {
  return db
    .select({ at: contentItems.plannedAt })
    .from(contentItems)
    .where(
      and(
        eq(contentItems.userId, userId),
        isNotNull(contentItems.plannedAt),
        gte(contentItems.plannedAt, from),
        lt(contentItems.plannedAt, to),
        ne(contentItems.batchId, exceptBatchId),
      ),
    )
    .all()
    .map((r) => r.at!);
}

/** Active web apps with their owners' time zones (the nightly schedule walks these). */
export function listActiveTargets(db: Db): RunTarget[] {
  return db
    .select({ app: webapps, timezone: users.timezone })
    .from(webapps)
    .innerJoin(users, eq(users.id, webapps.userId))
    .where(eq(webapps.active, true))
    .all()
    .map((r) => ({ ...r.app, timezone: r.timezone }));
}
