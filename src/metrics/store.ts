import { and, asc, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { oncePerDb } from "../db/prepared";
import { contentEvents, contentItems } from "../db/schema/content";
import { followerCounts, metricCollection, metricRefusals, metricSnapshots } from "../db/schema/metrics";
import { connections, publishJournal } from "../db/schema/platforms";

/** A snapshot row. */
export type SnapshotRow = typeof metricSnapshots.$inferSelect;
/** An item's collection state. */
export type CollectionRow = typeof metricCollection.$inferSelect;
/** The counters of one reading, already checked: null where the platform gives none. */
export type Counters = Omit<typeof metricSnapshots.$inferInsert, "id" | "itemId" | "userId" | "webappId" | "platform" | "takenAt">;

/** A published item not yet on the metrics schedule. */
export interface Unenrolled {
  itemId: number;
  userId: number;
  platform: string;
  remoteId: string | null;
  permalink: string | null;
  publishedAt: Date;
}

/** Published items without a collection state (new posts, posts marked as posted by hand), with the time they were published. */
export function unenrolledItems(db: Db): Unenrolled[] {
  const publishedAt = sql<number>`coalesce((select max(${contentEvents.at}) from ${contentEvents} where ${contentEvents.itemId} = ${contentItems.id} and ${contentEvents.toStatus} = 'published'), ${contentItems.updatedAt})`;
  return db
    .select({
      itemId: contentItems.id,
      userId: contentItems.userId,
      platform: contentItems.platform,
      remoteId: contentItems.remoteId,
      permalink: contentItems.permalink,
      publishedAt: publishedAt.mapWith((v: number) => new Date(v)),
    })
    .from(contentItems)
    .leftJoin(metricCollection, eq(metricCollection.itemId, contentItems.id))
    .where(and(eq(contentItems.status, "published"), isNull(metricCollection.itemId)))
    .all();
}

/** Puts items on the schedule (or records why they cannot be read); an item already there is left as it is. */
export function enroll(db: Db, rows: (typeof metricCollection.$inferInsert)[]): void {
  if (rows.length === 0) return;
  try {
    db.transaction(() => {
      for (let i = 0; i < rows.length; i += 500)
        db.insert(metricCollection)
          .values(rows.slice(i, i + 500))
          .onConflictDoNothing()
          .run();
    });
  } catch (e) {
    throw new Error(`metrics.store: cannot enroll ${rows.length} items: ${e instanceof Error ? e.message : e}`);
  }
}

/** An item due for a reading, with what the collector needs to ask for it. */
export interface DueItem {
  itemId: number;
  userId: number;
  webappId: number;
  platform: string;
  remoteId: string;
  publishedAt: Date;
  failures: number;
  problem: string | null;
  /** The account the item was published through (none for posts marked as posted by hand). */
  journalConnectionId: number | null;
}

const dueColumns = {
  itemId: metricCollection.itemId,
  userId: metricCollection.userId,
  webappId: contentItems.webappId,
  platform: metricCollection.platform,
  remoteId: sql<string>`${metricCollection.remoteId}`,
  publishedAt: metricCollection.publishedAt,
  failures: metricCollection.failures,
  problem: metricCollection.problem,
  journalConnectionId: publishJournal.connectionId,
};

/** Items whose next reading is due at `now`, oldest due first. */
export function dueItems(db: Db, now: Date, limit = 100_000): DueItem[] {
  return db
    .select(dueColumns)
    .from(metricCollection)
    .innerJoin(contentItems, eq(contentItems.id, metricCollection.itemId))
    .leftJoin(publishJournal, eq(publishJournal.itemId, metricCollection.itemId))
    .where(and(eq(metricCollection.state, "collecting"), lte(metricCollection.nextDueAt, now)))
    .orderBy(asc(metricCollection.nextDueAt))
    .limit(limit)
    .all();
}

/** One item to read now whatever its schedule (`metrics:collect --item`), unless it was removed or cannot be read. */
export function itemToRead(db: Db, itemId: number): DueItem | undefined {
  return db
    .select(dueColumns)
    .from(metricCollection)
    .innerJoin(contentItems, eq(contentItems.id, metricCollection.itemId))
    .leftJoin(publishJournal, eq(publishJournal.itemId, metricCollection.itemId))
    .where(and(eq(metricCollection.itemId, itemId), inArray(metricCollection.state, ["collecting", "done"])))
    .get();
}

/** An item's collection state, or undefined when it is not on the schedule. */
export function collectionOf(db: Db, itemId: number): CollectionRow | undefined {
  return db.select().from(metricCollection).where(eq(metricCollection.itemId, itemId)).get();
}

/** The item's readings, oldest first. */
export function snapshotsOf(db: Db, itemId: number): SnapshotRow[] {
  return db.select().from(metricSnapshots).where(eq(metricSnapshots.itemId, itemId)).orderBy(asc(metricSnapshots.takenAt)).all();
}

/** The item's last good reading, or undefined. */
export function lastSnapshot(db: Db, itemId: number): SnapshotRow | undefined {
  return lastOf(db).get({ itemId });
}

const lastOf = oncePerDb((db) =>
  db
    .select()
    .from(metricSnapshots)
    .where(eq(metricSnapshots.itemId, sql.placeholder("itemId")))
    .orderBy(desc(metricSnapshots.takenAt))
    .limit(1)
    .prepare(),
);

/**
 * Appends a good reading and moves the item to its next reading (or ends its schedule); clears any problem. The insert
 * also moves the item's latest reading on its collection row (a trigger, in the same statement's transaction), which the
 * analytics page reads instead of the series.
 */
export function recordReading(db: Db, item: DueItem, c: Counters, takenAt: Date, nextDueAt: Date | undefined): void {
  insertSnapshot(db).run({
    itemId: item.itemId,
    userId: item.userId,
    webappId: item.webappId,
    platform: item.platform,
    takenAt,
    views: c.views ?? null,
    impressions: c.impressions ?? null,
    reach: c.reach ?? null,
    likes: c.likes ?? null,
    comments: c.comments ?? null,
    shares: c.shares ?? null,
    saves: c.saves ?? null,
    watchTimeSeconds: c.watchTimeSeconds ?? null,
    avgViewSeconds: c.avgViewSeconds ?? null,
    completionRate: c.completionRate ?? null,
    profileVisits: c.profileVisits ?? null,
  });
  markGood(db).run({
    itemId: item.itemId,
    at: takenAt.getTime(),
    next: nextDueAt ? nextDueAt.getTime() : null,
    state: nextDueAt ? "collecting" : "done",
  });
}

const P = (name: string) => sql.placeholder(name);
const insertSnapshot = oncePerDb((db) =>
  db
    .insert(metricSnapshots)
    .values({
      itemId: P("itemId"),
      userId: P("userId"),
      webappId: P("webappId"),
      platform: P("platform"),
      takenAt: P("takenAt"),
      views: P("views"),
      impressions: P("impressions"),
      reach: P("reach"),
      likes: P("likes"),
      comments: P("comments"),
      shares: P("shares"),
      saves: P("saves"),
      watchTimeSeconds: P("watchTimeSeconds"),
      avgViewSeconds: P("avgViewSeconds"),
      completionRate: P("completionRate"),
      profileVisits: P("profileVisits"),
    })
    .prepare(),
);

const markGood = oncePerDb((db) =>
  db
    .update(metricCollection)
    .set({
      lastGoodAt: sql`${P("at")}`,
      lastTriedAt: sql`${P("at")}`,
      nextDueAt: sql`${P("next")}`,
      state: sql`${P("state")}`,
      problem: null,
      problemAt: null,
      failures: 0,
    })
    .where(eq(metricCollection.itemId, P("itemId")))
    .prepare(),
);

/**
 * Records a failed or refused reading: the next try at `nextDueAt` (none ends the schedule), and the problem
 * when it differs from the one already recorded. Returns true when the problem is new (for a one-time history line).
 */
export function recordProblem(
  db: Db,
  itemId: number,
  problem: string,
  now: Date,
  nextDueAt: Date | undefined,
  opts: { countFailure?: boolean } = {},
): boolean {
  const row = db
    .update(metricCollection)
    .set({
      lastTriedAt: now,
      nextDueAt: nextDueAt ?? null,
      state: nextDueAt ? "collecting" : "done",
      failures: opts.countFailure ? sql`${metricCollection.failures} + 1` : metricCollection.failures,
      problem,
      problemAt: sql`case when ${metricCollection.problem} is ${problem} then ${metricCollection.problemAt} else ${now.getTime()} end`,
    })
    .where(eq(metricCollection.itemId, itemId))
    .returning({ problemAt: metricCollection.problemAt })
    .get();
  return row?.problemAt?.getTime() === now.getTime();
}

/** Ends an item's schedule because the post is gone from the platform. */
export function markRemoved(db: Db, itemId: number, reason: string, now: Date): void {
  db.update(metricCollection)
    .set({ state: "removed", removedAt: now, lastTriedAt: now, nextDueAt: null, problem: reason, problemAt: now })
    .where(eq(metricCollection.itemId, itemId))
    .run();
}

/** Moves an item's next reading (a wait for a rate limit or a blocked account) without recording a problem. */
export function postpone(db: Db, itemId: number, until: Date): void {
  db.update(metricCollection).set({ nextDueAt: until }).where(eq(metricCollection.itemId, itemId)).run();
}

/** A connection's permanent refusal to give metrics, or undefined. */
export function refusalOf(db: Db, connectionId: number): typeof metricRefusals.$inferSelect | undefined {
  return db.select().from(metricRefusals).where(eq(metricRefusals.connectionId, connectionId)).get();
}

/** Records (or replaces) a connection's permanent refusal; `partial` when the platform still gives the other counters. */
export function recordRefusal(db: Db, connectionId: number, reason: string, needs: string, now: Date, partial = false): void {
  db.insert(metricRefusals)
    .values({ connectionId, reason, needs, refusedAt: now, partial })
    .onConflictDoUpdate({ target: metricRefusals.connectionId, set: { reason, needs, refusedAt: now, partial } })
    .run();
}

/** Clears a connection's refusal (a good reading came back). */
export function clearRefusal(db: Db, connectionId: number): void {
  db.delete(metricRefusals).where(eq(metricRefusals.connectionId, connectionId)).run();
}

/** True when the account already has a follower count for `day`. */
export function hasFollowerCount(db: Db, connectionId: number, day: string): boolean {
  return !!db
    .select({ id: followerCounts.id })
    .from(followerCounts)
    .where(and(eq(followerCounts.connectionId, connectionId), eq(followerCounts.day, day)))
    .get();
}

/** Stores the account's follower count for `day` (the first reading of the day stays). */
export function saveFollowerCount(
  db: Db,
  row: { connectionId: number; userId: number; platform: string; day: string; followers: number; takenAt: Date },
): void {
  db.insert(followerCounts).values(row).onConflictDoNothing().run();
}

/** An account's follower counts, oldest day first. */
export function followerHistory(db: Db, connectionId: number): (typeof followerCounts.$inferSelect)[] {
  return db.select().from(followerCounts).where(eq(followerCounts.connectionId, connectionId)).orderBy(asc(followerCounts.day)).all();
}

/** Connected accounts in good standing, for the daily follower count. */
export function connectedAccounts(db: Db): (typeof connections.$inferSelect)[] {
  return db.select().from(connections).where(eq(connections.status, "ok")).orderBy(asc(connections.id)).all();
}

/** A user's accounts whose platform refuses them metrics, with the scope or plan to add: for the Platforms page. */
export function metricRefusalsOf(
  db: Db,
  userId: number,
): { connectionId: number; platform: string; accountName: string; reason: string; needs: string; partial: boolean; refusedAt: Date }[] {
  return db
    .select({
      connectionId: metricRefusals.connectionId,
      platform: connections.platform,
      accountName: connections.accountName,
      reason: metricRefusals.reason,
      needs: metricRefusals.needs,
      partial: metricRefusals.partial,
      refusedAt: metricRefusals.refusedAt,
    })
    .from(metricRefusals)
    .innerJoin(connections, eq(connections.id, metricRefusals.connectionId))
    .where(eq(connections.userId, userId))
    .orderBy(asc(connections.platform))
    .all();
}
