import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { scheduleRuns } from "../db/schema/jobs";

/** One recorded schedule run. */
export type ScheduleRunRow = typeof scheduleRuns.$inferSelect;

/** Records that a schedule started; returns the row id to finish later. */
export function recordScheduleStart(db: Db, name: string, now: Date): number {
  return db.insert(scheduleRuns).values({ name, startedAt: now }).returning({ id: scheduleRuns.id }).get().id;
}

/** Records how a schedule run ended. */
export function recordScheduleFinish(db: Db, id: number, outcome: "ok" | "error", detail: string, now: Date): void {
  db.update(scheduleRuns).set({ outcome, detail, finishedAt: now }).where(eq(scheduleRuns.id, id)).run();
}

/** The latest run of each schedule, by name. */
export function lastScheduleRuns(db: Db): Map<string, ScheduleRunRow> {
  const rows = db.select().from(scheduleRuns).where(sql`${scheduleRuns.id} IN (SELECT MAX(id) FROM schedule_runs GROUP BY name)`).all();
  return new Map(rows.map((r) => [r.name, r]));
}

/** A schedule's recent runs, newest first. */
export function recentScheduleRuns(db: Db, name: string, limit = 10): ScheduleRunRow[] {
  return db.select().from(scheduleRuns).where(eq(scheduleRuns.name, name)).orderBy(desc(scheduleRuns.id)).limit(limit).all();
}
