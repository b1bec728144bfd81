import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { oncePerDb } from "../db/prepared";
import { batchAnnouncements, notifications } from "../db/schema/approvals";
import type { DigestChannel } from "../model/digest-channels";

/** An in-app notification row. */
export type NotificationRow = typeof notifications.$inferSelect;

/** Adds an in-app notification. */
export function addNotification(
  db: Db,
  n: { userId: number; kind: string; title: string; body?: string; href?: string },
  now: Date,
): NotificationRow {
  return db
    .insert(notifications)
    .values({ ...n, body: n.body ?? "", href: n.href ?? "", createdAt: now })
    .returning()
    .get();
}

// The sidebar's bell shows this on every signed-in page: prepared once per database.
const unreadOf = oncePerDb((db) =>
  db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, sql.placeholder("userId")), isNull(notifications.readAt)))
    .prepare(),
);

/** How many of the user's notifications are unread. */
export function unreadCount(db: Db, userId: number): number {
  return unreadOf(db).get({ userId })?.n ?? 0;
}

/** The user's latest notifications, newest first. */
export function listNotifications(db: Db, userId: number, limit = 50): NotificationRow[] {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.id)).limit(limit).all();
}

/** Marks all of the user's notifications read. */
export function markAllRead(db: Db, userId: number, now: Date): void {
  db.update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .run();
}

/**
 * Claims the announcement of a batch on a channel: true only for the first caller, so a digest run
 * and a batch.ready listener racing each other announce once.
 */
export function claimAnnouncement(db: Db, batchId: number, userId: number, channel: DigestChannel, now: Date): boolean {
  return (
    db
      .insert(batchAnnouncements)
      .values({ batchId, userId, channel, sentAt: now })
      .onConflictDoNothing()
      .returning({ id: batchAnnouncements.id })
      .all().length === 1
  );
}

/** Gives a claim back after a failed send, so the next digest run retries it. */
export function releaseAnnouncement(db: Db, batchId: number, channel: DigestChannel): void {
  db.delete(batchAnnouncements)
    .where(and(eq(batchAnnouncements.batchId, batchId), eq(batchAnnouncements.channel, channel)))
    .run();
}
