import { and, desc, eq, isNotNull, isNull, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { reportSends } from "../db/schema/reports";
import type { PeriodKind } from "./period";

/** A claim that never became a send (the process died mid-send) may be taken again after this long. */
const STALE_CLAIM_MS = 60 * 60_000;

/**
 * Claims the report of one period for a user: true for exactly one caller, across restarts. A claim left unsent
 * for an hour (the sender died) can be claimed again.
 */
export function claimReport(db: Db, userId: number, period: PeriodKind, start: string, now: Date): boolean {
  // The schedule asks every 5 minutes all week: a period already sent is answered by one read, without a write.
  const known = db
    .select({ sentAt: reportSends.sentAt })
    .from(reportSends)
    .where(and(eq(reportSends.userId, userId), eq(reportSends.period, period), eq(reportSends.start, start)))
    .get();
  if (known?.sentAt) return false;
  const fresh = db.insert(reportSends).values({ userId, period, start, claimedAt: now }).onConflictDoNothing().returning().all();
  if (fresh.length === 1) return true;
  const stale = db
    .update(reportSends)
    .set({ claimedAt: now })
    .where(
      and(
        eq(reportSends.userId, userId),
        eq(reportSends.period, period),
        eq(reportSends.start, start),
        isNull(reportSends.sentAt),
        lt(reportSends.claimedAt, new Date(now.getTime() - STALE_CLAIM_MS)),
      ),
    )
    .returning()
    .all();
  return stale.length === 1;
}

/** Records that a claimed report went out. */
export function markReportSent(db: Db, userId: number, period: PeriodKind, start: string, now: Date): void {
  db.update(reportSends)
    .set({ sentAt: now })
    .where(and(eq(reportSends.userId, userId), eq(reportSends.period, period), eq(reportSends.start, start)))
    .run();
}

/** Gives a claim back after a failed send, so the next run retries it. */
export function releaseReport(db: Db, userId: number, period: PeriodKind, start: string): void {
  db.delete(reportSends)
    .where(and(eq(reportSends.userId, userId), eq(reportSends.period, period), eq(reportSends.start, start), isNull(reportSends.sentAt)))
    .run();
}

/** The reports sent to a user, newest period first. */
export function sentReports(db: Db, userId: number): Array<typeof reportSends.$inferSelect> {
  return db
    .select()
    .from(reportSends)
    .where(and(eq(reportSends.userId, userId), isNotNull(reportSends.sentAt)))
    .orderBy(desc(reportSends.start))
    .all();
}
